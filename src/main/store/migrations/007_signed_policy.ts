// Runs in: main (plain Node). Schema 7: four-eyes control as signed data. The approval policy is a
// chain of versions, each kept with the signatures that made it take effect (append-only, like the
// audit log), and an open proposal collecting signatures. Submissions and rejections are signed:
// each signature row keeps the exact message signed (which names the audit log's head at the
// signing desk), so the log can be checked against what people signed. A submission records the
// policy version it was made under and the warnings its submitter acknowledged.
import type { Migration } from './index'

export const m007SignedPolicy: Migration = {
  version: 7,
  name: 'signed policy',
  up(db) {
    db.exec(`
      CREATE TABLE policy_versions (
        sequence INTEGER PRIMARY KEY CHECK (sequence >= 1),
        hash TEXT NOT NULL UNIQUE,
        document TEXT NOT NULL,
        adopted_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE policy_proposals (
        hash TEXT PRIMARY KEY,
        document TEXT NOT NULL,
        proposed_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE policy_signatures (
        hash TEXT NOT NULL,
        signer TEXT NOT NULL,
        signature TEXT NOT NULL,
        message TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source = 'device' OR source = 'file'),
        signed_at TEXT NOT NULL,
        PRIMARY KEY (hash, signer)
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER policy_versions_are_append_only_update BEFORE UPDATE ON policy_versions
        BEGIN SELECT RAISE(ABORT, 'policy versions are append-only'); END;
      CREATE TRIGGER policy_versions_are_append_only_delete BEFORE DELETE ON policy_versions
        BEGIN SELECT RAISE(ABORT, 'policy versions are append-only'); END;

      ALTER TABLE approval_submissions ADD COLUMN policy_hash TEXT;
      ALTER TABLE approval_submissions ADD COLUMN signature TEXT;
      ALTER TABLE approval_submissions ADD COLUMN message TEXT;
      ALTER TABLE approval_submissions ADD COLUMN acknowledgements TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE approval_submissions ADD COLUMN approvals_required INTEGER NOT NULL DEFAULT 0;

      ALTER TABLE payout_approvals ADD COLUMN message TEXT;

      CREATE TABLE payout_rejections (
        payout_id TEXT NOT NULL REFERENCES payouts (id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        digest TEXT NOT NULL,
        signer TEXT NOT NULL,
        reason TEXT NOT NULL,
        signature TEXT NOT NULL,
        message TEXT NOT NULL,
        rejected_at TEXT NOT NULL,
        PRIMARY KEY (payout_id, revision)
      ) STRICT, WITHOUT ROWID;

      ALTER TABLE approval_requests ADD COLUMN message TEXT;
    `)
  }
}
