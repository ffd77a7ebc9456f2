// Runs in: benchmarks (plain Node). The storage floor every registry figure is held against: rows
// inserted by a bare better-sqlite3 prepared statement, one per row, in one transaction, into
// payout_items of a database opened by the store's own openDatabase (same migrations: columns,
// checks, foreign key, indexes; same pragmas), so it cannot drift from the app's table.
import { join } from 'node:path'
import type { Statement } from 'better-sqlite3'
import { inTransaction, openDatabase, type OpenedDatabase } from '../src/main/store/db'
import { USDC } from './registryBench'

/** One row's values as the app stores a valid row: checksummed address, base-unit digits, no issues. */
export interface BareRow {
  readonly address: string
  readonly amountInput: string
  readonly baseUnits: string
  readonly name: string
  readonly reference: string
}

export interface BareStore {
  readonly db: OpenedDatabase
  /** Stores `count` rows in one transaction under a new payout; `row(i)` gives row i's values. */
  store(count: number, row: (i: number) => BareRow): void
  close(): void
}

export function openBareStore(dir: string, file = 'bare.sqlite'): BareStore {
  const db = openDatabase(join(dir, file))
  const addPayout = db.write
    .prepare(`INSERT INTO payouts (id, kind, status, chain_id, asset_id, description, total, recipient_count, error_count, warning_count, created_by, created_at, updated_at)
    VALUES (?, 'mass', 'draft', 1, ?, 'bench', '0', ?, 0, 0, 'bench', '', '')`)
  const insert: Statement = db.write
    .prepare(`INSERT INTO payout_items (payout_id, row, address_input, address, amount_input, amount, name, reference, note, status, issues, tx_hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  let n = 0
  return {
    db,
    store(count, row) {
      const id = `PO-BARE${++n}`
      inTransaction(db.write, () => {
        addPayout.run(id, USDC, count)
        for (let i = 0; i < count; i++) {
          const r = row(i)
          insert.run(
            id,
            i + 1,
            r.address,
            r.address,
            r.amountInput,
            r.baseUnits,
            r.name,
            r.reference,
            '',
            'draft',
            '[]',
            null
          )
        }
      })
    },
    close: () => db.close()
  }
}
