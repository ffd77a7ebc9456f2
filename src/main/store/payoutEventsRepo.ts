// Runs in: main (plain Node). Payout events (written by triggers, see migration 7) and the webhook
// outbox fed from them. Readers keep their own position in the events (a sequence number), so a
// restart resumes where the last one stopped and nothing committed is skipped.
import type { PayoutStatus } from '../../shared/statuses'
import type { ReadDb, WriteDb } from './db'

type AnyDb = ReadDb | WriteDb

export interface PayoutEvent {
  readonly seq: number
  readonly payoutId: string
  readonly status: PayoutStatus
  /** Null when the payout was created. */
  readonly previousStatus: PayoutStatus | null
  readonly at: string
}

interface EventRow {
  seq: number
  payout_id: string
  status: PayoutStatus
  previous_status: PayoutStatus | null
  at: string
}

const toEvent = (r: EventRow): PayoutEvent => ({
  seq: r.seq,
  payoutId: r.payout_id,
  status: r.status,
  previousStatus: r.previous_status,
  at: r.at
})

export function latestEventSeq(db: AnyDb): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM payout_events').get() as { seq: number }).seq
}

export function eventsAfter(db: AnyDb, seq: number, limit: number): PayoutEvent[] {
  return (
    db.prepare('SELECT * FROM payout_events WHERE seq > ? ORDER BY seq LIMIT ?').all(seq, limit) as EventRow[]
  ).map(toEvent)
}

/** Events of payouts drafted by automation (the ones the outbox folder reports on). */
export function automatedEventsAfter(db: AnyDb, seq: number, limit: number): PayoutEvent[] {
  return (
    db
      .prepare(
        'SELECT e.* FROM payout_events e JOIN payout_sources s ON s.payout_id = e.payout_id WHERE e.seq > ? ORDER BY e.seq LIMIT ?'
      )
      .all(seq, limit) as EventRow[]
  ).map(toEvent)
}

export function getEvent(db: AnyDb, seq: number): PayoutEvent | undefined {
  const row = db.prepare('SELECT * FROM payout_events WHERE seq = ?').get(seq) as EventRow | undefined
  return row === undefined ? undefined : toEvent(row)
}

// ---- Webhooks

export interface StoredWebhook {
  readonly id: string
  readonly url: string
  readonly createdAt: string
}

export function insertWebhook(db: WriteDb, hook: StoredWebhook & { readonly createdBy: string }): void {
  db.prepare('INSERT INTO webhooks (id, url, active, created_at, created_by) VALUES (?, ?, 1, ?, ?)').run(
    hook.id,
    hook.url,
    hook.createdAt,
    hook.createdBy
  )
}

export function activeWebhooks(db: AnyDb): StoredWebhook[] {
  return (
    db.prepare('SELECT id, url, created_at FROM webhooks WHERE active = 1 ORDER BY created_at, id').all() as Array<{
      id: string
      url: string
      created_at: string
    }>
  ).map((r) => ({ id: r.id, url: r.url, createdAt: r.created_at }))
}

/** Stops calling the hook; what it was never sent stays recorded. False when there was no such active hook. */
export function deactivateWebhook(db: WriteDb, id: string, at: string): boolean {
  return (
    db.prepare('UPDATE webhooks SET active = 0, removed_at = ? WHERE id = ? AND active = 1').run(at, id).changes > 0
  )
}

export interface WaitingDelivery {
  readonly eventSeq: number
  readonly attempts: number
  /** Milliseconds since the epoch; 0 for a delivery never tried. */
  readonly nextAttemptAt: number
}

/** The oldest status change not yet delivered to the hook: hooks receive changes in order. */
export function oldestWaitingDelivery(db: AnyDb, webhookId: string): WaitingDelivery | undefined {
  const row = db
    .prepare(
      'SELECT event_seq, attempts, next_attempt_at FROM webhook_deliveries WHERE webhook_id = ? AND delivered_at IS NULL ORDER BY event_seq LIMIT 1'
    )
    .get(webhookId) as { event_seq: number; attempts: number; next_attempt_at: number } | undefined
  return row === undefined
    ? undefined
    : { eventSeq: row.event_seq, attempts: row.attempts, nextAttemptAt: row.next_attempt_at }
}

export function markDelivered(db: WriteDb, webhookId: string, eventSeq: number, at: string): void {
  db.prepare(
    'UPDATE webhook_deliveries SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE webhook_id = ? AND event_seq = ?'
  ).run(at, webhookId, eventSeq)
}

export function markAttemptFailed(
  db: WriteDb,
  webhookId: string,
  eventSeq: number,
  nextAttemptAt: number,
  error: string
): void {
  db.prepare(
    'UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE webhook_id = ? AND event_seq = ?'
  ).run(nextAttemptAt, error, webhookId, eventSeq)
}

export interface WebhookDeliveryStats {
  readonly pending: number
  readonly lastDeliveredAt: string | null
  readonly lastError: string | null
}

export function webhookDeliveryStats(db: AnyDb, webhookId: string): WebhookDeliveryStats {
  const row = db
    .prepare(
      `SELECT
         (SELECT count(*) FROM webhook_deliveries WHERE webhook_id = @id AND delivered_at IS NULL) AS pending,
         (SELECT max(delivered_at) FROM webhook_deliveries WHERE webhook_id = @id) AS last_delivered_at,
         (SELECT last_error FROM webhook_deliveries WHERE webhook_id = @id AND delivered_at IS NULL ORDER BY event_seq LIMIT 1) AS last_error`
    )
    .get({ id: webhookId }) as { pending: number; last_delivered_at: string | null; last_error: string | null }
  return { pending: row.pending, lastDeliveredAt: row.last_delivered_at, lastError: row.last_error }
}
