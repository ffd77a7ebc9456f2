// Runs in: main (plain Node). Payouts and their items in SQLite. Amounts cross this boundary only
// as bigint, through the domain's stored-amount conversions.
import type { Issue } from '../../shared/api'
import type { ItemStatus, PayoutKind, PayoutStatus } from '../../shared/statuses'
import { fromStoredAmount, toStoredAmount } from '../domain/money'
import type { Statement } from 'better-sqlite3'
import type { ReadDb, WriteDb } from './db'

export interface StoredPayout {
  readonly id: string
  readonly kind: PayoutKind
  readonly status: PayoutStatus
  readonly chainId: number
  readonly assetId: string
  readonly description: string
  readonly total: bigint
  readonly recipientCount: number
  readonly errorCount: number
  readonly warningCount: number
  readonly createdBy: string
  readonly createdAt: string
  readonly updatedAt: string
  readonly revision: number
}

export interface StoredItem {
  readonly row: number
  readonly addressInput: string
  readonly address: string | null
  readonly amountInput: string
  readonly amount: bigint | null
  readonly name: string
  readonly reference: string
  readonly note: string
  readonly status: ItemStatus
  readonly issues: readonly Issue[]
  readonly txHash: string | null
  /** Why the item's payment failed, once it has. */
  readonly failure?: string | null
  /** Category (or account code) and cost center for the books; '' when none. Left out: kept as stored. */
  readonly category?: string
  readonly costCenter?: string
}

interface PayoutRow {
  id: string
  kind: PayoutKind
  status: PayoutStatus
  chain_id: number
  asset_id: string
  description: string
  total: string
  recipient_count: number
  error_count: number
  warning_count: number
  created_by: string
  created_at: string
  updated_at: string
  revision: number
}

interface ItemRow {
  row: number
  address_input: string
  address: string | null
  amount_input: string
  amount: string | null
  name: string
  reference: string
  note: string
  status: ItemStatus
  issues: string
  tx_hash: string | null
  failure: string | null
  category: string
  cost_center: string
}

const NO_ISSUES = '[]'

/**
 * Statements a grid save runs per row, prepared once per handle: preparing compiles the SQL, which
 * cost more than running it, and a paste saves thousands of rows in one call.
 */
const preparedByHandle = new WeakMap<ReadDb | WriteDb, Map<string, Statement>>()
function prepared(db: ReadDb | WriteDb, sql: string): Statement {
  let statements = preparedByHandle.get(db)
  if (statements === undefined) {
    statements = new Map()
    preparedByHandle.set(db, statements)
  }
  let statement = statements.get(sql)
  if (statement === undefined) {
    statement = db.prepare(sql)
    statements.set(sql, statement)
  }
  return statement
}

/** The `issues` column's JSON as the issues it holds; null (as a view read returns the empty list) is none. */
export function parseIssues(stored: string | null): readonly Issue[] {
  return stored === null || stored === NO_ISSUES ? [] : (JSON.parse(stored) as Issue[])
}

function toPayout(r: PayoutRow): StoredPayout {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    chainId: r.chain_id,
    assetId: r.asset_id,
    description: r.description,
    total: fromStoredAmount(r.total),
    recipientCount: r.recipient_count,
    errorCount: r.error_count,
    warningCount: r.warning_count,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    revision: r.revision
  }
}

function toItem(r: ItemRow): StoredItem {
  return {
    row: r.row,
    addressInput: r.address_input,
    address: r.address,
    amountInput: r.amount_input,
    amount: r.amount === null ? null : fromStoredAmount(r.amount),
    name: r.name,
    reference: r.reference,
    note: r.note,
    status: r.status,
    issues: parseIssues(r.issues),
    txHash: r.tx_hash,
    failure: r.failure,
    category: r.category,
    costCenter: r.cost_center
  }
}

export function insertPayout(db: WriteDb, p: StoredPayout): void {
  db.prepare(
    `INSERT INTO payouts (id, kind, status, chain_id, asset_id, description, total, recipient_count, error_count, warning_count, created_by, created_at, updated_at, revision)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  ).run(
    p.id,
    p.kind,
    p.status,
    p.chainId,
    p.assetId,
    p.description,
    toStoredAmount(p.total),
    p.recipientCount,
    p.errorCount,
    p.warningCount,
    p.createdBy,
    p.createdAt,
    p.updatedAt,
    p.revision
  )
}

export interface PayoutFields {
  readonly chainId: number
  readonly assetId: string
  readonly description: string
  readonly total: bigint
  readonly recipientCount: number
  readonly errorCount: number
  readonly warningCount: number
  readonly updatedAt: string
}

/** Updates a payout's editable fields and bumps its revision (any edit voids earlier approvals). */
export function updatePayoutFields(db: WriteDb, id: string, f: PayoutFields): void {
  db.prepare(
    `UPDATE payouts SET chain_id = ?, asset_id = ?, description = ?, total = ?, recipient_count = ?, error_count = ?, warning_count = ?, updated_at = ?, revision = revision + 1 WHERE id = ?`
  ).run(
    f.chainId,
    f.assetId,
    f.description,
    toStoredAmount(f.total),
    f.recipientCount,
    f.errorCount,
    f.warningCount,
    f.updatedAt,
    id
  )
}

/** A new payout's figures, once its rows are written (their count, total, and rows with errors or warnings only). */
export function setPayoutFigures(
  db: WriteDb,
  id: string,
  f: { readonly count: number; readonly total: bigint; readonly errors: number; readonly warnings: number }
): void {
  db.prepare('UPDATE payouts SET total = ?, recipient_count = ?, error_count = ?, warning_count = ? WHERE id = ?').run(
    toStoredAmount(f.total),
    f.count,
    f.errors,
    f.warnings,
    id
  )
}

export function setPayoutStatus(db: WriteDb, id: string, status: PayoutStatus, updatedAt: string): void {
  db.prepare('UPDATE payouts SET status = ?, updated_at = ? WHERE id = ?').run(status, updatedAt, id)
}

/** Replaces all items of a payout (a draft being edited) with one prepared insert loop. */
export function replaceItems(db: WriteDb, payoutId: string, items: Iterable<StoredItem>): void {
  db.prepare('DELETE FROM payout_items WHERE payout_id = ?').run(payoutId)
  insertItems(db, payoutId, items)
}

export function insertItems(db: WriteDb, payoutId: string, items: Iterable<StoredItem>): void {
  const insert = db.prepare(
    `INSERT INTO payout_items (payout_id, row, address_input, address, amount_input, amount, name, reference, note, status, issues, tx_hash, category, cost_center)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  for (const it of items) {
    insert.run(
      payoutId,
      it.row,
      it.addressInput,
      it.address,
      it.amountInput,
      it.amount === null ? null : toStoredAmount(it.amount),
      it.name,
      it.reference,
      it.note,
      it.status,
      it.issues.length === 0 ? NO_ISSUES : JSON.stringify(it.issues),
      it.txHash,
      it.category ?? '',
      it.costCenter ?? ''
    )
  }
}

export function setItemsStatus(db: WriteDb, payoutId: string, from: ItemStatus, to: ItemStatus): void {
  db.prepare('UPDATE payout_items SET status = ? WHERE payout_id = ? AND status = ?').run(to, payoutId, from)
}

/** Transaction states in which a transaction may still pay (journal.ts OPEN_TX_STATES), as SQL. */
const OPEN_STATES_SQL = "('signed', 'broadcast', 'mined', 'unverified')"

/** A payout's rows in progress that no open payment or cancel is linked to (the payout id is the parameter). */
const UNCOVERED_IN_PROGRESS_SQL = `WHERE payout_id = ? AND status = 'in_progress' AND NOT EXISTS (
           SELECT 1 FROM transaction_items ti JOIN transactions t ON t.hash = ti.tx_hash
           WHERE ti.payout_id = payout_items.payout_id AND ti.row = payout_items.row
             AND t.purpose IN ('payment', 'cancel') AND t.state IN ${OPEN_STATES_SQL})`

/**
 * Rows in progress that no open payment covers go back to queued, so they can be signed again:
 * nothing persisted can pay them. A row is covered by a payment (or a cancel of one) that may
 * still pay; an approval pays nobody, so rows it held are not covered by it. Returns the rows moved.
 */
export function requeueUncoveredRows(db: WriteDb, payoutId: string): number[] {
  return (
    db
      .prepare(`UPDATE payout_items SET status = 'queued' ${UNCOVERED_IN_PROGRESS_SQL} RETURNING row`)
      .all(payoutId) as Array<{
      row: number
    }>
  )
    .map((r) => r.row)
    .sort((a, b) => a - b)
}

/**
 * Rows in progress that no open payment covers need checking, with `failure` as the reason: for
 * when the links cannot be trusted to say what covers them (a record altered outside the app).
 * Returns the rows moved.
 */
export function holdUncoveredRows(db: WriteDb, payoutId: string, failure: string): number[] {
  return (
    db
      .prepare(`UPDATE payout_items SET status = 'needs_check', failure = ? ${UNCOVERED_IN_PROGRESS_SQL} RETURNING row`)
      .all(failure, payoutId) as Array<{ row: number }>
  )
    .map((r) => r.row)
    .sort((a, b) => a - b)
}

/** Whether some row of the payout is in progress with no open payment or cancel linked to it. */
export function hasUncoveredRows(db: ReadDb | WriteDb, payoutId: string): boolean {
  return db.prepare(`SELECT 1 FROM payout_items ${UNCOVERED_IN_PROGRESS_SQL} LIMIT 1`).get(payoutId) !== undefined
}

/** Whether a transaction of the payout may still pay. */
export function hasOpenTransaction(db: ReadDb | WriteDb, payoutId: string): boolean {
  return openTransactionCount(db, payoutId) > 0
}

/** How many of the payout's transactions may still pay (signed, broadcast, mined or unverified). */
export function openTransactionCount(db: ReadDb | WriteDb, payoutId: string): number {
  return (
    db
      .prepare(`SELECT COUNT(*) AS n FROM transactions WHERE payout_id = ? AND state IN ${OPEN_STATES_SQL}`)
      .get(payoutId) as { n: number }
  ).n
}

/** The payout's transactions that may still pay, with their signed bytes, oldest first. */
export function openTransactionsOf(db: ReadDb | WriteDb, payoutId: string): Array<{ hash: string; raw: string }> {
  return db
    .prepare(`SELECT hash, raw FROM transactions WHERE payout_id = ? AND state IN ${OPEN_STATES_SQL} ORDER BY rowid`)
    .all(payoutId) as Array<{ hash: string; raw: string }>
}

/**
 * A row whose transaction's outcome is unknown, released by a person who checked it was not paid:
 * queued to be paid again, no longer naming that transaction. Returns whether it moved.
 */
export function releaseCheckedRow(db: WriteDb, payoutId: string, row: number): boolean {
  return (
    db
      .prepare(
        "UPDATE payout_items SET status = 'queued', tx_hash = NULL, failure = NULL WHERE payout_id = ? AND row = ? AND status = 'needs_check'"
      )
      .run(payoutId, row).changes === 1
  )
}

/** Failed rows queued to be paid again, their failure cleared; rows paid stay paid. Returns how many. */
export function queueFailedRows(db: WriteDb, payoutId: string): number {
  return db
    .prepare("UPDATE payout_items SET status = 'queued', failure = NULL WHERE payout_id = ? AND status = 'failed'")
    .run(payoutId).changes
}

/** Ids of every payout in `status`, oldest first. */
export function payoutIdsWithStatus(db: ReadDb | WriteDb, status: PayoutStatus): string[] {
  return (
    db.prepare('SELECT id FROM payouts WHERE status = ? ORDER BY created_at, id').all(status) as Array<{ id: string }>
  ).map((r) => r.id)
}

export function getPayoutRow(db: ReadDb | WriteDb, id: string): StoredPayout | undefined {
  const row = db.prepare('SELECT * FROM payouts WHERE id = ?').get(id) as PayoutRow | undefined
  return row === undefined ? undefined : toPayout(row)
}

export function getItems(db: ReadDb | WriteDb, payoutId: string, offset = 0, limit = -1): StoredItem[] {
  const rows = db
    .prepare('SELECT * FROM payout_items WHERE payout_id = ? ORDER BY row LIMIT ? OFFSET ?')
    .all(payoutId, limit, offset) as ItemRow[]
  return rows.map(toItem)
}

/**
 * One item's cells as the grid editor holds them, read as a plain array (no object per row, no
 * column names): the address shown (checksummed once valid, else as entered); the stored amount in
 * base-unit digits, or null; the amount as entered when there is no stored amount (else ''); name,
 * reference, note, category, cost center; the issues as stored JSON, or null for the empty list.
 */
export type GridCellsRow = readonly [
  address: string,
  amount: string | null,
  amountInput: string,
  name: string,
  reference: string,
  note: string,
  category: string,
  costCenter: string,
  issues: string | null
]

/** One item as the renderer is shown it, read as a plain array: its row number, its grid cells, then status, tx hash and failure. */
export type ItemViewRow = readonly [
  row: number,
  ...GridCellsRow,
  status: ItemStatus,
  txHash: string | null,
  failure: string | null
]

const GRID_CELLS = `coalesce(address, address_input), amount, CASE WHEN amount IS NULL THEN amount_input ELSE '' END, name, reference, note, category, cost_center, nullif(issues, '${NO_ISSUES}')`
const PAGE_AFTER = 'FROM payout_items WHERE payout_id = ? AND row > ? ORDER BY row LIMIT ?'
/** Prepared once per handle: a grid opening a large payout reads it a page at a time. */
const viewPages = new WeakMap<ReadDb, Statement>()
const gridPages = new WeakMap<ReadDb, Statement>()

function pageStatement(db: ReadDb, prepared: WeakMap<ReadDb, Statement>, columns: string): Statement {
  let statement = prepared.get(db)
  if (statement === undefined) {
    statement = db.prepare(`SELECT ${columns} ${PAGE_AFTER}`).raw(true)
    prepared.set(db, statement)
  }
  return statement
}

/**
 * Up to `limit` items after row number `afterRow`, in row order, for showing (`limit` -1: all).
 * Keyset paging on the primary key, so a page deep into a 100,000-row payout costs what the first
 * one does (OFFSET would step over every earlier row). Rows are numbered 1..n with no gaps (every
 * write keeps them so: create and replace number them, a patch appends only right after the last),
 * so the rows after row k are exactly the rows from position k.
 */
export function itemViewRowsAfter(db: ReadDb, payoutId: string, afterRow: number, limit: number): ItemViewRow[] {
  return pageStatement(db, viewPages, `row, ${GRID_CELLS}, status, tx_hash, failure`).all(
    payoutId,
    afterRow,
    limit
  ) as ItemViewRow[]
}

/** As itemViewRowsAfter, only the cells the grid editor holds: entry i is row `afterRow + 1 + i`. */
export function gridCellsAfter(db: ReadDb, payoutId: string, afterRow: number, limit: number): GridCellsRow[] {
  return pageStatement(db, gridPages, GRID_CELLS).all(payoutId, afterRow, limit) as GridCellsRow[]
}

interface RememberedCounts {
  readonly dataVersion: number
  readonly payoutId: string
  readonly counts: Readonly<Record<ItemStatus, number>>
}
const rememberedCounts = new WeakMap<ReadDb, RememberedCounts>()

/**
 * `itemStatusCounts` through a read-only handle, remembered until anything is committed. Counting
 * reads every item (about 40 ms for 100,000), and a large payout opened in the grid is read in ten
 * or more pages that each carry the counts. SQLite's `data_version` moves whenever another
 * connection commits, and a read-only handle cannot commit itself, so an unchanged version means
 * unchanged items: the counts are exact, never stale. It is read before counting, so a commit in
 * between only makes the next call count again.
 */
export function itemStatusCountsRead(db: ReadDb, payoutId: string): Record<ItemStatus, number> {
  const dataVersion = db.pragma('data_version', { simple: true }) as number
  const known = rememberedCounts.get(db)
  if (known !== undefined && known.dataVersion === dataVersion && known.payoutId === payoutId)
    return { ...known.counts }
  const counts = itemStatusCounts(db, payoutId)
  rememberedCounts.set(db, { dataVersion, payoutId, counts: { ...counts } })
  return counts
}

export function itemStatusCounts(db: ReadDb | WriteDb, payoutId: string): Record<ItemStatus, number> {
  const counts: Record<ItemStatus, number> = {
    draft: 0,
    queued: 0,
    in_progress: 0,
    needs_check: 0,
    paid: 0,
    failed: 0,
    cancelled: 0
  }
  const rows = db
    .prepare('SELECT status, COUNT(*) AS n FROM payout_items WHERE payout_id = ? GROUP BY status')
    .all(payoutId) as Array<{ status: ItemStatus; n: number }>
  for (const r of rows) counts[r.status] = r.n
  return counts
}

export interface PayoutFilter {
  readonly status?: PayoutStatus
  readonly kind?: PayoutKind
  readonly text?: string
  readonly offset: number
  readonly limit: number
}

export function listPayoutRows(db: ReadDb | WriteDb, f: PayoutFilter): { total: number; rows: StoredPayout[] } {
  const where: string[] = []
  const params: Array<string | number> = []
  if (f.status !== undefined) {
    where.push('status = ?')
    params.push(f.status)
  }
  if (f.kind !== undefined) {
    where.push('kind = ?')
    params.push(f.kind)
  }
  const text = f.text?.trim() ?? ''
  if (text !== '') {
    // Matches the description, the id, or any recipient's address, name or reference.
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    where.push(
      `(description LIKE ? ESCAPE '\\' OR id LIKE ? ESCAPE '\\' OR id IN (SELECT payout_id FROM payout_items WHERE address_input LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' OR reference LIKE ? ESCAPE '\\'))`
    )
    params.push(like, like, like, like, like)
  }
  const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM payouts ${clause}`).get(...params) as { n: number }).n
  const rows = db
    .prepare(`SELECT * FROM payouts ${clause} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`)
    .all(...params, f.limit, f.offset) as PayoutRow[]
  return { total, rows: rows.map(toPayout) }
}

export function getItem(db: ReadDb | WriteDb, payoutId: string, row: number): StoredItem | undefined {
  const r = prepared(db, 'SELECT * FROM payout_items WHERE payout_id = ? AND row = ?').get(payoutId, row) as
    ItemRow | undefined
  return r === undefined ? undefined : toItem(r)
}

/** Rows of a payout paying `address` (checksummed), in row order. */
export function itemsWithAddress(db: ReadDb | WriteDb, payoutId: string, address: string): StoredItem[] {
  // INDEXED BY: without statistics the planner prefers walking the primary key for its order,
  // which reads every row of a 100,000-row payout; and a dropped index fails loudly here.
  return (
    prepared(
      db,
      'SELECT * FROM payout_items INDEXED BY payout_items_by_address WHERE payout_id = ? AND address = ? ORDER BY row'
    ).all(payoutId, address) as ItemRow[]
  ).map(toItem)
}

/** Rows of a payout with `reference`, compared as the validator does: trimmed, case-insensitive. */
export function itemsWithReference(db: ReadDb | WriteDb, payoutId: string, reference: string): StoredItem[] {
  return (
    prepared(
      db,
      "SELECT * FROM payout_items INDEXED BY payout_items_by_reference WHERE payout_id = ? AND lower(trim(reference)) = lower(trim(?)) AND trim(reference) <> '' ORDER BY row"
    ).all(payoutId, reference) as ItemRow[]
  ).map(toItem)
}

/**
 * Writes one item's content, validation result and status (insert or replace by row). A category
 * or cost center left out keeps what the row has: an edit that does not carry them never erases them.
 */
export function upsertItem(db: WriteDb, payoutId: string, it: StoredItem): void {
  prepared(
    db,
    `INSERT INTO payout_items (payout_id, row, address_input, address, amount_input, amount, name, reference, note, status, issues, tx_hash, category, cost_center)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, ''), coalesce(?, ''))
     ON CONFLICT (payout_id, row) DO UPDATE SET address_input = excluded.address_input, address = excluded.address, amount_input = excluded.amount_input,
       amount = excluded.amount, name = excluded.name, reference = excluded.reference, note = excluded.note, status = excluded.status, issues = excluded.issues,
       category = coalesce(?, category), cost_center = coalesce(?, cost_center)`
  ).run(
    payoutId,
    it.row,
    it.addressInput,
    it.address,
    it.amountInput,
    it.amount === null ? null : toStoredAmount(it.amount),
    it.name,
    it.reference,
    it.note,
    it.status,
    it.issues.length === 0 ? NO_ISSUES : JSON.stringify(it.issues),
    it.txHash,
    it.category ?? null,
    it.costCenter ?? null,
    it.category ?? null,
    it.costCenter ?? null
  )
}

export function setItemIssues(db: WriteDb, payoutId: string, row: number, issues: readonly Issue[]): void {
  prepared(db, 'UPDATE payout_items SET issues = ? WHERE payout_id = ? AND row = ?').run(
    issues.length === 0 ? NO_ISSUES : JSON.stringify(issues),
    payoutId,
    row
  )
}

export function itemCount(db: ReadDb | WriteDb, payoutId: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM payout_items WHERE payout_id = ?').get(payoutId) as { n: number }).n
}
