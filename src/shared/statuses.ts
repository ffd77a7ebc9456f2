// Runs in: every process. The names of payout, item and transaction statuses, and labels for people.
// The rules that move payouts and items live in src/main/domain/statusMachine.ts; transactions move
// through the chain engine's journal (src/main/chain/journal.ts).
import { assertNever } from './result'

export const PAYOUT_STATUSES = ['draft', 'pending', 'in_progress', 'completed', 'failed', 'cancelled'] as const
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number]

/**
 * `needs_check`: the row's transaction has no receipt the network will show us, yet the paying
 * account's nonce is used: whether it paid is unknown. It is never paid again automatically; a
 * person looks the transaction up and confirms, or the network shows its outcome later.
 */
export const ITEM_STATUSES = ['draft', 'queued', 'in_progress', 'needs_check', 'paid', 'failed', 'cancelled'] as const
export type ItemStatus = (typeof ITEM_STATUSES)[number]

/** A signed transaction's state in the journal. */
export const TX_STATE = {
  /** Signed and persisted; not known to have reached a node (or a reorg/drop put it back here). */
  signed: 'signed',
  /** A node accepted it (or said it already knew it); waiting to be mined. */
  broadcast: 'broadcast',
  /** In a block, fewer confirmations than the network's depth. A reorg can still drop it. */
  mined: 'mined',
  /** Final: in a block at the confirmation depth. */
  confirmed: 'confirmed',
  /**
   * Not final, not live: the account's nonce is used on chain, but no endpoint serves a receipt of
   * this transaction (or of its replacements) and no other transaction at that nonce could be
   * read. Whether it paid is unknown: never re-sent, re-checked on later passes, its items need checking.
   */
  unverified: 'unverified',
  /** Final: will never pay (reverted at depth, or its nonce was taken by another transaction we read). */
  failed: 'failed',
  /** Final: another transaction with the same nonce (a speed-up or cancel of ours) was confirmed. */
  replaced: 'replaced'
} as const
export type TxState = (typeof TX_STATE)[keyof typeof TX_STATE]

/** What a journalled transaction is for. */
export const TX_PURPOSE = {
  /** Pays its items (a native or token transfer, or one batch chunk). Speed-ups keep this purpose. */
  payment: 'payment',
  /** ERC-20 approval of exactly the batch total; its items are the ones the batch will pay. */
  approve: 'approve',
  /** 0-value self-transfer replacing a payment: if it is confirmed, the items are not paid. */
  cancel: 'cancel',
  /** ERC-20 approval of 0 to the batch contract: takes back an allowance a cancelled payout left. No items. */
  revoke: 'revoke'
} as const
export type TxPurpose = (typeof TX_PURPOSE)[keyof typeof TX_PURPOSE]

export const PAYOUT_KINDS = ['single', 'mass'] as const
export type PayoutKind = (typeof PAYOUT_KINDS)[number]

export function payoutStatusLabel(status: PayoutStatus): string {
  switch (status) {
    case 'draft':
      return 'Draft'
    case 'pending':
      return 'Pending'
    case 'in_progress':
      return 'In progress'
    case 'completed':
      return 'Completed'
    case 'failed':
      return 'Failed'
    case 'cancelled':
      return 'Cancelled'
    default:
      return assertNever(status, 'payout status')
  }
}

export function itemStatusLabel(status: ItemStatus): string {
  switch (status) {
    case 'draft':
      return 'Draft'
    case 'queued':
      return 'Queued'
    case 'in_progress':
      return 'Sending'
    case 'needs_check':
      return 'Needs checking'
    case 'paid':
      return 'Paid'
    case 'failed':
      return 'Failed'
    case 'cancelled':
      return 'Cancelled'
    default:
      return assertNever(status, 'item status')
  }
}

export function payoutKindLabel(kind: PayoutKind): string {
  switch (kind) {
    case 'single':
      return 'Single'
    case 'mass':
      return 'Mass'
    default:
      return assertNever(kind, 'payout kind')
  }
}
