// Runs in: main (plain Node). Schema 9: automation, the way other systems draft payouts and learn
// what became of them.
// - payout_sources: where a payout drafted by automation came from (inbox file, API token, command
//   line) and the id the other system gave it, unique so one external id never names two payouts.
// - api_tokens: the REST API's tokens, by the SHA-256 of their secret (the secret is shown once).
// - idempotency_keys: a creation request's key, recorded in the transaction that creates its payout,
//   so a retried request finds the payout instead of drafting a second one.
// - inbox_files: registry files drafted from the inbox, by content hash and external id, so a file
//   is drafted once even when it is copied in again or the app restarts half-way.
// - payout_events: every payout's creation and status change, written by triggers on `payouts`
//   itself, so no code path (in this process or another) can change a status without its event
//   being committed in the same transaction. Status files, server-sent events and webhooks read it.
// - webhooks and webhook_deliveries: the outbox of webhook calls, one row per hook and event,
//   written by a trigger on payout_events (the same transaction again), delivered and retried by
//   the app until the receiver accepts it.
import type { Migration } from './index'

const STATUSES = "('draft', 'pending', 'in_progress', 'completed', 'failed', 'cancelled')"

export const m009Automation: Migration = {
  version: 9,
  name: 'automation',
  up(db) {
    db.exec(`
      CREATE TABLE payout_sources (
        payout_id TEXT PRIMARY KEY REFERENCES payouts (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('inbox', 'api', 'cli')),
        name TEXT NOT NULL,
        external_id TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX payout_sources_by_external_id ON payout_sources (external_id) WHERE external_id IS NOT NULL;

      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        scopes TEXT NOT NULL,
        secret_hash TEXT NOT NULL CHECK (length(secret_hash) = 64),
        prefix TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at TEXT
      ) STRICT;

      CREATE TABLE idempotency_keys (
        caller TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        payout_id TEXT NOT NULL REFERENCES payouts (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        PRIMARY KEY (caller, key)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE inbox_files (
        content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
        external_id TEXT NOT NULL,
        file_name TEXT NOT NULL,
        payout_id TEXT NOT NULL REFERENCES payouts (id) ON DELETE CASCADE,
        filed INTEGER NOT NULL CHECK (filed IN (0, 1)),
        drafted_at TEXT NOT NULL,
        PRIMARY KEY (content_hash, external_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE payout_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        payout_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ${STATUSES}),
        previous_status TEXT CHECK (previous_status IS NULL OR previous_status IN ${STATUSES}),
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX payout_events_by_payout ON payout_events (payout_id, seq);
      CREATE TRIGGER payout_events_on_create AFTER INSERT ON payouts
        BEGIN INSERT INTO payout_events (payout_id, status, previous_status, at) VALUES (NEW.id, NEW.status, NULL, NEW.updated_at); END;
      CREATE TRIGGER payout_events_on_status AFTER UPDATE OF status ON payouts WHEN NEW.status IS NOT OLD.status
        BEGIN INSERT INTO payout_events (payout_id, status, previous_status, at) VALUES (NEW.id, NEW.status, OLD.status, NEW.updated_at); END;

      CREATE TABLE webhooks (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        removed_at TEXT
      ) STRICT;
      CREATE TABLE webhook_deliveries (
        webhook_id TEXT NOT NULL REFERENCES webhooks (id),
        event_seq INTEGER NOT NULL REFERENCES payout_events (seq),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        delivered_at TEXT,
        last_error TEXT,
        PRIMARY KEY (webhook_id, event_seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX webhook_deliveries_waiting ON webhook_deliveries (webhook_id, event_seq) WHERE delivered_at IS NULL;
      CREATE TRIGGER webhook_outbox_on_event AFTER INSERT ON payout_events
        BEGIN INSERT INTO webhook_deliveries (webhook_id, event_seq) SELECT id, NEW.seq FROM webhooks WHERE active = 1; END;
    `)
  }
}
