import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { tempDir } from '../../test/tempDir'
import { appendAudit, GENESIS_HASH, payoutTimeline, verifyAuditLog } from './auditLog'
import { inTransaction, openDatabase } from './db'

const dir = tempDir()

function seeded(name: string): string {
  const f = join(dir, name)
  const db = openDatabase(f)
  inTransaction(db.write, () => {
    for (let i = 1; i <= 5; i++)
      appendAudit(db.write, { actor: 'alice', action: 'edited', payoutId: 'PO-1', detail: `change ${i}` })
  })
  db.close()
  return f
}

/** Edits the file outside the app (its guard trigger dropped first, as anyone with the file could), then verifies. */
function verifyAfterHandEdit(name: string, trigger: string, sql: string) {
  const f = seeded(name)
  const raw = new Database(f)
  raw.exec(`DROP TRIGGER ${trigger}`)
  raw.prepare(sql).run()
  raw.close()
  const db = openDatabase(f)
  try {
    return verifyAuditLog(db.read)
  } finally {
    db.close()
  }
}

describe('audit log', () => {
  it('verifies when nobody touched it', () => {
    const db = openDatabase(seeded('clean.sqlite'))
    expect(verifyAuditLog(db.read)).toEqual({ ok: true, entries: 5 })
    db.close()
  })

  it('refuses updates and deletes from inside the app', () => {
    const db = openDatabase(seeded('append-only.sqlite'))
    expect(() => db.write.prepare("UPDATE audit_log SET actor = 'mallory'").run()).toThrow(/append-only/)
    expect(() => db.write.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
    db.close()
  })

  it('names the first entry edited by hand in the SQLite file', () => {
    const v = verifyAfterHandEdit(
      'tampered.sqlite',
      'audit_log_is_append_only_update',
      "UPDATE audit_log SET actor = 'mallory' WHERE id = 3"
    )
    expect(v).toMatchObject({ ok: false, firstBrokenId: 3 })
  })

  it('notices entries deleted by hand', () => {
    const v = verifyAfterHandEdit(
      'deleted.sqlite',
      'audit_log_is_append_only_delete',
      'DELETE FROM audit_log WHERE id = 2'
    )
    expect(v).toMatchObject({ ok: false, firstBrokenId: 3 })
    if (!v.ok) expect(v.reason).toContain('missing')
  })

  it('prepares its statements once per database handle, and each handle writes its own chain', () => {
    const first = openDatabase(join(dir, 'prepared-once-1.sqlite'))
    const second = openDatabase(join(dir, 'prepared-once-2.sqlite'))
    const prepares = vi.spyOn(first.write, 'prepare')
    for (let round = 1; round <= 3; round++) {
      inTransaction(first.write, () =>
        appendAudit(first.write, { actor: 'alice', action: 'edited', payoutId: 'PO-1', detail: `change ${round}` })
      )
      expect(payoutTimeline(first.write, 'PO-1', () => null)).toHaveLength(round)
      expect(verifyAuditLog(first.write)).toEqual({ ok: true, entries: round })
    }
    // Two statements to append, two to read: prepared on first use only.
    expect(prepares).toHaveBeenCalledTimes(4)
    inTransaction(second.write, () => appendAudit(second.write, { actor: 'bob', action: 'created', payoutId: 'PO-9' }))
    expect(second.write.prepare('SELECT actor, prev_hash FROM audit_log').all()).toEqual([
      { actor: 'bob', prev_hash: GENESIS_HASH }
    ])
    expect(payoutTimeline(first.read, 'PO-9', () => null)).toEqual([])
    expect([verifyAuditLog(first.read), verifyAuditLog(second.read)]).toEqual([
      { ok: true, entries: 3 },
      { ok: true, entries: 1 }
    ])
    prepares.mockRestore()
    first.close()
    second.close()
  })
})
