// Runs in: main (plain Node). The append-only audit log: who did what to which payout, when.
// Each entry's hash covers the previous entry's hash, so an entry edited or removed by hand
// (outside the app; SQLite triggers refuse it inside) breaks the chain at a findable place.
// Statements are prepared once per database handle: an entry is appended with nearly every write
// (each signed transaction of a payout run among them).
import { createHash } from 'node:crypto'
import type { Statement } from 'better-sqlite3'
import type { PayoutStatus } from '../../shared/statuses'
import { AUDIT_EXACT_SEPARATOR, type AuditEntry } from '../../shared/api'
import type { ReadDb, WriteDb } from './db'

export const GENESIS_HASH = '0'.repeat(64)

export interface AuditInput {
  readonly actor: string
  readonly action: string
  readonly payoutId: string | null
  readonly fromStatus?: PayoutStatus | null
  readonly toStatus?: PayoutStatus | null
  readonly detail?: string
  readonly at?: string
}

interface AuditRow {
  id: number
  at: string
  actor: string
  action: string
  payout_id: string | null
  from_status: string | null
  to_status: string | null
  detail: string
  prev_hash: string
  hash: string
}

interface AppendStatements {
  readonly lastHash: Statement
  readonly insert: Statement
}

interface ReadStatements {
  readonly timeline: Statement
  readonly all: Statement
}

// Keyed by the handle, so a closed handle's statements go with it.
const appendStatements = new WeakMap<WriteDb, AppendStatements>()
const readStatements = new WeakMap<ReadDb | WriteDb, ReadStatements>()

function appendStatementsOf(db: WriteDb): AppendStatements {
  let statements = appendStatements.get(db)
  if (statements === undefined) {
    statements = {
      lastHash: db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO audit_log (at, actor, action, payout_id, from_status, to_status, detail, prev_hash, hash)
     VALUES (@at, @actor, @action, @payout_id, @from_status, @to_status, @detail, @prev_hash, @hash)`
      )
    }
    appendStatements.set(db, statements)
  }
  return statements
}

function readStatementsOf(db: ReadDb | WriteDb): ReadStatements {
  let statements = readStatements.get(db)
  if (statements === undefined) {
    statements = {
      timeline: db.prepare('SELECT * FROM audit_log WHERE payout_id = ? ORDER BY id'),
      all: db.prepare('SELECT * FROM audit_log ORDER BY id')
    }
    readStatements.set(db, statements)
  }
  return statements
}

function entryHash(prevHash: string, e: Omit<AuditRow, 'id' | 'prev_hash' | 'hash'>): string {
  const canonical = JSON.stringify([
    prevHash,
    e.at,
    e.actor,
    e.action,
    e.payout_id,
    e.from_status,
    e.to_status,
    e.detail
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

/** Appends one entry; call inside the transaction that makes the change it records. */
export function appendAudit(db: WriteDb, input: AuditInput): void {
  const statements = appendStatementsOf(db)
  const last = statements.lastHash.get() as { hash: string } | undefined
  const prevHash = last?.hash ?? GENESIS_HASH
  const row = {
    at: input.at ?? new Date().toISOString(),
    actor: input.actor,
    action: input.action,
    payout_id: input.payoutId,
    from_status: input.fromStatus ?? null,
    to_status: input.toStatus ?? null,
    detail: input.detail ?? ''
  }
  statements.insert.run({ ...row, prev_hash: prevHash, hash: entryHash(prevHash, row) })
}

/**
 * Appends one entry unless the payout's latest entry is the same act with the same detail: a
 * refusal met again with nothing changed in between (each Review of a payout that cannot be paid)
 * is on record once, from its first time.
 */
export function appendAuditOnce(db: WriteDb, input: AuditInput & { readonly payoutId: string }): void {
  const last = db
    .prepare('SELECT action, detail FROM audit_log WHERE payout_id = ? ORDER BY id DESC LIMIT 1')
    .get(input.payoutId) as { action: string; detail: string } | undefined
  if (last !== undefined && last.action === input.action && last.detail === (input.detail ?? '')) return
  appendAudit(db, input)
}

/** The last entry's id and hash (id 0 and the genesis hash for an empty log): what signed statements anchor to. */
export function auditHead(db: ReadDb | WriteDb): { readonly id: number; readonly hash: string } {
  const row = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: string } | undefined
  return row === undefined ? { id: 0, hash: GENESIS_HASH } : row
}

/** The hash of entry `id` as the log holds it now; undefined when there is no such entry. */
export function auditEntryHash(db: ReadDb | WriteDb, id: number): string | undefined {
  if (id === 0) return GENESIS_HASH
  const row = db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(id) as { hash: string } | undefined
  return row?.hash
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

/**
 * A payout's entries, oldest first. An actor recorded as a Ledger address (a signed act) is named
 * by `nameOf` (the team roster) and keeps its address; any other actor is a desk's own label.
 */
export function payoutTimeline(
  db: ReadDb | WriteDb,
  payoutId: string,
  nameOf: (address: string) => string | null
): AuditEntry[] {
  const rows = readStatementsOf(db).timeline.all(payoutId) as AuditRow[]
  return rows.map((r) => {
    const split = r.detail.indexOf(AUDIT_EXACT_SEPARATOR)
    return {
      id: r.id,
      at: r.at,
      actor: ADDRESS.test(r.actor) ? (nameOf(r.actor) ?? r.actor) : r.actor,
      actorAddress: ADDRESS.test(r.actor) ? r.actor : null,
      action: r.action,
      fromStatus: r.from_status as PayoutStatus | null,
      toStatus: r.to_status as PayoutStatus | null,
      detail: split < 0 ? r.detail : r.detail.slice(0, split),
      exact: split < 0 ? '' : r.detail.slice(split + AUDIT_EXACT_SEPARATOR.length)
    }
  })
}

export type AuditVerification =
  | { readonly ok: true; readonly entries: number }
  | { readonly ok: false; readonly entries: number; readonly firstBrokenId: number; readonly reason: string }

/** Walks the whole chain and reports the first entry that does not follow from the one before it. */
export function verifyAuditLog(db: ReadDb | WriteDb): AuditVerification {
  let prevHash = GENESIS_HASH
  let prevId = 0
  let entries = 0
  for (const row of readStatementsOf(db).all.iterate() as IterableIterator<AuditRow>) {
    entries++
    if (row.prev_hash !== prevHash) {
      const reason =
        row.id !== prevId + 1
          ? `entries ${prevId + 1} to ${row.id - 1} are missing`
          : 'it does not follow from the entry before it'
      return { ok: false, entries, firstBrokenId: row.id, reason }
    }
    if (entryHash(prevHash, row) !== row.hash)
      return { ok: false, entries, firstBrokenId: row.id, reason: 'its contents were changed after it was written' }
    prevHash = row.hash
    prevId = row.id
  }
  return { ok: true, entries }
}
