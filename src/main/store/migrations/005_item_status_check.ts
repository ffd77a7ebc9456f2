// Runs in: main (plain Node). Schema 5: payout_items rebuilt with the same columns, constraints,
// foreign keys and indexes, with one change: the item status is checked by a chain of equalities
// instead of `status IN (...)`. For a constant list of more than two values SQLite builds a small
// lookup table once per statement run, and an insert runs once per row: for a 100,000-row draft
// that cost more than storing the rows. The allowed statuses are exactly the same.
import type { Migration } from './index'

/** The item statuses of shared/statuses.ts, as schema 1 allowed them. */
const ITEM_STATUSES = ['draft', 'queued', 'in_progress', 'paid', 'failed', 'cancelled'] as const
const STATUS_CHECK = ITEM_STATUSES.map((s) => `status = '${s}'`).join(' OR ')
const COLUMNS =
  'payout_id, row, address_input, address, amount_input, amount, name, reference, note, status, issues, tx_hash, failure'

export const m005ItemStatusCheck: Migration = {
  version: 5,
  name: 'item status check',
  rebuildsTables: true,
  up(db) {
    // The indexes are re-created from their own stored definitions, so none is lost or altered.
    const indexes = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'payout_items' AND sql IS NOT NULL")
      .all() as Array<{ sql: string }>
    db.exec(`
      CREATE TABLE payout_items_rebuilt (
        payout_id TEXT NOT NULL REFERENCES payouts (id) ON DELETE CASCADE,
        row INTEGER NOT NULL CHECK (row >= 1),
        address_input TEXT NOT NULL,
        address TEXT,
        amount_input TEXT NOT NULL,
        amount TEXT CHECK (amount IS NULL OR (amount GLOB '[0-9]*' AND amount NOT GLOB '*[^0-9]*')),
        name TEXT NOT NULL DEFAULT '',
        reference TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (${STATUS_CHECK}),
        issues TEXT NOT NULL DEFAULT '[]',
        tx_hash TEXT,
        failure TEXT,
        PRIMARY KEY (payout_id, row)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO payout_items_rebuilt (${COLUMNS}) SELECT ${COLUMNS} FROM payout_items;
      DROP TABLE payout_items;
      ALTER TABLE payout_items_rebuilt RENAME TO payout_items;
    `)
    for (const { sql } of indexes) db.exec(sql)
  }
}
