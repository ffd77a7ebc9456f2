// Runs in: main (plain Node). Schema 2: every signed transaction, persisted with its raw bytes
// BEFORE broadcast, and the items it pays. Resending is always these same bytes.
import type { Migration } from './index'

export const m002Transactions: Migration = {
  version: 2,
  name: 'transactions',
  up(db) {
    db.exec(`
      CREATE TABLE transactions (
        hash TEXT PRIMARY KEY,
        payout_id TEXT NOT NULL REFERENCES payouts (id),
        step INTEGER NOT NULL,
        chain_id INTEGER NOT NULL,
        sender TEXT NOT NULL,
        nonce INTEGER NOT NULL,
        raw TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('signed', 'broadcast', 'mined', 'confirmed', 'failed', 'replaced', 'dropped')),
        replaces TEXT REFERENCES transactions (hash),
        block_number INTEGER,
        error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX transactions_by_payout ON transactions (payout_id, step);
      CREATE INDEX transactions_by_sender_nonce ON transactions (chain_id, sender, nonce);

      CREATE TABLE transaction_items (
        tx_hash TEXT NOT NULL REFERENCES transactions (hash),
        payout_id TEXT NOT NULL,
        row INTEGER NOT NULL,
        PRIMARY KEY (tx_hash, payout_id, row),
        FOREIGN KEY (payout_id, row) REFERENCES payout_items (payout_id, row)
      ) STRICT, WITHOUT ROWID;
    `)
  }
}
