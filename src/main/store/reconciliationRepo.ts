// Runs in: main (plain Node). Stored reconciliations: each comparison of the records with the chain
// and its differences row by row. Append-only (the schema refuses updates and deletes): a later
// run adds a new result, so the history of what was found stays as evidence.
import type { ReadDb, WriteDb } from './db'

type Db = ReadDb | WriteDb

export type ReconciliationOutcome = 'matched' | 'differences' | 'incomplete'

export interface ReconciliationDifference {
  readonly payoutId: string
  /** The item's row; null for a difference of a whole transaction (its fee, an extra outflow). */
  readonly row: number | null
  readonly txHash: string | null
  readonly code: string
  readonly expected: string
  readonly found: string
  readonly message: string
}

export interface NewReconciliation {
  readonly scope: 'payout' | 'range'
  readonly payoutId: string | null
  readonly rangeFrom: string | null
  readonly rangeTo: string | null
  readonly outcome: ReconciliationOutcome
  readonly payoutsChecked: number
  readonly rowsChecked: number
  readonly transactionsChecked: number
  readonly summary: string
  readonly runBy: string
  readonly startedAt: string
  readonly finishedAt: string
}

export interface StoredReconciliation extends NewReconciliation {
  readonly id: number
  readonly differenceCount: number
}

interface ReconciliationRow {
  id: number
  scope: NewReconciliation['scope']
  payout_id: string | null
  range_from: string | null
  range_to: string | null
  outcome: ReconciliationOutcome
  payouts_checked: number
  rows_checked: number
  transactions_checked: number
  difference_count: number
  summary: string
  run_by: string
  started_at: string
  finished_at: string
}

interface DifferenceRow {
  payout_id: string
  row: number | null
  tx_hash: string | null
  code: string
  expected: string
  found: string
  message: string
}

const toReconciliation = (r: ReconciliationRow): StoredReconciliation => ({
  id: r.id,
  scope: r.scope,
  payoutId: r.payout_id,
  rangeFrom: r.range_from,
  rangeTo: r.range_to,
  outcome: r.outcome,
  payoutsChecked: r.payouts_checked,
  rowsChecked: r.rows_checked,
  transactionsChecked: r.transactions_checked,
  differenceCount: r.difference_count,
  summary: r.summary,
  runBy: r.run_by,
  startedAt: r.started_at,
  finishedAt: r.finished_at
})

/** Stores a result with the payouts it covered and its differences (call inside a transaction); returns its id. */
export function insertReconciliation(
  db: WriteDb,
  r: NewReconciliation,
  payoutIds: readonly string[],
  differences: readonly ReconciliationDifference[]
): number {
  const info = db
    .prepare(
      `INSERT INTO reconciliations (scope, payout_id, range_from, range_to, outcome, payouts_checked, rows_checked, transactions_checked, difference_count, summary, run_by, started_at, finished_at)
       VALUES (@scope, @payout_id, @range_from, @range_to, @outcome, @payouts_checked, @rows_checked, @transactions_checked, @difference_count, @summary, @run_by, @started_at, @finished_at)`
    )
    .run({
      scope: r.scope,
      payout_id: r.payoutId,
      range_from: r.rangeFrom,
      range_to: r.rangeTo,
      outcome: r.outcome,
      payouts_checked: r.payoutsChecked,
      rows_checked: r.rowsChecked,
      transactions_checked: r.transactionsChecked,
      difference_count: differences.length,
      summary: r.summary,
      run_by: r.runBy,
      started_at: r.startedAt,
      finished_at: r.finishedAt
    })
  const id = Number(info.lastInsertRowid)
  const cover = db.prepare('INSERT INTO reconciliation_payouts (reconciliation_id, payout_id) VALUES (?, ?)')
  for (const payoutId of new Set(payoutIds)) cover.run(id, payoutId)
  const insert = db.prepare(
    `INSERT INTO reconciliation_differences (reconciliation_id, seq, payout_id, row, tx_hash, code, expected, found, message)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  differences.forEach((d, seq) =>
    insert.run(id, seq + 1, d.payoutId, d.row, d.txHash, d.code, d.expected, d.found, d.message)
  )
  return id
}

export function reconciliationById(db: Db, id: number): StoredReconciliation | undefined {
  const r = db.prepare('SELECT * FROM reconciliations WHERE id = ?').get(id) as ReconciliationRow | undefined
  return r === undefined ? undefined : toReconciliation(r)
}

/** The newest result covering a payout, whether it was checked on its own or within a range. */
export function latestReconciliationOf(db: Db, payoutId: string): StoredReconciliation | undefined {
  const r = db
    .prepare(
      `SELECT r.* FROM reconciliation_payouts p JOIN reconciliations r ON r.id = p.reconciliation_id
       WHERE p.payout_id = ? ORDER BY r.id DESC LIMIT 1`
    )
    .get(payoutId) as ReconciliationRow | undefined
  return r === undefined ? undefined : toReconciliation(r)
}

export function reconciliationDifferences(db: Db, id: number): ReconciliationDifference[] {
  return (
    db
      .prepare('SELECT * FROM reconciliation_differences WHERE reconciliation_id = ? ORDER BY seq')
      .all(id) as DifferenceRow[]
  ).map((d) => ({
    payoutId: d.payout_id,
    row: d.row,
    txHash: d.tx_hash,
    code: d.code,
    expected: d.expected,
    found: d.found,
    message: d.message
  }))
}
