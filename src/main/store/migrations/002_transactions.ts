// Runs in: main (plain Node). Schema 2: the execution journal. Every signed transaction is stored
// with its raw bytes BEFORE broadcast, with the items it pays in calldata order; resending is
// always these same bytes. Items gain the reason they failed.
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
        purpose TEXT NOT NULL CHECK (purpose IN ('payment', 'approve', 'cancel')),
        chain_id TEXT NOT NULL,
        sender TEXT NOT NULL,
        nonce INTEGER NOT NULL,
        raw TEXT NOT NULL,
        replaces TEXT REFERENCES transactions (hash),
        state TEXT NOT NULL CHECK (state IN ('signed', 'broadcast', 'mined', 'confirmed', 'failed', 'replaced')),
        block_number TEXT,
        block_hash TEXT,
        failure_code TEXT,
        failure_reason TEXT,
        gas_used TEXT,
        fee_paid TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX transactions_by_payout ON transactions (payout_id, step);
      CREATE INDEX transactions_by_sender_nonce ON transactions (chain_id, sender, nonce);
      CREATE INDEX transactions_live ON transactions (state) WHERE state IN ('signed', 'broadcast', 'mined');

      CREATE TABLE transaction_items (
        tx_hash TEXT NOT NULL REFERENCES transactions (hash),
        position INTEGER NOT NULL,
        payout_id TEXT NOT NULL,
        row INTEGER NOT NULL,
        PRIMARY KEY (tx_hash, position),
        FOREIGN KEY (payout_id, row) REFERENCES payout_items (payout_id, row)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX transaction_items_by_item ON transaction_items (payout_id, row);

      ALTER TABLE payout_items ADD COLUMN failure TEXT;
    `)
  }
}
