// Runs in: Vitest (Node). Paid rows read against the signed bytes of the transaction that paid
// them, on a real SQLite file: a three-row batch and a single send signed by a real key, settled
// through the journal as the tracker settles them, then the file edited as someone holding it could.
import { join } from 'node:path'
import { Wallet, keccak256 } from 'ethers'
import { beforeEach, describe, expect, it } from 'vitest'
import { storedItem, storedPayout } from '../../../test/storedPayout'
import { tempDir } from '../../../test/tempDir'
import { batchCall } from '../../chain/batchCalls'
import { BATCH_CALLS } from '../../chain/batchContract'
import { itemId } from '../../domain/itemId'
import { inTransaction, openDatabase, type OpenedDatabase } from '../../store/db'
import { createSqliteJournal } from '../../store/journalRepo'
import { insertItems, insertPayout } from '../../store/payoutRepo'
import { checkPaidRows, checkPaidRowsOf, checkPayoutPaidRows, refuseAlteredPaidRows } from './paidRows'

const dir = tempDir()
const ETH = { symbol: 'ETH', decimals: 18 }
const PAYER = new Wallet(`0x${'7'.repeat(64)}`)
const BATCH_CONTRACT = '0x00000000000000000000000000000000000b47c4'
const ALICE = '0x1111111111111111111111111111111111111111'
const BOB = '0x2222222222222222222222222222222222222222'
const CAROL = '0x3333333333333333333333333333333333333333'
const DAN = '0x4444444444444444444444444444444444444444'
const MALLORY = '0x9999999999999999999999999999999999999999'
const QUARTER = 250_000_000_000_000_000n
const block = { number: 10n, hash: `0x${'ab'.repeat(32)}` }

const ROWS = [
  { row: 1, to: ALICE, amount: QUARTER },
  { row: 2, to: BOB, amount: 2n * QUARTER },
  { row: 3, to: CAROL, amount: 3n * QUARTER },
  { row: 4, to: DAN, amount: QUARTER }
]

let db: OpenedDatabase
let batchHash: string
let singleHash: string
let n = 0

async function signed(to: string, value: bigint, data: string, nonce: number): Promise<{ raw: string; hash: string }> {
  const raw = await PAYER.signTransaction({
    chainId: 1n,
    nonce,
    to,
    value,
    data,
    gasLimit: 200_000n,
    maxFeePerGas: 10n ** 9n,
    maxPriorityFeePerGas: 1n,
    type: 2
  })
  return { raw, hash: keccak256(raw) }
}

/** Rows 1-3 paid by one batch, row 4 by a plain send; both confirmed. */
beforeEach(async () => {
  db = openDatabase(join(dir, `paid-${++n}.sqlite`))
  insertPayout(db.write, storedPayout('PO-1', { status: 'in_progress', total: 7n * QUARTER, recipientCount: 4 }))
  insertItems(
    db.write,
    'PO-1',
    ROWS.map((r) => storedItem(r.row, r.to, r.amount))
  )
  const journal = createSqliteJournal(db.write, { now: () => new Date('2026-12-07T12:00:00Z') })
  const paidByBatch = ROWS.slice(0, 3).map((r) => ({
    itemId: itemId('PO-1', r.row),
    row: r.row,
    to: r.to,
    amount: r.amount
  }))
  const call = batchCall({ kind: 'native', ...ETH }, paidByBatch, BATCH_CALLS.packed)
  const batch = await signed(BATCH_CONTRACT, call.value, call.data, 0)
  const single = await signed(DAN, QUARTER, '0x', 1)
  batchHash = batch.hash
  singleHash = single.hash
  for (const [tx, rows, nonce] of [
    [batch, [1, 2, 3], 0],
    [single, [4], 1]
  ] as const) {
    await journal.recordSigned({
      payoutId: 'PO-1',
      step: nonce,
      purpose: 'payment',
      chainId: 1n,
      from: PAYER.address,
      nonce,
      raw: tx.raw,
      hash: tx.hash,
      itemIds: rows.map((r) => itemId('PO-1', r))
    })
    await journal.markConfirmed(tx.hash, {
      block,
      gasUsed: 1n,
      feePaid: 1n,
      items: rows.map((r) => ({ itemId: itemId('PO-1', r), paid: true }))
    })
  }
})

const check = () => checkPaidRows(db.read, () => ETH)
const edit = (sql: string, ...params: unknown[]) => db.write.prepare(sql).run(...params)

describe('paid rows against the transactions that paid them', () => {
  it('finds every paid row as paid when nothing was edited', async () => {
    expect(await check()).toEqual({ checked: 4, differing: 0, mismatches: [] })
  })

  it("names a paid row whose recipient was rewritten, with what its batch paid at the row's place", async () => {
    edit('UPDATE payout_items SET address = ? WHERE row = 2', MALLORY)
    const result = await check()
    expect(result.differing).toBe(1)
    expect(result.mismatches).toEqual([
      {
        payoutId: 'PO-1',
        row: 2,
        txHash: batchHash,
        reason: `its payment 2 sent 0.50 ETH to ${BOB}; the row now says 0.50 ETH to ${MALLORY}`
      }
    ])
  })

  it('names a paid row whose amount was rewritten, and one whose amount was emptied', async () => {
    edit("UPDATE payout_items SET amount = '1' WHERE row = 4")
    edit('UPDATE payout_items SET amount = NULL WHERE row = 1')
    const reasons = (await check()).mismatches.map((m) => [m.row, m.txHash, m.reason])
    expect(reasons).toContainEqual([
      4,
      singleHash,
      `its payment 1 sent 0.25 ETH to ${DAN}; the row now says 0.000000000000000001 ETH to ${DAN}`
    ])
    expect(reasons).toContainEqual([
      1,
      batchHash,
      `its payment 1 sent 0.25 ETH to ${ALICE}; the row now says no amount to ${ALICE}`
    ])
  })

  it('names rows whose links were swapped inside the batch, though the batch still pays each recipient', async () => {
    const place = 'UPDATE transaction_items SET position = ? WHERE tx_hash = ? AND row = ?'
    edit(place, 10, batchHash, 1)
    edit(place, 0, batchHash, 3)
    edit(place, 2, batchHash, 1)
    expect((await check()).mismatches.map((m) => m.row)).toEqual([1, 3])
  })

  it('names a row marked paid by hand: with no transaction, with one the journal does not hold, with one that is not confirmed', async () => {
    insertItems(db.write, 'PO-1', [storedItem(5, MALLORY, QUARTER, { status: 'paid' })])
    edit('UPDATE payout_items SET tx_hash = ? WHERE row = 4', `0x${'cd'.repeat(32)}`)
    edit("UPDATE transactions SET state = 'broadcast' WHERE hash = ?", batchHash)
    const byRow = new Map((await check()).mismatches.map((m) => [m.row, m.reason]))
    expect(byRow.get(5)).toBe('it is marked paid but names no transaction')
    expect(byRow.get(4)).toBe("this app's journal does not hold that transaction")
    expect(byRow.get(1)).toBe('the journal holds that transaction as broadcast, not confirmed')
    expect((await check()).differing).toBe(5)
  })

  it("names the rows of a transaction whose stored bytes were replaced by another transaction's", async () => {
    const other = db.read.prepare('SELECT raw FROM transactions WHERE hash = ?').get(singleHash) as { raw: string }
    edit('UPDATE transactions SET raw = ? WHERE hash = ?', other.raw, batchHash)
    const result = await check()
    expect(result.differing).toBe(3)
    expect(result.mismatches[0]).toMatchObject({
      txHash: batchHash,
      reason: "the journal's bytes for that transaction are not its own"
    })
  })
})

describe("one payout's paid rows, for its screen", () => {
  let pauses = 0
  const pause = async (): Promise<void> => {
    pauses++
  }
  const checkPayout = (id: string) => checkPayoutPaidRows(db.read, id, ETH, pause)
  beforeEach(() => {
    pauses = 0
  })

  it('finds what the check of every payout finds for its rows, named in row order', async () => {
    expect(await checkPayout('PO-1')).toEqual({ checked: 4, differing: 0, mismatches: [] })
    edit('UPDATE payout_items SET address = ? WHERE row = 2', MALLORY)
    edit("UPDATE payout_items SET amount = '1' WHERE row = 4")
    edit('UPDATE payout_items SET address = ? WHERE row = 1', MALLORY)
    const mine = await checkPayout('PO-1')
    expect(mine.mismatches.map((m) => m.row)).toEqual([1, 2, 4])
    const all = await check()
    expect(mine.differing).toBe(all.differing)
    expect([...mine.mismatches].sort((a, b) => a.row - b.row)).toEqual(
      [...all.mismatches].sort((a, b) => a.row - b.row)
    )
  })

  it("reads no other payout's rows, and nothing for a payout with none paid", async () => {
    insertPayout(db.write, storedPayout('PO-2', { status: 'completed', total: QUARTER, recipientCount: 1 }))
    insertItems(db.write, 'PO-2', [storedItem(1, MALLORY, QUARTER, { status: 'paid' })])
    expect(await checkPayout('PO-1')).toEqual({ checked: 4, differing: 0, mismatches: [] })
    expect(await checkPayout('PO-2')).toEqual({
      checked: 1,
      differing: 1,
      mismatches: [{ payoutId: 'PO-2', row: 1, txHash: null, reason: 'it is marked paid but names no transaction' }]
    })
    expect(await checkPayout('PO-3')).toEqual({ checked: 0, differing: 0, mismatches: [] })
  })

  it('reads a large payout a page at a time, letting other work run between pages, and names its first 50 differing rows', async () => {
    const count = 4_500
    insertPayout(db.write, storedPayout('PO-BIG', { status: 'completed', total: 0n, recipientCount: count }))
    inTransaction(db.write, () =>
      insertItems(
        db.write,
        'PO-BIG',
        Array.from({ length: count }, (_, i) =>
          storedItem(i + 1, ALICE, 1n, i % 3 === 0 ? { status: 'queued' } : { status: 'paid' })
        )
      )
    )
    const result = await checkPayout('PO-BIG')
    expect(result.checked).toBe(3_000)
    expect(result.differing).toBe(3_000)
    expect(result.mismatches.map((m) => m.row)).toEqual(
      Array.from({ length: 4_500 }, (_, i) => i + 1)
        .filter((row) => (row - 1) % 3 !== 0)
        .slice(0, 50)
    )
    expect(pauses).toBe(1)
  })

  it("reads a transaction's bytes that are not strict hex as not its own", async () => {
    const raw = (db.read.prepare('SELECT raw FROM transactions WHERE hash = ?').get(batchHash) as { raw: string }).raw
    edit('UPDATE transactions SET raw = ? WHERE hash = ?', `${raw}zz`, batchHash)
    const result = await checkPayout('PO-1')
    expect(result.mismatches.map((m) => [m.row, m.reason])).toEqual([
      [1, "the journal's bytes for that transaction are not its own"],
      [2, "the journal's bytes for that transaction are not its own"],
      [3, "the journal's bytes for that transaction are not its own"]
    ])
  })

  it('refuses a file while any paid row differs, naming the first and counting the others, and not otherwise', async () => {
    const catalogue = { asset: () => ({ ...ETH }) }
    await expect(refuseAlteredPaidRows(db.read, catalogue, 'PO-1', 'The report')).resolves.toBeUndefined()
    edit('UPDATE payout_items SET address = ? WHERE row IN (2, 3, 4)', MALLORY)
    const refused = refuseAlteredPaidRows(db.read, catalogue, 'PO-1', 'The report')
    await expect(refused).rejects.toMatchObject({ code: 'paid_rows_altered' })
    await expect(refused).rejects.toThrow(
      `The report was not written: row 2 of payout PO-1 is marked paid, but its payment 2 sent 0.50 ETH to ${BOB}; the row now says 0.50 ETH to ${MALLORY}, and 2 other paid rows differ too.`
    )
    await expect(checkPaidRowsOf(db.read, catalogue, 'PO-NONE')).rejects.toMatchObject({ code: 'not_found' })
  })
})
