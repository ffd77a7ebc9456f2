// Runs in: tests (plain Node). An ExecutionJournal kept in memory, optionally mirrored to a JSON
// file written atomically on every change so a test can kill a process and resume from the file.
// It also tracks item statuses the way the store will, so tests can assert each item's fate.
import { readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs'
import {
  LIVE_TX_STATES,
  TX_STATE,
  type TxState,
  type Confirmation,
  type ExecutionJournal,
  type JournalTx,
  type NewJournalTx,
  type TxFailure
} from '../main/chain/journal'

export type TestItemStatus = 'in_progress' | 'needs_check' | 'paid' | 'failed'

interface Snapshot {
  txs: JournalTx[]
  items: Record<string, { status: TestItemStatus; failure?: TxFailure }>
  /** Every state change, for assertions on the order of events. */
  log: string[]
}

const replacer = (_k: string, v: unknown): unknown => (typeof v === 'bigint' ? { $big: v.toString() } : v)
const reviver = (_k: string, v: unknown): unknown =>
  typeof v === 'object' && v !== null && '$big' in v ? BigInt((v as { $big: string }).$big) : v

export class MemoryJournal implements ExecutionJournal {
  private data: Snapshot

  constructor(private readonly path?: string) {
    this.data =
      path && existsSync(path)
        ? (JSON.parse(readFileSync(path, 'utf8'), reviver) as Snapshot)
        : { txs: [], items: {}, log: [] }
  }

  get txs(): readonly JournalTx[] {
    return this.data.txs
  }
  get log(): readonly string[] {
    return this.data.log
  }
  item(itemId: string): { status: TestItemStatus; failure?: TxFailure } | undefined {
    return this.data.items[itemId]
  }

  private save(): void {
    if (!this.path) return
    writeFileSync(`${this.path}.tmp`, JSON.stringify(this.data, replacer), { flush: true })
    renameSync(`${this.path}.tmp`, this.path)
  }

  private update(hash: string, change: (tx: JournalTx) => JournalTx, event: string): JournalTx {
    const index = this.data.txs.findIndex((t) => t.hash === hash)
    const tx = this.data.txs[index]
    if (!tx) throw new Error(`journal has no transaction ${hash}`)
    const next = change(tx)
    this.data.txs[index] = next
    this.data.log.push(`${event} ${hash}`)
    return next
  }

  recordSigned(tx: NewJournalTx): void {
    if (this.data.txs.some((t) => t.hash === tx.hash)) throw new Error(`transaction ${tx.hash} recorded twice`)
    this.data.txs.push({ ...tx, state: TX_STATE.signed })
    for (const id of tx.itemIds) this.data.items[id] = { status: 'in_progress' }
    this.data.log.push(`signed ${tx.hash}`)
    this.save()
  }
  /** Items that needed checking because of `tx` are in progress again: the transaction is known again. */
  private restoreItems(tx: JournalTx, from: TxState): void {
    if (from !== TX_STATE.unverified) return
    for (const id of tx.itemIds)
      if (this.data.items[id]?.status === 'needs_check') this.data.items[id] = { status: 'in_progress' }
  }
  markBroadcast(hash: string): void {
    this.update(hash, (t) => ({ ...t, state: TX_STATE.broadcast }), 'broadcast')
    this.save()
  }
  markMined(hash: string, block: { number: bigint; hash: string }): void {
    const before = this.stateOf(hash)
    this.restoreItems(
      this.update(hash, (t) => ({ ...t, state: TX_STATE.mined, block }), 'mined'),
      before
    )
    this.save()
  }
  markUnmined(hash: string): void {
    const before = this.stateOf(hash)
    this.restoreItems(
      this.update(hash, ({ block: _b, ...t }) => ({ ...t, state: TX_STATE.broadcast }), 'unmined'),
      before
    )
    this.save()
  }
  markUnverified(hash: string, note: TxFailure): void {
    const tx = this.update(hash, (t) => ({ ...t, state: TX_STATE.unverified, failure: note }), 'unverified')
    for (const id of tx.itemIds)
      if (this.data.items[id]?.status === 'in_progress') this.data.items[id] = { status: 'needs_check', failure: note }
    this.save()
  }
  markReorged(hash: string): void {
    const tx = this.update(hash, ({ block: _b, ...t }) => ({ ...t, state: TX_STATE.broadcast }), 'reorged')
    for (const sibling of this.listByNonce(tx.chainId, tx.from, tx.nonce))
      if (sibling.state === TX_STATE.replaced)
        this.update(sibling.hash, (t) => ({ ...t, state: TX_STATE.broadcast }), 'reorged')
    for (const id of tx.itemIds) this.data.items[id] = { status: 'in_progress' }
    this.save()
  }
  private stateOf(hash: string): TxState {
    const tx = this.data.txs.find((t) => t.hash === hash)
    if (!tx) throw new Error(`journal has no transaction ${hash}`)
    return tx.state
  }
  markConfirmed(hash: string, confirmation: Confirmation): void {
    this.update(hash, (t) => ({ ...t, state: TX_STATE.confirmed, block: confirmation.block }), 'confirmed')
    for (const outcome of confirmation.items) {
      const previous = this.data.items[outcome.itemId]
      if (previous?.status === 'paid') throw new Error(`item ${outcome.itemId} settled as paid twice`)
      this.data.items[outcome.itemId] = outcome.paid
        ? { status: 'paid' }
        : { status: outcome.needsCheck === true ? 'needs_check' : 'failed', failure: outcome.failure }
    }
    this.save()
  }
  markFailed(hash: string, failure: TxFailure): void {
    const tx = this.update(hash, (t) => ({ ...t, state: TX_STATE.failed, failure }), 'failed')
    for (const id of tx.itemIds) this.data.items[id] = { status: 'failed', failure }
    this.save()
  }
  markReplaced(hash: string, byHash: string): void {
    this.update(hash, (t) => ({ ...t, state: TX_STATE.replaced }), `replaced-by-${byHash}`)
    this.save()
  }
  listUnsettled(): readonly JournalTx[] {
    return this.data.txs.filter((t) => LIVE_TX_STATES.includes(t.state))
  }
  listUnverified(): readonly JournalTx[] {
    return this.data.txs.filter((t) => t.state === TX_STATE.unverified)
  }
  listConfirmedSince(chainId: bigint, fromBlock: bigint): readonly JournalTx[] {
    return this.data.txs.filter(
      (t) => t.chainId === chainId && t.state === TX_STATE.confirmed && (t.block?.number ?? -1n) >= fromBlock
    )
  }
  listOfPayout(payoutId: string): readonly JournalTx[] {
    return this.data.txs.filter((t) => t.payoutId === payoutId)
  }
  listByNonce(chainId: bigint, from: string, nonce: number): readonly JournalTx[] {
    return this.data.txs.filter(
      (t) => t.chainId === chainId && t.from.toLowerCase() === from.toLowerCase() && t.nonce === nonce
    )
  }
  highestNonce(chainId: bigint, from: string): number | undefined {
    let max: number | undefined
    for (const t of this.data.txs) {
      if (t.chainId === chainId && t.from.toLowerCase() === from.toLowerCase() && (max === undefined || t.nonce > max))
        max = t.nonce
    }
    return max
  }
}
