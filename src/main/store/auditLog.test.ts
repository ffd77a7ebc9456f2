import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../test/tempDir'
import { appendAudit, verifyAuditLog } from './auditLog'
import { inTransaction, openDatabase } from './db'

const dir = tempDir()

function seeded(name: string): string {
  const f = join(dir, name)
  const db = openDatabase(f)
  inTransaction(db.write, () => {
    for (let i = 1; i <= 5; i++) appendAudit(db.write, { actor: 'alice', action: 'edited', payoutId: 'PO-1', detail: `change ${i}` })
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
    const v = verifyAfterHandEdit('tampered.sqlite', 'audit_log_is_append_only_update', "UPDATE audit_log SET actor = 'mallory' WHERE id = 3")
    expect(v).toMatchObject({ ok: false, firstBrokenId: 3 })
  })

  it('notices entries deleted by hand', () => {
    const v = verifyAfterHandEdit('deleted.sqlite', 'audit_log_is_append_only_delete', 'DELETE FROM audit_log WHERE id = 2')
    expect(v).toMatchObject({ ok: false, firstBrokenId: 3 })
    if (!v.ok) expect(v.reason).toContain('missing')
  })
})
