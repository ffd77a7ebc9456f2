// Runs in: tests (plain Node, Vitest). Schema 8 rebuilds payout_items and transactions to allow
// the outcomes that are not known yet: every row, transaction (in signing order), index and
// foreign key survives, the new states are accepted and anything else is still refused.
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/tempDir'
import { openDatabase } from '../db'
import { LATEST_VERSION, migrate, schemaVersion } from './index'

const dir = tempDir()
let n = 0
const file = () => join(dir, `m8-${++n}.sqlite`)

/** A version-7 database: one payout in progress, three transactions (one replacing another), items linked. */
function version7(f: string): Database.Database {
  const db = new Database(f)
  db.pragma('foreign_keys = ON')
  migrate(db, 7)
  db.prepare(
    `INSERT INTO payouts (id, kind, status, chain_id, asset_id, description, total, recipient_count, error_count, warning_count, created_by, created_at, updated_at)
     VALUES ('PO-A', 'mass', 'in_progress', 1, '1:native', 'salaries', '6', 3, 0, 0, 'op', 'then', 'then')`
  ).run()
  const item = db.prepare(
    `INSERT INTO payout_items (payout_id, row, address_input, address, amount_input, amount, status, tx_hash, failure) VALUES ('PO-A', ?, '0xa', '0xA', '2', '2', ?, ?, ?)`
  )
  item.run(1, 'paid', '0xc', null)
  item.run(2, 'in_progress', '0xb', null)
  item.run(3, 'failed', null, 'reverted')
  const tx = db.prepare(
    `INSERT INTO transactions (hash, payout_id, step, purpose, chain_id, sender, nonce, raw, replaces, state, created_at, updated_at)
     VALUES (?, 'PO-A', ?, ?, '1', '0xS', ?, '0xraw', ?, ?, 'then', 'then')`
  )
  // Inserted out of hash order: the journal's order is the rowid's.
  tx.run('0xc', 0, 'payment', 7, null, 'confirmed')
  tx.run('0xa', 1, 'payment', 8, null, 'replaced')
  tx.run('0xb', 1, 'payment', 8, '0xa', 'broadcast')
  const link = db.prepare("INSERT INTO transaction_items (tx_hash, position, payout_id, row) VALUES (?, 0, 'PO-A', ?)")
  link.run('0xc', 1)
  link.run('0xa', 2)
  link.run('0xb', 2)
  // Schema 6's accounting columns and facts ride through the rebuild.
  db.prepare("UPDATE payout_items SET category = '6010 Salaries', cost_center = 'R&D' WHERE row = 1").run()
  db.prepare(
    `INSERT INTO transaction_facts (tx_hash, block_number, block_hash, block_timestamp, success, gas_used, effective_gas_price, fee_paid, read_at)
     VALUES ('0xc', '10', '0xbh', 1700000000, 1, '21000', '7', '147000', 'then')`
  ).run()
  return db
}

const snapshot = (db: Database.Database) => ({
  items: db.prepare('SELECT * FROM payout_items ORDER BY payout_id, row').all(),
  txs: db.prepare('SELECT rowid, * FROM transactions ORDER BY rowid').all(),
  links: db.prepare('SELECT * FROM transaction_items ORDER BY tx_hash, position').all(),
  facts: db.prepare('SELECT * FROM transaction_facts ORDER BY tx_hash').all(),
  indexes: db
    .prepare(
      "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('payout_items', 'transactions') ORDER BY name"
    )
    .all() as Array<{ name: string; tbl_name: string; sql: string | null }>
})

describe('migration 8: outcomes not known yet', () => {
  it('keeps every item, transaction in signing order, link and index', () => {
    const f = file()
    const old = version7(f)
    const before = snapshot(old)
    old.close()
    const db = openDatabase(f)
    expect(schemaVersion(db.write)).toBe(LATEST_VERSION)
    const after = snapshot(db.write)
    expect(after.items).toEqual(before.items)
    expect(after.txs).toEqual(before.txs)
    expect(after.links).toEqual(before.links)
    expect(after.facts).toEqual(before.facts)
    expect(after.items[0]).toMatchObject({ category: '6010 Salaries', cost_center: 'R&D' })
    const added = ['transactions_confirmed_by_block', 'transactions_unverified']
    expect(after.indexes.filter((i) => !added.includes(i.name))).toEqual(before.indexes)
    expect(after.indexes.map((i) => i.name)).toEqual(expect.arrayContaining(added))
    expect(db.write.pragma('foreign_key_check')).toEqual([])
    db.close()
  })

  it('accepts a row that needs checking, an unverified transaction and a revoke; refuses anything else', () => {
    const f = file()
    version7(f).close()
    const db = openDatabase(f)
    const setItem = (status: string) =>
      db.write.prepare("UPDATE payout_items SET status = ? WHERE payout_id = 'PO-A' AND row = 2").run(status)
    const setTx = (state: string, purpose = 'payment') =>
      db.write.prepare("UPDATE transactions SET state = ?, purpose = ? WHERE hash = '0xb'").run(state, purpose)
    expect(() => setItem('needs_check')).not.toThrow()
    expect(() => setTx('unverified')).not.toThrow()
    expect(() => setTx('confirmed', 'revoke')).not.toThrow()
    expect(() => setItem('checking')).toThrow(/CHECK/)
    expect(() => setTx('lost')).toThrow(/CHECK/)
    expect(() => setTx('confirmed', 'refund')).toThrow(/CHECK/)
    // The journal still points at what exists: a linked item cannot go, a transaction cannot replace nothing.
    expect(() => db.write.prepare("DELETE FROM payout_items WHERE payout_id = 'PO-A' AND row = 1").run()).toThrow(
      /FOREIGN KEY/
    )
    expect(() => db.write.prepare("UPDATE transactions SET replaces = '0xnone' WHERE hash = '0xb'").run()).toThrow(
      /FOREIGN KEY/
    )
    db.close()
  })
})
