// Runs in: main (plain Node). Schema 4: four-eyes approvals and recipient safety. The accounts
// named at submission (creator's and payer's Ledger addresses), the signatures managers made over
// a payout's digest (kept per revision, so an edit voids them without erasing the history),
// payouts imported from another desktop for review, the address book, and per-row
// acknowledgements of look-alike (address poisoning) warnings.
import type { Migration } from './index'

export const m004Approvals: Migration = {
  version: 4,
  name: 'approvals',
  up(db) {
    db.exec(`
      CREATE TABLE approval_submissions (
        payout_id TEXT PRIMARY KEY REFERENCES payouts (id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        creator_address TEXT,
        payer_address TEXT,
        submitted_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE payout_approvals (
        payout_id TEXT NOT NULL REFERENCES payouts (id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        digest TEXT NOT NULL,
        signer TEXT NOT NULL,
        approver_name TEXT NOT NULL,
        signature TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('device', 'file')),
        approved_at TEXT NOT NULL,
        PRIMARY KEY (payout_id, revision, signer)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE approval_requests (
        payout_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        digest TEXT NOT NULL,
        request TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        signer TEXT,
        signature TEXT,
        signed_at TEXT,
        PRIMARY KEY (payout_id, revision)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE address_book (
        address TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE poisoning_acknowledgements (
        payout_id TEXT NOT NULL REFERENCES payouts (id) ON DELETE CASCADE,
        row INTEGER NOT NULL,
        address TEXT NOT NULL,
        lookalike TEXT NOT NULL,
        acknowledged_by TEXT NOT NULL,
        acknowledged_at TEXT NOT NULL,
        PRIMARY KEY (payout_id, row, address)
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX payout_items_paid_by_address ON payout_items (address) WHERE status = 'paid' AND address IS NOT NULL;
    `)
  }
}
