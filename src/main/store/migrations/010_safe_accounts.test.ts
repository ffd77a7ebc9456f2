// Runs in: tests (plain Node, Vitest). Schema 10 adds the Safe accounts, the Safe transactions a
// payout is planned into and the owner signatures collected: an older file keeps every row, the
// new tables are typed and checked, and the repositories read back exactly what they wrote.
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { ZeroAddress } from 'ethers'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/tempDir'
import { openDatabase } from '../db'
import { getSafeAccountRow, listSafeAccountRows, upsertSafeAccount } from '../safeAccountRepo'
import {
  SAFE_TX_STATUS,
  getSafeTxRow,
  hasCoveringSafeTxs,
  insertSafeSignature,
  insertSafeTx,
  setSafeTxState,
  signaturesOf,
  type StoredSafeTx
} from '../safeTxRepo'
import { LATEST_VERSION, migrate, schemaVersion } from './index'

const dir = tempDir()
let n = 0
const file = () => join(dir, `m10-${++n}.sqlite`)
const SAFE = '0x1111111111111111111111111111111111111111'
const HASH = '0x' + 'ab'.repeat(32)

const storedTx = (over: Partial<StoredSafeTx> = {}): StoredSafeTx => ({
  safeTxHash: HASH,
  payoutId: 'PO-A',
  revision: 1,
  payoutDigest: '0x' + '01'.repeat(32),
  chainId: 31337,
  safe: SAFE,
  assetId: '31337:native',
  origin: 'planned',
  purpose: 'payment',
  route: 'transfers',
  position: 0,
  planSize: 1,
  safeTx: {
    to: '0x2222222222222222222222222222222222222222',
    value: 123456789012345678901234567890n,
    data: '0x',
    operation: 0,
    safeTxGas: 0n,
    baseGas: 0n,
    gasPrice: 0n,
    gasToken: ZeroAddress,
    refundReceiver: ZeroAddress,
    nonce: 7n
  },
  rows: [
    {
      itemId: 'PO-A#1',
      row: 1,
      to: '0x2222222222222222222222222222222222222222',
      amount: 123456789012345678901234567890n
    }
  ],
  sinceBlock: 42n,
  state: SAFE_TX_STATUS.awaitingSignatures,
  explanation: null,
  executionHash: null,
  createdAt: 'then',
  updatedAt: 'then',
  ...over
})

describe('migration 10: Safe accounts, Safe transactions and owner signatures', () => {
  it('upgrades a version-9 file in one step and keeps its payouts', () => {
    const f = file()
    const old = new Database(f)
    migrate(old, 9)
    old
      .prepare(
        `INSERT INTO payouts (id, kind, status, chain_id, asset_id, description, total, recipient_count, error_count, warning_count, created_by, created_at, updated_at)
         VALUES ('PO-A', 'single', 'in_progress', 31337, '31337:native', 'rent', '5', 1, 0, 0, 'op', 'then', 'then')`
      )
      .run()
    old.close()
    const db = openDatabase(f)
    expect(schemaVersion(db.write)).toBe(LATEST_VERSION)
    expect(db.write.prepare('SELECT id, total FROM payouts').all()).toEqual([{ id: 'PO-A', total: '5' }])
    const tables = db.write
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'safe_%' ORDER BY name")
      .all()
    expect(tables).toEqual([{ name: 'safe_accounts' }, { name: 'safe_signatures' }, { name: 'safe_transactions' }])
    db.close()
  })

  it('reads back a Safe account, a Safe transaction with 256-bit amounts and its signatures exactly', () => {
    const db = openDatabase(file())
    upsertSafeAccount(db.write, {
      id: `31337:${SAFE}`,
      chainId: 31337,
      address: SAFE,
      version: '1.4.1',
      singleton: ZeroAddress,
      owners: ['0xA', '0xB'],
      threshold: 2,
      addedAt: 'now'
    })
    expect(getSafeAccountRow(db.read, `31337:${SAFE}`)?.owners).toEqual(['0xA', '0xB'])
    expect(listSafeAccountRows(db.read)).toHaveLength(1)
    const tx = storedTx()
    insertSafeTx(db.write, tx)
    expect(getSafeTxRow(db.read, HASH)).toEqual(tx)
    expect(hasCoveringSafeTxs(db.read, 'PO-A')).toBe(true)
    const sig = {
      safeTxHash: HASH,
      signer: '0xA',
      signature: '0x' + '11'.repeat(65),
      mode: 'full' as const,
      source: 'file' as const,
      sourceFile: 'alice.json',
      signedAt: 't1',
      recordedAt: 't2'
    }
    expect(insertSafeSignature(db.write, sig)).toBe(true)
    expect(insertSafeSignature(db.write, { ...sig, signature: '0x' + '22'.repeat(65) })).toBe(false)
    expect(signaturesOf(db.read, HASH)).toEqual([sig])
    setSafeTxState(db.write, HASH, SAFE_TX_STATUS.nonceConsumed, 'later', { explanation: 'used elsewhere' })
    expect(getSafeTxRow(db.read, HASH)).toMatchObject({ state: 'nonce_consumed', explanation: 'used elsewhere' })
    expect(hasCoveringSafeTxs(db.read, 'PO-A')).toBe(false)
    db.close()
  })

  it('refuses an unknown state, a bad operation, a signature for no Safe transaction and untyped values', () => {
    const db = openDatabase(file())
    expect(() => insertSafeTx(db.write, storedTx({ state: 'paid' as never }))).toThrow(/CHECK/)
    expect(() => insertSafeTx(db.write, storedTx({ safeTx: { ...storedTx().safeTx, operation: 2 as never } }))).toThrow(
      /CHECK/
    )
    expect(() =>
      insertSafeSignature(db.write, {
        safeTxHash: '0x' + 'cd'.repeat(32),
        signer: '0xA',
        signature: '0x',
        mode: 'full',
        source: 'device',
        sourceFile: null,
        signedAt: 't',
        recordedAt: 't'
      })
    ).toThrow(/FOREIGN KEY/)
    expect(() =>
      db.write.prepare("INSERT INTO safe_accounts VALUES ('x', 'not a number', 'a', 'v', 's', '[]', 1, 't')").run()
    ).toThrow(/cannot store TEXT value in INTEGER column/)
    db.close()
  })
})
