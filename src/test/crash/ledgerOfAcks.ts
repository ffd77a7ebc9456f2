// Runs in: tests (plain Node). What the crash test expects to find in the database: every
// acknowledged payout state, plus the one change that may have been in flight at the kill, and
// the check of a reopened database against it.
import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import { verifyAuditLog } from '../../main/store/auditLog'
import type { ReadDb } from '../../main/store/db'
import type { PayoutStatus } from '../../shared/statuses'
import type { ChildLine, Intent, PayoutState } from './protocol'

export interface RoundFindings {
  readonly acks: number
  readonly problems: readonly string[]
}

const same = (a: PayoutState, b: PayoutState): boolean =>
  a.status === b.status && a.total === b.total && a.recipients === b.recipients
const show = (s: PayoutState): string => `${s.status}, total ${s.total}, ${s.recipients} recipient(s)`

export class AckLedger {
  private readonly expected = new Map<string, PayoutState>()
  private inFlight: Intent | null = null

  get payouts(): number {
    return this.expected.size
  }

  /** Applies what the child wrote; returns how many changes it acknowledged. */
  record(lines: readonly ChildLine[]): { acks: number; problems: string[] } {
    const problems: string[] = []
    let acks = 0
    for (const line of lines) {
      if (line.kind === 'intent') this.inFlight = line.intent
      if (line.kind !== 'ack') continue
      acks++
      const { ack } = line
      if (
        this.inFlight === null ||
        this.inFlight.op !== ack.op ||
        (this.inFlight.id !== null && this.inFlight.id !== ack.id)
      )
        problems.push(`ACK ${ack.op} ${ack.id} without its DO line`)
      else if (!same(this.inFlight.after, ack.state))
        problems.push(
          `${ack.op} ${ack.id} returned ${show(ack.state)}, the child asked for ${show(this.inFlight.after)}`
        )
      this.expected.set(ack.id, ack.state)
      this.inFlight = null
    }
    return { acks, problems }
  }

  /**
   * Opens the database the way a restart finds it (no migration, no repair) and checks it. The
   * change in flight may or may not have been committed; either is fine, half of it is not.
   * Afterwards the ledger adopts whatever the database holds for that one change.
   */
  verify(file: string): string[] {
    const problems: string[] = []
    if (!existsSync(file)) {
      // Killed before SQLite created the file: nothing can have been acknowledged yet.
      return this.expected.size > 0 ? ['the database file is gone'] : []
    }
    const db = new Database(file, { fileMustExist: true })
    try {
      const integrity = db.pragma('integrity_check', { simple: true })
      if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`)
      const fk = db.pragma('foreign_key_check') as unknown[]
      if (fk.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`)
      const migrated =
        db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'payouts'").get() !== undefined
      if (!migrated) {
        // Killed before the first migration committed: nothing can have been acknowledged yet.
        if (this.expected.size > 0) problems.push('the payouts table is gone')
        return problems
      }
      const audit = verifyAuditLog(db as ReadDb)
      if (!audit.ok) problems.push(`audit log broken at entry ${audit.firstBrokenId}: ${audit.reason}`)
      const rows = db
        .prepare(
          `SELECT p.id, p.status, p.total, p.recipient_count AS recipients,
                (SELECT count(*) FROM payout_items i WHERE i.payout_id = p.id) AS items,
                (SELECT count(*) FROM payout_items i WHERE i.payout_id = p.id AND i.status <> CASE p.status WHEN 'cancelled' THEN 'cancelled' ELSE 'draft' END) AS strayItems,
                (SELECT count(*) FROM audit_log a WHERE a.payout_id = p.id) AS auditEntries
         FROM payouts p`
        )
        .all() as {
        id: string
        status: PayoutStatus
        total: string
        recipients: number
        items: number
        strayItems: number
        auditEntries: number
      }[]
      const actual = new Map<string, PayoutState>()
      for (const r of rows) {
        actual.set(r.id, { status: r.status, total: BigInt(r.total), recipients: r.recipients })
        if (r.items !== r.recipients)
          problems.push(`${r.id}: ${r.recipients} recipient(s) recorded but ${r.items} item row(s)`)
        if (r.strayItems > 0)
          problems.push(`${r.id}: ${r.strayItems} item(s) whose status disagrees with the payout's ${r.status}`)
        if (r.auditEntries === 0) problems.push(`${r.id}: saved without an audit entry`)
      }
      this.compare(actual, problems)
    } finally {
      db.close()
      this.inFlight = null
    }
    return problems
  }

  private compare(actual: Map<string, PayoutState>, problems: string[]): void {
    const flight = this.inFlight
    for (const [id, want] of this.expected) {
      const got = actual.get(id)
      if (got === undefined) {
        problems.push(`${id} was acknowledged (${show(want)}) but is missing`)
      } else if (!same(got, want)) {
        const committedInFlight = flight !== null && flight.id === id && same(got, flight.after)
        if (!committedInFlight) problems.push(`${id} was acknowledged as ${show(want)} but reads ${show(got)}`)
        else this.expected.set(id, got)
      }
    }
    const unknown = [...actual.keys()].filter((id) => !this.expected.has(id))
    if (unknown.length === 0) return
    const createdInFlight =
      flight !== null && flight.op === 'create' && unknown.length === 1 && same(actual.get(unknown[0]!)!, flight.after)
    if (createdInFlight) this.expected.set(unknown[0]!, actual.get(unknown[0]!)!)
    else problems.push(`payouts nobody created or acknowledged: ${unknown.slice(0, 5).join(', ')}`)
  }
}
