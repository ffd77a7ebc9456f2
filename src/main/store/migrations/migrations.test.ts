import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/tempDir'
import { openDatabase } from '../db'
import { DatabaseFromFutureError, LATEST_VERSION, MIGRATIONS, migrate, schemaVersion } from './index'

const dir = tempDir()
let n = 0
const file = () => join(dir, `db-${++n}.sqlite`)

describe('schema migrations', () => {
  it('bring an empty file to the latest version in one go', () => {
    const f = file()
    const db = openDatabase(f)
    expect(schemaVersion(db.write)).toBe(LATEST_VERSION)
    const tables = db.read.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{
      name: string
    }>
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['audit_log', 'payout_items', 'payouts', 'settings', 'transactions', 'transaction_items'])
    )
    expect(db.write.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.write.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.write.pragma('synchronous', { simple: true })).toBe(2)
    db.close()
  })

  it('are numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })

  for (const from of MIGRATIONS.map((m) => m.version).filter((v) => v < LATEST_VERSION)) {
    it(`upgrade a database at version ${from} keeping its data`, () => {
      const f = file()
      const raw = new Database(f)
      migrate(raw, from)
      expect(schemaVersion(raw)).toBe(from)
      raw
        .prepare(
          `INSERT INTO payouts (id, kind, status, chain_id, asset_id, description, total, recipient_count, error_count, warning_count, created_by, created_at, updated_at)
        VALUES ('PO-1', 'single', 'draft', 1, '1:native', 'rent', '5', 1, 0, 0, 'op', 'now', 'now')`
        )
        .run()
      raw.close()
      const db = openDatabase(f)
      expect(schemaVersion(db.write)).toBe(LATEST_VERSION)
      expect(db.read.prepare('SELECT description, total FROM payouts').get()).toEqual({
        description: 'rent',
        total: '5'
      })
      db.close()
    })
  }

  it('refuse a database from a newer version without changing a byte of it', () => {
    const f = file()
    const raw = new Database(f)
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`)
    raw.close()
    const before = readFileSync(f)
    expect(() => openDatabase(f)).toThrow(DatabaseFromFutureError)
    expect(readFileSync(f).equals(before)).toBe(true)
  })

  it('roll back entirely when one migration fails', () => {
    const f = file()
    const raw = new Database(f)
    raw.exec('CREATE TABLE payouts (x INTEGER)') // makes migration 1 fail half way
    expect(() => migrate(raw)).toThrow()
    expect(schemaVersion(raw)).toBe(0)
    expect(raw.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'payout_items'").get()).toEqual({ n: 0 })
    raw.close()
  })

  it('keep amounts as base-unit digits at the schema level', () => {
    const db = openDatabase(file())
    const insert = (total: string) =>
      db.write
        .prepare(
          `INSERT INTO payouts (id, kind, status, chain_id, asset_id, description, total, recipient_count, error_count, warning_count, created_by, created_at, updated_at)
      VALUES (?, 'single', 'draft', 1, '1:native', '', ?, 1, 0, 0, 'op', 'now', 'now')`
        )
        .run(`PO-${total}`, total)
    expect(() => insert('12.5')).toThrow(/CHECK/)
    expect(() => insert('-1')).toThrow(/CHECK/)
    expect(() => insert('1000')).not.toThrow()
    db.close()
  })
})
