// Runs in: main (plain Node). Schema 1: payouts, their items, settings and the append-only,
// hash-chained audit log. Amounts are TEXT of base-unit digits, checked by the schema itself.
import type { Migration } from './index'

export const m001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE payouts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('single', 'mass')),
        status TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'in_progress', 'completed', 'failed', 'cancelled')),
        chain_id INTEGER NOT NULL,
        asset_id TEXT NOT NULL,
        description TEXT NOT NULL,
        total TEXT NOT NULL CHECK (total GLOB '[0-9]*' AND total NOT GLOB '*[^0-9]*'),
        recipient_count INTEGER NOT NULL,
        error_count INTEGER NOT NULL,
        warning_count INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        revision INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE INDEX payouts_by_status ON payouts (status, created_at);
      CREATE INDEX payouts_by_created ON payouts (created_at);

      CREATE TABLE payout_items (
        payout_id TEXT NOT NULL REFERENCES payouts (id) ON DELETE CASCADE,
        row INTEGER NOT NULL CHECK (row >= 1),
        address_input TEXT NOT NULL,
        address TEXT,
        amount_input TEXT NOT NULL,
        amount TEXT CHECK (amount IS NULL OR (amount GLOB '[0-9]*' AND amount NOT GLOB '*[^0-9]*')),
        name TEXT NOT NULL DEFAULT '',
        reference TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('draft', 'queued', 'in_progress', 'paid', 'failed', 'cancelled')),
        issues TEXT NOT NULL DEFAULT '[]',
        tx_hash TEXT,
        PRIMARY KEY (payout_id, row)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        payout_id TEXT,
        from_status TEXT,
        to_status TEXT,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE INDEX audit_by_payout ON audit_log (payout_id, id);
      CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `)
  }
}
