// Runs in: main (plain Node). Schema 8: outcomes that are not known yet. A transaction can be
// 'unverified' (its nonce is used on chain, but no receipt of it can be read), its rows then
// 'needs_check'; a transaction can revoke a token allowance ('revoke'); and confirmed transactions
// are found by block, for the reorg re-check of recent ones. SQLite cannot change a
// CHECK constraint in place, so payout_items and transactions are rebuilt with the same columns,
// keys, foreign keys and indexes, and the transactions keep their rowids: the journal lists them in
// the order they were signed by rowid.
import type Database from 'better-sqlite3'
import type { Migration } from './index'

/** The item statuses of shared/statuses.ts; checked by a chain of equalities (see schema 5). */
const ITEM_STATUSES = ['draft', 'queued', 'in_progress', 'needs_check', 'paid', 'failed', 'cancelled'] as const
const ITEM_STATUS_CHECK = ITEM_STATUSES.map((s) => `status = '${s}'`).join(' OR ')
const ITEM_COLUMNS =
  'payout_id, row, address_input, address, amount_input, amount, name, reference, note, status, issues, tx_hash, failure, category, cost_center'
const TX_COLUMNS =
  'hash, payout_id, step, purpose, chain_id, sender, nonce, raw, replaces, state, block_number, block_hash, failure_code, failure_reason, gas_used, fee_paid, created_at, updated_at'

function storedIndexes(db: Database.Database, table: string): string[] {
  return (
    db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
      .all(table) as Array<{ sql: string }>
  ).map((r) => r.sql)
}

export const m008UnverifiedOutcomes: Migration = {
  version: 8,
  name: 'unverified outcomes',
  rebuildsTables: true,
  up(db) {
    const itemIndexes = storedIndexes(db, 'payout_items')
    const txIndexes = storedIndexes(db, 'transactions')
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
        status TEXT NOT NULL CHECK (${ITEM_STATUS_CHECK}),
        issues TEXT NOT NULL DEFAULT '[]',
        tx_hash TEXT,
        failure TEXT,
        category TEXT NOT NULL DEFAULT '',
        cost_center TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (payout_id, row)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO payout_items_rebuilt (${ITEM_COLUMNS}) SELECT ${ITEM_COLUMNS} FROM payout_items;
      DROP TABLE payout_items;
      ALTER TABLE payout_items_rebuilt RENAME TO payout_items;

      CREATE TABLE transactions_rebuilt (
        hash TEXT PRIMARY KEY,
        payout_id TEXT NOT NULL REFERENCES payouts (id),
        step INTEGER NOT NULL,
        purpose TEXT NOT NULL CHECK (purpose IN ('payment', 'approve', 'cancel', 'revoke')),
        chain_id TEXT NOT NULL,
        sender TEXT NOT NULL,
        nonce INTEGER NOT NULL,
        raw TEXT NOT NULL,
        replaces TEXT REFERENCES transactions (hash),
        state TEXT NOT NULL CHECK (state IN ('signed', 'broadcast', 'mined', 'unverified', 'confirmed', 'failed', 'replaced')),
        block_number TEXT,
        block_hash TEXT,
        failure_code TEXT,
        failure_reason TEXT,
        gas_used TEXT,
        fee_paid TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO transactions_rebuilt (rowid, ${TX_COLUMNS}) SELECT rowid, ${TX_COLUMNS} FROM transactions ORDER BY rowid;
      DROP TABLE transactions;
      ALTER TABLE transactions_rebuilt RENAME TO transactions;
    `)
    for (const sql of [...itemIndexes, ...txIndexes]) db.exec(sql)
    db.exec(`
      CREATE INDEX transactions_unverified ON transactions (state) WHERE state = 'unverified';
      CREATE INDEX transactions_confirmed_by_block ON transactions (chain_id, CAST(block_number AS INTEGER)) WHERE state = 'confirmed';
    `)
  }
}
