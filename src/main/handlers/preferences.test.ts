// Runs in: Vitest (Node). The desk's preferences through the contract, over a real SQLite file: the
// payer account per network and the grid's columns are kept across a restart, checked like any
// input, never audited, and a stored value the app did not write is read as "not chosen".
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../test/tempDir'
import { dispatch } from '../dispatch'
import { openDatabase } from '../store/db'
import { writeRawSetting } from '../store/settingsRepo'
import { createTreasury, DATABASE_FILE } from '../treasury'

const LEDGER_LIVE_2 = "44'/60'/1'/0/0"
const LEGACY_4 = "44'/60'/0'/3"
const ARRANGED = [
  { colId: 'address', width: 420, hidden: false },
  { colId: 'amount', width: null, hidden: false },
  { colId: 'note', width: 90, hidden: true }
]

describe('preferences', () => {
  it('start with no payer chosen and the grid as it comes', async () => {
    const t = createTreasury({ dataDir: tempDir(), background: false })
    try {
      expect(await t.getPreferences({})).toEqual({ payerAccounts: {}, gridColumns: null })
    } finally {
      await t.close()
    }
  })

  it('keep a payer per network and the grid columns across a restart, without an audit entry', async () => {
    const dataDir = tempDir()
    const t1 = createTreasury({ dataDir, background: false })
    try {
      await t1.setPayerAccount({ chainId: 1, accountPath: LEDGER_LIVE_2 })
      await t1.setPayerAccount({ chainId: 11155111, accountPath: LEGACY_4 })
      const answered = await t1.setGridColumns({ columns: ARRANGED })
      expect(answered.gridColumns).toEqual(ARRANGED)
      expect((await t1.verifyAuditLog({})).entries).toBe(0)
    } finally {
      await t1.close()
    }
    const t2 = createTreasury({ dataDir, background: false })
    try {
      expect(await t2.getPreferences({})).toEqual({
        payerAccounts: { '1': LEDGER_LIVE_2, '11155111': LEGACY_4 },
        gridColumns: ARRANGED
      })
      await t2.setPayerAccount({ chainId: 1, accountPath: "44'/60'/0'/0/0" })
      expect((await t2.getPreferences({})).payerAccounts).toEqual({ '1': "44'/60'/0'/0/0", '11155111': LEGACY_4 })
    } finally {
      await t2.close()
    }
  })

  it('refuse a payer on a network the app does not know, a path that is not an account, and a foreign column id', async () => {
    const t = createTreasury({ dataDir: tempDir(), background: false })
    try {
      expect(await dispatch(t, 'setPayerAccount', { chainId: 999_999_999, accountPath: LEDGER_LIVE_2 })).toMatchObject({
        ok: false,
        error: { code: 'unknown_network' }
      })
      expect(await dispatch(t, 'setPayerAccount', { chainId: 1, accountPath: "m/44'/0'/0'" })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' }
      })
      expect(
        await dispatch(t, 'setGridColumns', { columns: [{ colId: '<img>', width: 10, hidden: false }] })
      ).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
      expect(await t.getPreferences({})).toEqual({ payerAccounts: {}, gridColumns: null })
    } finally {
      await t.close()
    }
  })

  it('read stored values the app would not have written as not chosen', async () => {
    const dataDir = tempDir()
    const db = openDatabase(join(dataDir, DATABASE_FILE))
    try {
      writeRawSetting(db.write, 'preference.payerAccounts', { 1: 'm/0/evil', abc: LEDGER_LIVE_2, 10: LEGACY_4 })
      writeRawSetting(db.write, 'preference.gridColumns', [
        { colId: 3 },
        { colId: 'amount', width: 'wide' },
        ARRANGED[2]
      ])
    } finally {
      db.close()
    }
    const t = createTreasury({ dataDir, background: false })
    try {
      expect(await t.getPreferences({})).toEqual({ payerAccounts: { '10': LEGACY_4 }, gridColumns: [ARRANGED[2]] })
    } finally {
      await t.close()
    }
  })
})
