// Runs in: main (plain Node). Automation's records in SQLite: where automated payouts came from, the
// REST API's tokens (hashes only), creation requests' idempotency keys and the inbox files drafted.
import type { ApiScope, PayoutSource, PayoutSourceKind } from '../../shared/automation'
import { APP_SOURCE } from '../../shared/automation'
import type { ReadDb, WriteDb } from './db'

type AnyDb = ReadDb | WriteDb
type AutomatedKind = Exclude<PayoutSourceKind, 'app'>

// ---- Payout sources

export function insertPayoutSource(
  db: WriteDb,
  row: { payoutId: string; kind: AutomatedKind; name: string; externalId: string | null; at: string }
): void {
  db.prepare('INSERT INTO payout_sources (payout_id, kind, name, external_id, created_at) VALUES (?, ?, ?, ?, ?)').run(
    row.payoutId,
    row.kind,
    row.name,
    row.externalId,
    row.at
  )
}

/** Where a payout came from; a payout with no record was drafted at this desk. */
export function payoutSource(db: AnyDb, payoutId: string): PayoutSource {
  const row = db.prepare('SELECT kind, name, external_id FROM payout_sources WHERE payout_id = ?').get(payoutId) as
    { kind: AutomatedKind; name: string; external_id: string | null } | undefined
  return row === undefined ? APP_SOURCE : { kind: row.kind, name: row.name, externalId: row.external_id }
}

/** The payout an external id names, if any. */
export function payoutByExternalId(db: AnyDb, externalId: string): string | undefined {
  const row = db.prepare('SELECT payout_id FROM payout_sources WHERE external_id = ?').get(externalId) as
    { payout_id: string } | undefined
  return row?.payout_id
}

// ---- API tokens

export interface StoredToken {
  readonly id: string
  readonly name: string
  readonly scopes: readonly ApiScope[]
  readonly secretHash: string
  readonly prefix: string
  readonly createdAt: string
  readonly createdBy: string
  readonly lastUsedAt: string | null
  readonly revokedAt: string | null
}

interface TokenRow {
  id: string
  name: string
  scopes: string
  secret_hash: string
  prefix: string
  created_at: string
  created_by: string
  last_used_at: string | null
  revoked_at: string | null
}

const toToken = (r: TokenRow): StoredToken => ({
  id: r.id,
  name: r.name,
  scopes: JSON.parse(r.scopes) as ApiScope[],
  secretHash: r.secret_hash,
  prefix: r.prefix,
  createdAt: r.created_at,
  createdBy: r.created_by,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at
})

export function insertToken(db: WriteDb, t: Omit<StoredToken, 'lastUsedAt' | 'revokedAt'>): void {
  db.prepare(
    'INSERT INTO api_tokens (id, name, scopes, secret_hash, prefix, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)'
  ).run(t.id, t.name, JSON.stringify(t.scopes), t.secretHash, t.prefix, t.createdAt, t.createdBy)
}

export function getToken(db: AnyDb, id: string): StoredToken | undefined {
  const row = db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(id) as TokenRow | undefined
  return row === undefined ? undefined : toToken(row)
}

export function listTokens(db: AnyDb): StoredToken[] {
  return (db.prepare('SELECT * FROM api_tokens ORDER BY created_at, id').all() as TokenRow[]).map(toToken)
}

export function revokeToken(db: WriteDb, id: string, at: string): boolean {
  return db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes > 0
}

export function touchToken(db: WriteDb, id: string, at: string): void {
  db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(at, id)
}

// ---- Idempotency keys

export interface IdempotentRequest {
  readonly requestHash: string
  readonly payoutId: string
}

export function findIdempotencyKey(db: AnyDb, caller: string, key: string): IdempotentRequest | undefined {
  const row = db
    .prepare('SELECT request_hash, payout_id FROM idempotency_keys WHERE caller = ? AND key = ?')
    .get(caller, key) as { request_hash: string; payout_id: string } | undefined
  return row === undefined ? undefined : { requestHash: row.request_hash, payoutId: row.payout_id }
}

/** False when the key was taken meanwhile (by a concurrent request): the caller's transaction must not commit. */
export function insertIdempotencyKey(
  db: WriteDb,
  row: { caller: string; key: string; requestHash: string; payoutId: string; at: string }
): boolean {
  return (
    db
      .prepare(
        'INSERT INTO idempotency_keys (caller, key, request_hash, payout_id, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'
      )
      .run(row.caller, row.key, row.requestHash, row.payoutId, row.at).changes > 0
  )
}

// ---- Inbox files

export interface DraftedInboxFile {
  readonly fileName: string
  readonly payoutId: string
  /** True once the file was moved to processed/ after its payout was drafted. */
  readonly filed: boolean
  readonly draftedAt: string
}

/** The draft made from this content (and external id, '' for none), if there is one. */
export function findInboxFile(db: AnyDb, contentHash: string, externalId: string): DraftedInboxFile | undefined {
  const row = db
    .prepare(
      'SELECT file_name, payout_id, filed, drafted_at FROM inbox_files WHERE content_hash = ? AND external_id = ?'
    )
    .get(contentHash, externalId) as
    { file_name: string; payout_id: string; filed: number; drafted_at: string } | undefined
  return row === undefined
    ? undefined
    : { fileName: row.file_name, payoutId: row.payout_id, filed: row.filed === 1, draftedAt: row.drafted_at }
}

export function insertInboxFile(
  db: WriteDb,
  row: { contentHash: string; externalId: string; fileName: string; payoutId: string; at: string }
): void {
  db.prepare(
    'INSERT INTO inbox_files (content_hash, external_id, file_name, payout_id, filed, drafted_at) VALUES (?, ?, ?, ?, 0, ?)'
  ).run(row.contentHash, row.externalId, row.fileName, row.payoutId, row.at)
}

export function markInboxFileFiled(db: WriteDb, contentHash: string, externalId: string): void {
  db.prepare('UPDATE inbox_files SET filed = 1 WHERE content_hash = ? AND external_id = ?').run(contentHash, externalId)
}

// ---- Status file rows

/**
 * One row of a payout as its status file reports it, read as a plain array: row, address (as
 * entered until valid), amount in base units (null when invalid), reference, status, transaction
 * hash, the block that transaction was included in, and why the row failed.
 */
export type StatusRow = readonly [
  row: number,
  address: string,
  amount: string | null,
  reference: string,
  status: string,
  txHash: string | null,
  block: string | null,
  failure: string | null
]

/** Up to `limit` rows after row number `afterRow`, in order (rows are numbered 1..n). */
export function statusRowsAfter(db: AnyDb, payoutId: string, afterRow: number, limit: number): StatusRow[] {
  return db
    .prepare(
      `SELECT i.row, coalesce(i.address, i.address_input), i.amount, i.reference, i.status, i.tx_hash, t.block_number, i.failure
       FROM payout_items i LEFT JOIN transactions t ON t.hash = i.tx_hash
       WHERE i.payout_id = ? AND i.row > ? ORDER BY i.row LIMIT ?`
    )
    .raw(true)
    .all(payoutId, afterRow, limit) as StatusRow[]
}
