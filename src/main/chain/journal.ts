// Runs in: main (plain Node). The persistence the chain engine needs, and nothing more: the journal
// of signed transactions. The store implements it on SQLite; the engine only ever talks to this
// interface. Every method must be durable when it returns (or its promise resolves), except
// markBroadcast, which may become durable with the next durable write: losing it leaves the
// transaction 'signed', which the tracker settles from the chain (by hash, or by re-sending the
// same bytes), so it never decides what is paid.
//
// Rules the implementation must keep:
// - recordSigned is the "never pay twice" write: in ONE database transaction it stores the signed
//   transaction and moves its items to in_progress. The engine broadcasts only after it resolves.
//   It may make the record visible (to highestNonce, claiming the nonce) before it resolves, while
//   the write reaches the disk; the engine checks that visibility before letting the next step
//   allocate a nonce, and waits for the promise otherwise.
// - Item fates come only from markConfirmed (per-item outcomes) and markFailed (all its items
//   fail with the reason). An outcome that needs checking is no fate: the row waits for a person.
//   markBroadcast, markMined, markUnmined and markReplaced change the transaction's state; their
//   only effect on items is to take back a "needs checking" that markUnverified put on them (the
//   transaction is known again: its items are in progress).
// - markUnverified is not a fate: the transaction's outcome is unknown, and its items need
//   checking until the network shows the outcome or a person confirms a row was not paid.
// - markReorged undoes a fate: a confirmed transaction whose block left the chain is live again,
//   and the items it settled are in progress again.
// - `itemIds` are in calldata order: for a batch, itemIds[i] is paid by recipients[i].

import { TX_STATE, type TxPurpose, type TxState } from '../../shared/statuses'

export { TX_PURPOSE, TX_STATE, type TxPurpose, type TxState } from '../../shared/statuses'

export const LIVE_TX_STATES: readonly TxState[] = [TX_STATE.signed, TX_STATE.broadcast, TX_STATE.mined]
/** Live or unverified: the transaction may still pay, so it covers its items and is followed. */
export const OPEN_TX_STATES: readonly TxState[] = [...LIVE_TX_STATES, TX_STATE.unverified]

export interface NewJournalTx {
  readonly payoutId: string
  /** Index of the plan step this transaction executes (replacements keep the step). */
  readonly step: number
  readonly purpose: TxPurpose
  readonly chainId: bigint
  readonly from: string
  readonly nonce: number
  /** 0x-prefixed signed bytes: the only bytes ever broadcast for this record. */
  readonly raw: string
  readonly hash: string
  readonly itemIds: readonly string[]
  /** For speed-ups and cancels: the hash of the transaction this one replaces. */
  readonly replaces?: string
}

export interface JournalTx extends NewJournalTx {
  readonly state: TxState
  readonly block?: { readonly number: bigint; readonly hash: string }
  readonly failure?: TxFailure
}

export interface TxFailure {
  readonly code: string
  readonly reason: string
}

export type ItemOutcome =
  | { readonly itemId: string; readonly paid: true }
  | {
      readonly itemId: string
      readonly paid: false
      readonly failure: TxFailure
      /**
       * The transaction succeeded but the chain, as the endpoint serves it, does not show this row's
       * payment: no evidence that it was not paid. The row needs checking, never fails.
       */
      readonly needsCheck?: true
    }

export interface Confirmation {
  readonly block: { readonly number: bigint; readonly hash: string }
  readonly gasUsed: bigint
  /** Network fee actually paid, in the native coin's base units (gasUsed x effective gas price, plus a rollup's L1 fee). */
  readonly feePaid: bigint
  /** Outcomes for the items this transaction settles; items not listed keep their status. */
  readonly items: readonly ItemOutcome[]
}

type Awaitable<T> = T | Promise<T>

export interface ExecutionJournal {
  recordSigned(tx: NewJournalTx): Awaitable<void>
  markBroadcast(hash: string): Awaitable<void>
  markMined(hash: string, block: { readonly number: bigint; readonly hash: string }): Awaitable<void>
  /** A reorg removed the block it was in: back to broadcast (pending confirmation). */
  markUnmined(hash: string): Awaitable<void>
  markConfirmed(hash: string, confirmation: Confirmation): Awaitable<void>
  markFailed(hash: string, failure: TxFailure): Awaitable<void>
  markReplaced(hash: string, byHash: string): Awaitable<void>
  /** Live -> unverified; its items in progress need checking, with `note` saying why and what to look up. */
  markUnverified(hash: string, note: TxFailure): Awaitable<void>
  /**
   * A confirmed transaction's block left the chain: it and the same-nonce transactions it replaced
   * are live again (broadcast), and the items it settled are in progress again.
   */
  markReorged(hash: string): Awaitable<void>
  /** Every transaction in a live state (signed, broadcast, mined), oldest first. */
  listUnsettled(): Awaitable<readonly JournalTx[]>
  /** Every unverified transaction, oldest first. */
  listUnverified(): Awaitable<readonly JournalTx[]>
  /** Confirmed transactions of a chain in blocks numbered `fromBlock` or higher (the reorg re-check). */
  listConfirmedSince(chainId: bigint, fromBlock: bigint): Awaitable<readonly JournalTx[]>
  /** Every transaction of one payout, any state, oldest first. */
  listOfPayout(payoutId: string): Awaitable<readonly JournalTx[]>
  /** Every transaction, any state, of one (chain, from, nonce): the original and its replacements. */
  listByNonce(chainId: bigint, from: string, nonce: number): Awaitable<readonly JournalTx[]>
  /** Highest nonce ever recorded for this account on this chain, any state. */
  highestNonce(chainId: bigint, from: string): Awaitable<number | undefined>
}
