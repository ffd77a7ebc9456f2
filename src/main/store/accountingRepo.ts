// Runs in: main (plain Node). The accounting records in SQLite: chain facts of sent transactions,
// the rates used to value them, reconciliation results, and payout schedules with their runs.
// Amounts and rates cross this boundary as bigint; rows are mapped by column name.
import type { ReadDb, WriteDb } from './db'
import { fromStoredAmount, toStoredAmount } from '../domain/money'

type Db = ReadDb | WriteDb

// ---- Sent transactions as the ledger and reconciliation read them

export interface SentTransaction {
  readonly hash: string
  readonly payoutId: string
  readonly purpose: 'payment' | 'approve' | 'cancel'
  readonly chainId: number
  readonly from: string
  readonly nonce: number
  readonly raw: string
  readonly state: string
  readonly blockNumber: bigint | null
  /** The fee the journal recorded at confirmation (gas used x effective price), if any. */
  readonly feePaid: bigint | null
}

interface SentRow {
  hash: string
  payout_id: string
  purpose: SentTransaction['purpose']
  chain_id: string
  sender: string
  nonce: number
  raw: string
  state: string
  block_number: string | null
  fee_paid: string | null
}

const toSent = (r: SentRow): SentTransaction => ({
  hash: r.hash,
  payoutId: r.payout_id,
  purpose: r.purpose,
  chainId: Number(r.chain_id),
  from: r.sender,
  nonce: r.nonce,
  raw: r.raw,
  state: r.state,
  blockNumber: r.block_number === null ? null : BigInt(r.block_number),
  feePaid: r.fee_paid === null ? null : fromStoredAmount(r.fee_paid)
})

/**
 * A payout's transactions that reached the chain for good: confirmed, or failed once mined (a
 * reverted transaction still paid its fee). One that failed without ever being mined (its nonce
 * was taken) did nothing on chain and is not listed.
 */
export function finalTransactions(db: Db, payoutId: string): SentTransaction[] {
  return (
    db
      .prepare(
        "SELECT * FROM transactions WHERE payout_id = ? AND (state = 'confirmed' OR (state = 'failed' AND block_number IS NOT NULL)) ORDER BY step, rowid"
      )
      .all(payoutId) as SentRow[]
  ).map(toSent)
}

/**
 * Settled payouts (completed or failed) with a final transaction whose block and fee were never
 * read, or a feed that could not be read at all: their capture is owed and is tried again.
 */
export function payoutsAwaitingCapture(db: Db): Array<{ payoutId: string; feedUnreadable: boolean }> {
  return (
    db
      .prepare(
        `SELECT p.id AS id, EXISTS (
           SELECT 1 FROM fiat_rates r WHERE r.payout_id = p.id AND r.source = 'chainlink' AND r.rate_units IS NULL
             AND r.issues LIKE '%"feed_unreadable"%') AS unreadable
         FROM payouts p
         WHERE p.status IN ('completed', 'failed') AND (
           EXISTS (SELECT 1 FROM transactions t WHERE t.payout_id = p.id
             AND (t.state = 'confirmed' OR (t.state = 'failed' AND t.block_number IS NOT NULL))
             AND NOT EXISTS (SELECT 1 FROM transaction_facts f WHERE f.tx_hash = t.hash))
           OR unreadable)
         ORDER BY p.updated_at, p.id`
      )
      .all() as Array<{ id: string; unreadable: number }>
  ).map((r) => ({ payoutId: r.id, feedUnreadable: r.unreadable === 1 }))
}

/** The items a transaction carries, in calldata order. */
export function transactionItemRows(db: Db, hash: string): Array<{ payoutId: string; row: number }> {
  return (
    db.prepare('SELECT payout_id, row FROM transaction_items WHERE tx_hash = ? ORDER BY position').all(hash) as Array<{
      payout_id: string
      row: number
    }>
  ).map((r) => ({ payoutId: r.payout_id, row: r.row }))
}

export interface PaidItem {
  readonly row: number
  readonly address: string
  readonly amount: bigint
  readonly name: string
  readonly reference: string
  readonly note: string
  readonly category: string
  readonly costCenter: string
  readonly txHash: string
}

interface PaidRow {
  row: number
  address: string
  amount: string
  name: string
  reference: string
  note: string
  category: string
  cost_center: string
  tx_hash: string
}

/** A payout's paid items, in row order, one at a time (a 1,000,000-row payout is never held at once). */
export function* paidItems(db: Db, payoutId: string): Generator<PaidItem> {
  const rows = db
    .prepare(
      `SELECT row, address, amount, name, reference, note, category, cost_center, tx_hash FROM payout_items
       WHERE payout_id = ? AND status = 'paid' AND address IS NOT NULL AND amount IS NOT NULL AND tx_hash IS NOT NULL ORDER BY row`
    )
    .iterate(payoutId) as IterableIterator<PaidRow>
  for (const r of rows)
    yield {
      row: r.row,
      address: r.address,
      amount: fromStoredAmount(r.amount),
      name: r.name,
      reference: r.reference,
      note: r.note,
      category: r.category,
      costCenter: r.cost_center,
      txHash: r.tx_hash
    }
}

/** Payouts with a transaction whose block time lies in [from, to] (unix seconds), in the order they were first paid. */
export function payoutsPaidBetween(db: Db, fromSeconds: number, toSeconds: number): string[] {
  return (
    db
      .prepare(
        `SELECT t.payout_id AS id, MIN(f.block_timestamp) AS first, MIN(CAST(f.block_number AS INTEGER)) AS first_block
         FROM transaction_facts f JOIN transactions t ON t.hash = f.tx_hash
         WHERE f.block_timestamp BETWEEN ? AND ? GROUP BY t.payout_id ORDER BY first, first_block, t.payout_id`
      )
      .all(fromSeconds, toSeconds) as Array<{ id: string }>
  ).map((r) => r.id)
}

// ---- Chain facts of a transaction

export interface TransactionFacts {
  readonly txHash: string
  readonly blockNumber: bigint
  readonly blockHash: string
  /** Unix seconds. */
  readonly blockTimestamp: number
  readonly success: boolean
  readonly gasUsed: bigint
  readonly effectiveGasPrice: bigint
  /** The L1 data fee of a rollup receipt (OP Stack); null where the receipt has none. */
  readonly l1Fee: bigint | null
  /** gasUsed x effectiveGasPrice + l1Fee: what left the payer for the network. */
  readonly feePaid: bigint
  readonly readAt: string
}

interface FactsRow {
  tx_hash: string
  block_number: string
  block_hash: string
  block_timestamp: number
  success: number
  gas_used: string
  effective_gas_price: string
  l1_fee: string | null
  fee_paid: string
  read_at: string
}

export function putTransactionFacts(db: WriteDb, f: TransactionFacts): void {
  db.prepare(
    `INSERT INTO transaction_facts (tx_hash, block_number, block_hash, block_timestamp, success, gas_used, effective_gas_price, l1_fee, fee_paid, read_at)
     VALUES (@tx_hash, @block_number, @block_hash, @block_timestamp, @success, @gas_used, @effective_gas_price, @l1_fee, @fee_paid, @read_at)
     ON CONFLICT (tx_hash) DO UPDATE SET block_number = excluded.block_number, block_hash = excluded.block_hash,
       block_timestamp = excluded.block_timestamp, success = excluded.success, gas_used = excluded.gas_used,
       effective_gas_price = excluded.effective_gas_price, l1_fee = excluded.l1_fee, fee_paid = excluded.fee_paid, read_at = excluded.read_at`
  ).run({
    tx_hash: f.txHash,
    block_number: f.blockNumber.toString(),
    block_hash: f.blockHash,
    block_timestamp: f.blockTimestamp,
    success: f.success ? 1 : 0,
    gas_used: toStoredAmount(f.gasUsed),
    effective_gas_price: toStoredAmount(f.effectiveGasPrice),
    l1_fee: f.l1Fee === null ? null : toStoredAmount(f.l1Fee),
    fee_paid: toStoredAmount(f.feePaid),
    read_at: f.readAt
  })
}

export function transactionFacts(db: Db, hash: string): TransactionFacts | undefined {
  const r = db.prepare('SELECT * FROM transaction_facts WHERE tx_hash = ?').get(hash) as FactsRow | undefined
  return r === undefined
    ? undefined
    : {
        txHash: r.tx_hash,
        blockNumber: BigInt(r.block_number),
        blockHash: r.block_hash,
        blockTimestamp: r.block_timestamp,
        success: r.success === 1,
        gasUsed: fromStoredAmount(r.gas_used),
        effectiveGasPrice: fromStoredAmount(r.effective_gas_price),
        l1Fee: r.l1_fee === null ? null : fromStoredAmount(r.l1_fee),
        feePaid: fromStoredAmount(r.fee_paid),
        readAt: r.read_at
      }
}

// ---- Rates

export interface StoredRateIssue {
  readonly code: string
  readonly message: string
}

export interface StoredRate {
  readonly id: number
  readonly payoutId: string
  /** Null for a rate typed for the whole payout. */
  readonly txHash: string | null
  readonly base: string
  readonly quote: string
  readonly source: 'chainlink' | 'manual'
  /** Null when the feed gave no rate (see issues). */
  readonly rate: { readonly units: bigint; readonly scale: number } | null
  /** at_block, round_by_time, latest_fallback, or manual. */
  readonly basis: string
  readonly feedAddress: string | null
  readonly feedDescription: string | null
  readonly feedSource: string | null
  readonly roundId: bigint | null
  readonly roundUpdatedAt: number | null
  readonly issues: readonly StoredRateIssue[]
  readonly enteredBy: string
  readonly enteredAt: string
  readonly note: string
}

interface RateRow {
  id: number
  payout_id: string
  tx_hash: string | null
  base: string
  quote: string
  source: StoredRate['source']
  rate_units: string | null
  rate_scale: number | null
  basis: string
  feed_address: string | null
  feed_description: string | null
  feed_source: string | null
  round_id: string | null
  round_updated_at: number | null
  issues: string
  entered_by: string
  entered_at: string
  note: string
}

const toRate = (r: RateRow): StoredRate => ({
  id: r.id,
  payoutId: r.payout_id,
  txHash: r.tx_hash,
  base: r.base,
  quote: r.quote,
  source: r.source,
  rate: r.rate_units === null || r.rate_scale === null ? null : { units: BigInt(r.rate_units), scale: r.rate_scale },
  basis: r.basis,
  feedAddress: r.feed_address,
  feedDescription: r.feed_description,
  feedSource: r.feed_source,
  roundId: r.round_id === null ? null : BigInt(r.round_id),
  roundUpdatedAt: r.round_updated_at,
  issues: JSON.parse(r.issues) as StoredRateIssue[],
  enteredBy: r.entered_by,
  enteredAt: r.entered_at,
  note: r.note
})

export type NewRate = Omit<StoredRate, 'id'>

/** Stores a rate. A feed reading replaces the earlier reading of the same transaction and pair; typed rates are kept, newest last. */
export function putRate(db: WriteDb, r: NewRate): void {
  const params = {
    payout_id: r.payoutId,
    tx_hash: r.txHash,
    base: r.base,
    quote: r.quote,
    source: r.source,
    rate_units: r.rate === null ? null : r.rate.units.toString(),
    rate_scale: r.rate === null ? null : r.rate.scale,
    basis: r.basis,
    feed_address: r.feedAddress,
    feed_description: r.feedDescription,
    feed_source: r.feedSource,
    round_id: r.roundId === null ? null : r.roundId.toString(),
    round_updated_at: r.roundUpdatedAt,
    issues: JSON.stringify(r.issues),
    entered_by: r.enteredBy,
    entered_at: r.enteredAt,
    note: r.note
  }
  if (r.source === 'chainlink')
    db.prepare(
      "DELETE FROM fiat_rates WHERE source = 'chainlink' AND tx_hash = @tx_hash AND base = @base AND quote = @quote"
    ).run(params)
  db.prepare(
    `INSERT INTO fiat_rates (payout_id, tx_hash, base, quote, source, rate_units, rate_scale, basis, feed_address, feed_description, feed_source, round_id, round_updated_at, issues, entered_by, entered_at, note)
     VALUES (@payout_id, @tx_hash, @base, @quote, @source, @rate_units, @rate_scale, @basis, @feed_address, @feed_description, @feed_source, @round_id, @round_updated_at, @issues, @entered_by, @entered_at, @note)`
  ).run(params)
}

/** Every rate stored for a payout: feed readings per transaction and typed rates, oldest first. */
export function payoutRates(db: Db, payoutId: string): StoredRate[] {
  return (db.prepare('SELECT * FROM fiat_rates WHERE payout_id = ? ORDER BY id').all(payoutId) as RateRow[]).map(toRate)
}
