import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/tempDir'
import { storedPayout } from '../../../test/storedPayout'
import { putRate, payoutRates, type NewRate } from '../accountingRepo'
import { openDatabase, type OpenedDatabase } from '../db'
import { getItem, insertItems, insertPayout, upsertItem, type StoredItem } from '../payoutRepo'
import { insertReconciliation } from '../reconciliationRepo'
import { insertSchedule, insertScheduleRun } from '../scheduleRepo'
import { LATEST_VERSION, migrate, schemaVersion } from './index'

const dir = tempDir()
let n = 0
const file = () => join(dir, `m6-${++n}.sqlite`)
const ADDRESS = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'

const payout = (id: string) =>
  storedPayout(id, {
    description: 'payroll',
    total: 3n,
    recipientCount: 2,
    createdAt: '2026-05-01T00:00:00.000Z',
    updatedAt: '2026-05-01T00:00:00.000Z'
  })

const item = (row: number, extra: Partial<StoredItem> = {}): StoredItem => ({
  row,
  addressInput: ADDRESS,
  address: ADDRESS,
  amountInput: String(row),
  amount: BigInt(row),
  name: `Person ${row}`,
  reference: `R-${row}`,
  note: '',
  status: 'draft',
  issues: [],
  txHash: null,
  ...extra
})

function fresh(): OpenedDatabase {
  const db = openDatabase(file())
  insertPayout(db.write, payout('PO-1'))
  return db
}

const manualRate = (extra: Partial<NewRate> = {}): NewRate => ({
  payoutId: 'PO-1',
  txHash: null,
  base: 'POL',
  quote: 'USD',
  source: 'manual',
  rate: { units: 45n, scale: 2 },
  basis: 'manual',
  feedAddress: null,
  feedDescription: null,
  feedSource: null,
  roundId: null,
  roundUpdatedAt: null,
  issues: [],
  enteredBy: 'Alice',
  enteredAt: '2026-05-02T00:00:00.000Z',
  note: 'from the bank statement',
  ...extra
})

describe('migration 6: accounting', () => {
  it('adds category and cost center to existing items without touching their data', () => {
    const f = file()
    const old = new Database(f)
    old.pragma('foreign_keys = ON')
    migrate(old, 5)
    insertPayout(old as never, payout('PO-OLD'))
    old
      .prepare(
        "INSERT INTO payout_items (payout_id, row, address_input, amount_input, amount, status) VALUES ('PO-OLD', 1, 'x', '1', '1', 'paid')"
      )
      .run()
    old.close()
    const db = openDatabase(f)
    expect(schemaVersion(db.write)).toBe(LATEST_VERSION) // later schemas keep both columns
    expect(db.read.prepare('SELECT row, amount, status, category, cost_center FROM payout_items').all()).toEqual([
      { row: 1, amount: '1', status: 'paid', category: '', cost_center: '' }
    ])
    const strict = db.read
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('transaction_facts', 'fiat_rates', 'reconciliations', 'reconciliation_payouts', 'reconciliation_differences', 'payout_schedules', 'payout_schedule_runs') AND sql LIKE '%STRICT%'"
      )
      .all()
    expect(strict).toHaveLength(7)
    db.close()
  })

  it('stores each item its category and cost center, and an edit that does not carry them keeps them', () => {
    const db = fresh()
    insertItems(db.write, 'PO-1', [item(1, { category: '6100', costCenter: 'Engineering' }), item(2)])
    expect(getItem(db.read, 'PO-1', 1)).toMatchObject({ category: '6100', costCenter: 'Engineering' })
    expect(getItem(db.read, 'PO-1', 2)).toMatchObject({ category: '', costCenter: '' })
    upsertItem(db.write, 'PO-1', item(1, { amountInput: '9', amount: 9n }))
    expect(getItem(db.read, 'PO-1', 1)).toMatchObject({ amount: 9n, category: '6100', costCenter: 'Engineering' })
    upsertItem(db.write, 'PO-1', item(1, { category: '6200', costCenter: '' }))
    expect(getItem(db.read, 'PO-1', 1)).toMatchObject({ category: '6200', costCenter: '' })
    upsertItem(db.write, 'PO-1', item(3, { category: '7000' }))
    expect(getItem(db.read, 'PO-1', 3)).toMatchObject({ category: '7000', costCenter: '' })
    db.close()
  })

  it('keeps a typed rate with who and when, and refuses one tied to a transaction or without a value', () => {
    const db = fresh()
    putRate(db.write, manualRate())
    putRate(db.write, manualRate({ rate: { units: 46n, scale: 2 }, enteredBy: 'Bob' }))
    expect(payoutRates(db.read, 'PO-1').map((r) => [r.enteredBy, r.rate?.units])).toEqual([
      ['Alice', 45n],
      ['Bob', 46n]
    ])
    const insertRaw = (txHash: string | null, units: string | null) =>
      db.write
        .prepare(
          `INSERT INTO fiat_rates (payout_id, tx_hash, base, quote, source, rate_units, rate_scale, basis, entered_by, entered_at)
           VALUES ('PO-1', ?, 'POL', 'USD', 'manual', ?, ?, 'manual', 'x', 'y')`
        )
        .run(txHash, units, units === null ? null : 2)
    expect(() => insertRaw(null, null)).toThrow(/CHECK/)
    expect(() => insertRaw(null, '1.5')).toThrow(/CHECK/)
    db.close()
  })

  it('keeps reconciliations as evidence: no update, no delete', () => {
    const db = fresh()
    const id = insertReconciliation(
      db.write,
      {
        scope: 'payout',
        payoutId: 'PO-1',
        rangeFrom: null,
        rangeTo: null,
        outcome: 'differences',
        payoutsChecked: 1,
        rowsChecked: 2,
        transactionsChecked: 1,
        summary: 's',
        runBy: 'op',
        startedAt: 'a',
        finishedAt: 'b'
      },
      ['PO-1'],
      [{ payoutId: 'PO-1', row: 1, txHash: null, code: 'c', expected: '1', found: '2', message: 'm' }]
    )
    expect(() => db.write.prepare('UPDATE reconciliations SET outcome = ? WHERE id = ?').run('matched', id)).toThrow(
      /append-only/
    )
    expect(() => db.write.prepare('DELETE FROM reconciliation_differences').run()).toThrow(/append-only/)
    expect(() => db.write.prepare('DELETE FROM reconciliation_payouts').run()).toThrow(/append-only/)
    db.close()
  })

  it('refuses a schedule day that does not exist and a second run for the same date', () => {
    const db = fresh()
    const schedule = {
      id: 'S-1',
      templatePayoutId: 'PO-1',
      cadence: 'monthly' as const,
      day: 31,
      timeZone: 'UTC',
      startsOn: '2026-05-01',
      active: true,
      createdBy: 'op',
      createdAt: 'now',
      updatedAt: 'now'
    }
    insertSchedule(db.write, schedule)
    expect(() => insertSchedule(db.write, { ...schedule, id: 'S-2', day: 32 })).toThrow(/CHECK/)
    expect(() => insertSchedule(db.write, { ...schedule, id: 'S-3', cadence: 'weekly', day: 8 })).toThrow(/CHECK/)
    expect(() => insertSchedule(db.write, { ...schedule, id: 'S-4', startsOn: '1 May' })).toThrow(/CHECK/)
    const run = { scheduleId: 'S-1', dueOn: '2026-05-31', payoutId: 'PO-1', missed: [], ranAt: 'now' }
    insertScheduleRun(db.write, run)
    expect(() => insertScheduleRun(db.write, run)).toThrow(/UNIQUE|PRIMARY KEY/)
    db.close()
  })
})
