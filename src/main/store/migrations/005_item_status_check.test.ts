import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/tempDir'
import { openDatabase } from '../db'
import { LATEST_VERSION, MigrationBrokeForeignKeysError, migrate, schemaVersion } from './index'

const dir = tempDir()
let n = 0
const file = () => join(dir, `m5-${++n}.sqlite`)
const ITEM_STATUSES = ['draft', 'queued', 'in_progress', 'paid', 'failed', 'cancelled']

/** A version-4 database with two payouts, items in every status, and a sent transaction paying two of them. */
function version4(f: string): Database.Database {
  const db = new Database(f)
  db.pragma('foreign_keys = ON')
  migrate(db, 4)
  const payout =
    db.prepare(`INSERT INTO payouts (id, kind, status, chain_id, asset_id, description, total, recipient_count, error_count, warning_count, created_by, created_at, updated_at)
    VALUES (?, 'mass', 'in_progress', 1, '1:native', 'salaries', '21', 6, 1, 0, 'op', 'then', 'then')`)
  payout.run('PO-A')
  payout.run('PO-B')
  const item =
    db.prepare(`INSERT INTO payout_items (payout_id, row, address_input, address, amount_input, amount, name, reference, note, status, issues, tx_hash, failure)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  ITEM_STATUSES.forEach((status, i) =>
    item.run(
      'PO-A',
      i + 1,
      `0xabc${i}`,
      i === 2 ? null : `0xABC${i}`,
      `${i}.5`,
      i === 2 ? null : `${i}5`,
      `Name ${i}`,
      ` Ref-${i} `,
      i === 4 ? 'note' : '',
      status,
      i === 2 ? '[{"code":"amount_zero"}]' : '[]',
      i === 3 ? '0xhash' : null,
      i === 4 ? 'reverted: out of gas' : null
    )
  )
  item.run('PO-B', 1, '0xdef', '0xDEF', '1', '1', '', '', '', 'draft', '[]', null, null)
  db.prepare(
    `INSERT INTO transactions (hash, payout_id, step, purpose, chain_id, sender, nonce, raw, state, created_at, updated_at)
    VALUES ('0xhash', 'PO-A', 1, 'payment', '1', '0xsender', 7, '0xraw', 'confirmed', 'then', 'then')`
  ).run()
  const link = db.prepare(
    "INSERT INTO transaction_items (tx_hash, position, payout_id, row) VALUES ('0xhash', ?, 'PO-A', ?)"
  )
  link.run(0, 4)
  link.run(1, 5)
  return db
}

const items = (db: Database.Database) => db.prepare('SELECT * FROM payout_items ORDER BY payout_id, row').all()
const indexes = (db: Database.Database) =>
  db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'payout_items' ORDER BY name")
    .all()
const columns = (db: Database.Database) => db.pragma('table_xinfo(payout_items)')

describe('migration 5: payout_items with a cheaper status check', () => {
  it('keeps every item, column, index and foreign key exactly as they were', () => {
    const f = file()
    const old = version4(f)
    const before = { items: items(old), indexes: indexes(old), columns: columns(old) }
    old.close()
    const db = openDatabase(f)
    // Up to the latest schema: the later rebuilds keep all of it too.
    expect(schemaVersion(db.write)).toBe(LATEST_VERSION)
    expect(items(db.write)).toEqual(before.items)
    expect(indexes(db.write)).toEqual(before.indexes)
    expect(columns(db.write)).toEqual(before.columns)
    expect(db.write.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.write.pragma('foreign_key_check')).toEqual([])
    const sql = (db.write.prepare("SELECT sql FROM sqlite_master WHERE name = 'payout_items'").get() as { sql: string })
      .sql
    expect(sql).toContain('STRICT, WITHOUT ROWID')
    expect(sql).not.toContain('status IN')
    db.close()
  })

  it('still refuses what schema 4 refused: an unknown status, an amount that is not base-unit digits, an item of no payout', () => {
    const f = file()
    version4(f).close()
    const db = openDatabase(f)
    const insert = (row: number, status: string, amount: string | null, payout = 'PO-B') =>
      db.write
        .prepare(
          `INSERT INTO payout_items (payout_id, row, address_input, amount_input, amount, status) VALUES (?, ?, '0x1', '1', ?, ?)`
        )
        .run(payout, row, amount, status)
    ITEM_STATUSES.forEach((status, i) => expect(() => insert(10 + i, status, '100')).not.toThrow())
    expect(() => insert(20, 'Draft', '1')).toThrow(/CHECK/)
    expect(() => insert(21, 'sent', '1')).toThrow(/CHECK/)
    expect(() => insert(22, 'draft', '12.5')).toThrow(/CHECK/)
    expect(() => insert(23, 'draft', '')).toThrow(/CHECK/)
    expect(() => insert(24, 'draft', '-1')).toThrow(/CHECK/)
    expect(() => insert(25, 'draft', null)).not.toThrow()
    expect(() => insert(0, 'draft', '1')).toThrow(/CHECK/)
    expect(() => insert(26, 'draft', '1', 'PO-NONE')).toThrow(/FOREIGN KEY/)
    expect(() =>
      db.write
        .prepare(
          `INSERT INTO payout_items (payout_id, row, address_input, amount_input, status) VALUES ('PO-B', 27, X'00', '1', 'draft')`
        )
        .run()
    ).toThrow(/cannot store BLOB/)
    db.close()
  })

  it('keeps the journal pointing at the items: a paid item cannot be deleted, a missing one cannot be linked, a payout deletes its own items', () => {
    const f = file()
    version4(f).close()
    const db = openDatabase(f)
    expect(() => db.write.prepare("DELETE FROM payout_items WHERE payout_id = 'PO-A' AND row = 4").run()).toThrow(
      /FOREIGN KEY/
    )
    expect(() =>
      db.write
        .prepare("INSERT INTO transaction_items (tx_hash, position, payout_id, row) VALUES ('0xhash', 2, 'PO-A', 99)")
        .run()
    ).toThrow(/FOREIGN KEY/)
    db.write.prepare("DELETE FROM payouts WHERE id = 'PO-B'").run()
    expect(db.write.prepare("SELECT COUNT(*) AS n FROM payout_items WHERE payout_id = 'PO-B'").get()).toEqual({ n: 0 })
    db.close()
  })

  it('changes nothing and says why when the file already has a row pointing at nothing', () => {
    const f = file()
    const old = version4(f)
    old.pragma('foreign_keys = OFF')
    old
      .prepare("INSERT INTO transaction_items (tx_hash, position, payout_id, row) VALUES ('0xhash', 9, 'PO-A', 99)")
      .run()
    old.pragma('foreign_keys = ON')
    const before = {
      items: items(old),
      sql: old.prepare("SELECT sql FROM sqlite_master WHERE name = 'payout_items'").get()
    }
    expect(() => migrate(old)).toThrow(MigrationBrokeForeignKeysError)
    expect(schemaVersion(old)).toBe(4)
    expect(items(old)).toEqual(before.items)
    expect(old.prepare("SELECT sql FROM sqlite_master WHERE name = 'payout_items'").get()).toEqual(before.sql)
    expect(old.pragma('foreign_keys', { simple: true })).toBe(1)
    old.close()
  })
})
