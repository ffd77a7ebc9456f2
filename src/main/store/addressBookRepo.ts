// Runs in: main (plain Node). The address book (labels for payees) and per-row acknowledgements
// of look-alike address warnings, in SQLite; plus the addresses the app has already paid.
import type { ReadDb, WriteDb } from './db'
import { fromStoredAmount } from '../domain/money'

export interface AddressLabel {
  /** EIP-55. */
  readonly address: string
  readonly label: string
  readonly createdAt: string
  readonly updatedAt: string
}

export interface PoisoningAcknowledgement {
  readonly payoutId: string
  readonly row: number
  readonly address: string
  readonly lookalike: string
  readonly acknowledgedBy: string
  readonly acknowledgedAt: string
}

interface LabelRow {
  address: string
  label: string
  created_at: string
  updated_at: string
}
interface AckRow {
  payout_id: string
  row: number
  address: string
  lookalike: string
  acknowledged_by: string
  acknowledged_at: string
}

export function upsertLabel(db: WriteDb, address: string, label: string, at: string): void {
  db.prepare(
    `INSERT INTO address_book (address, label, created_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (address) DO UPDATE SET label = excluded.label, updated_at = excluded.updated_at`
  ).run(address, label, at, at)
}

export function deleteLabel(db: WriteDb, address: string): boolean {
  return db.prepare('DELETE FROM address_book WHERE address = ?').run(address).changes > 0
}

export function getLabel(db: ReadDb | WriteDb, address: string): AddressLabel | undefined {
  const r = db.prepare('SELECT * FROM address_book WHERE address = ?').get(address) as LabelRow | undefined
  return r === undefined
    ? undefined
    : { address: r.address, label: r.label, createdAt: r.created_at, updatedAt: r.updated_at }
}

export function listLabels(db: ReadDb | WriteDb): AddressLabel[] {
  return (db.prepare('SELECT * FROM address_book ORDER BY label COLLATE NOCASE, address').all() as LabelRow[]).map(
    (r) => ({ address: r.address, label: r.label, createdAt: r.created_at, updatedAt: r.updated_at })
  )
}

/** Every distinct address any payout row has been paid to. */
export function paidAddresses(db: ReadDb | WriteDb): string[] {
  return (
    db
      .prepare("SELECT DISTINCT address FROM payout_items WHERE status = 'paid' AND address IS NOT NULL")
      .all() as Array<{ address: string }>
  ).map((r) => r.address)
}

export function insertAcknowledgement(db: WriteDb, a: PoisoningAcknowledgement): void {
  db.prepare(
    `INSERT INTO poisoning_acknowledgements (payout_id, row, address, lookalike, acknowledged_by, acknowledged_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (payout_id, row, address) DO NOTHING`
  ).run(a.payoutId, a.row, a.address, a.lookalike, a.acknowledgedBy, a.acknowledgedAt)
}

/** Acknowledgements of one payout, keyed by `${row}:${address}` (an acknowledgement covers that address in that row only). */
export function acknowledgementsFor(db: ReadDb | WriteDb, payoutId: string): Map<string, PoisoningAcknowledgement> {
  const rows = db.prepare('SELECT * FROM poisoning_acknowledgements WHERE payout_id = ?').all(payoutId) as AckRow[]
  return new Map(
    rows.map((r) => [
      `${r.row}:${r.address}`,
      {
        payoutId: r.payout_id,
        row: r.row,
        address: r.address,
        lookalike: r.lookalike,
        acknowledgedBy: r.acknowledged_by,
        acknowledgedAt: r.acknowledged_at
      }
    ])
  )
}

/** The largest amount each address was ever paid in `assetId` (addresses lower-case), for "unusually large" checks. */
export function largestPaidByAddress(db: ReadDb | WriteDb, assetId: string): Map<string, bigint> {
  const rows = db
    .prepare(
      `SELECT i.address AS address, i.amount AS amount FROM payout_items i JOIN payouts p ON p.id = i.payout_id
       WHERE i.status = 'paid' AND i.address IS NOT NULL AND i.amount IS NOT NULL AND p.asset_id = ?`
    )
    .all(assetId) as Array<{ address: string; amount: string }>
  const largest = new Map<string, bigint>()
  for (const r of rows) {
    const key = r.address.toLowerCase()
    const amount = fromStoredAmount(r.amount)
    if ((largest.get(key) ?? -1n) < amount) largest.set(key, amount)
  }
  return largest
}
