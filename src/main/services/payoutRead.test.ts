import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { getAddress } from 'ethers'
import { describe, expect, it } from 'vitest'
import type { PayoutItem, RecipientInput } from '../../shared/api'
import { tempDir } from '../../test/tempDir'
import { ADDR } from '../registry/fixtures'
import { openDatabase } from '../store/db'
import { getItems } from '../store/payoutRepo'
import { createTreasury, DATABASE_FILE, type Treasury } from '../treasury'
import { itemView } from './itemView'

const USDC = '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const USDC_DECIMALS = 6
const TX_HASH = `0x${'ab'.repeat(32)}`

/** A distinct, checksummed, valid address per n. */
function address(n: number): string {
  return getAddress(`0x${createHash('sha256').update(`recipient ${n}`).digest('hex').slice(0, 40)}`)
}

function recipients(count: number, from = 1): RecipientInput[] {
  return Array.from({ length: count }, (_, i) => ({
    address: address(from + i),
    amount: `${from + i}.25`,
    name: `N${from + i}`,
    reference: `R${from + i}`
  }))
}

/** Every row, read the way the grid reads a large payout: pages of `size` after the first. */
async function readInPages(t: Treasury, id: string, size: number): Promise<PayoutItem[]> {
  const items: PayoutItem[] = []
  for (;;) {
    const page = await t.getPayout({ id, offset: items.length, limit: size })
    expect(page.itemsOffset).toBe(items.length)
    if (page.items.length === 0) return items
    items.push(...page.items)
  }
}

describe('reading a payout a page at a time', () => {
  it('pages join up to every row in order, nothing repeated or skipped, the last page short and past it empty', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    const { id } = await t.createPayout({
      kind: 'mass',
      assetId: USDC,
      description: 'pages',
      recipients: recipients(25)
    })
    const pages = await Promise.all([0, 10, 20, 25, 26, 1000].map((offset) => t.getPayout({ id, offset, limit: 10 })))
    expect(pages.map((p) => p.items.map((i) => i.row))).toEqual([
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      [11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
      [21, 22, 23, 24, 25],
      [],
      [],
      []
    ])
    expect((await t.getPayout({ id, offset: 3, limit: 0 })).items).toEqual([])
    const whole = await t.getPayout({ id, limit: 1000 })
    expect(await readInPages(t, id, 7)).toEqual(whole.items)
    expect(whole.items[24]).toEqual({
      row: 25,
      address: address(25),
      amount: '25.25',
      amountBaseUnits: '25250000',
      name: 'N25',
      reference: 'R25',
      note: '',
      category: '',
      costCenter: '',
      status: 'draft',
      issues: [],
      txHash: null,
      failure: null
    })
    await t.close()
  })

  it('reads an empty payout as no rows at any offset', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    const { id } = await t.createPayout({ kind: 'mass', assetId: USDC, description: 'empty', recipients: [] })
    for (const offset of [0, 1, 10]) expect((await t.getPayout({ id, offset, limit: 10 })).items).toEqual([])
    expect((await t.getPayout({ id })).itemCounts).toEqual({
      draft: 0,
      queued: 0,
      in_progress: 0,
      needs_check: 0,
      paid: 0,
      failed: 0,
      cancelled: 0
    })
    await t.close()
  })

  it('a page read after the rows changed shows them as they are now, and the payout says it changed', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    const created = await t.createPayout({
      kind: 'mass',
      assetId: USDC,
      description: 'changing',
      recipients: recipients(25)
    })
    const id = created.id
    const before = await t.getPayout({ id, offset: 10, limit: 10 })

    // An edit inside the page and a row appended after the last.
    const patched = await t.patchPayoutRows({
      id,
      rows: [
        { row: 15, address: address(15), amount: '0.5' },
        { row: 26, address: address(26), amount: '26' }
      ]
    })
    const after = await t.getPayout({ id, offset: 10, limit: 10 })
    expect(after.updatedAt).toBe(patched.payout.updatedAt)
    expect(after.recipientCount).toBe(26)
    expect(after.items.find((i) => i.row === 15)).toMatchObject({ amount: '0.5', amountBaseUnits: '500000', name: '' })
    expect(before.items.find((i) => i.row === 15)).toMatchObject({ amount: '15.25' })
    expect((await t.getPayout({ id, offset: 20, limit: 10 })).items.map((i) => i.row)).toEqual([21, 22, 23, 24, 25, 26])

    // Every row replaced by fewer: pages past the new end are empty, and the rows are renumbered 1..n.
    const replaced = await t.updatePayout({ id, recipients: recipients(12, 100) })
    expect(replaced.recipientCount).toBe(12)
    expect((await t.getPayout({ id, offset: 10, limit: 10 })).items.map((i) => [i.row, i.name])).toEqual([
      [11, 'N110'],
      [12, 'N111']
    ])
    expect((await t.getPayout({ id, offset: 20, limit: 10 })).items).toEqual([])
    expect((await readInPages(t, id, 5)).map((i) => i.row)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    await t.close()
  })

  it('keeps rows numbered 1..n with no gap through create, appends and replace (what paging by row number relies on)', async () => {
    const dir = tempDir()
    const t = createTreasury({ dataDir: dir })
    const { id } = await t.createPayout({
      kind: 'mass',
      assetId: USDC,
      description: 'numbering',
      recipients: [recipients(1)[0]!, { address: ' ', amount: '' }, ...recipients(3, 2)]
    })
    await t.patchPayoutRows({
      id,
      rows: [
        { row: 5, address: address(5), amount: '5' },
        { row: 6, address: '', amount: '' }
      ]
    })
    const db = openDatabase(join(dir, DATABASE_FILE))
    const rows = () =>
      db.read.prepare('SELECT row FROM payout_items WHERE payout_id = ? ORDER BY row').pluck().all(id) as number[]
    expect(rows()).toEqual([1, 2, 3, 4, 5, 6])
    await t.updatePayout({ id, recipients: [...recipients(2), { address: '', amount: '' }, ...recipients(2, 7)] })
    expect(rows()).toEqual([1, 2, 3, 4])
    db.close()
    await t.close()
  })
})

describe('the view of a row read from a page', () => {
  it('is the same as the view of the stored item, for rows with issues, every status, tx hashes and failures', async () => {
    const dir = tempDir()
    const t = createTreasury({ dataDir: dir })
    const created = await t.createPayout({
      kind: 'mass',
      assetId: USDC,
      description: 'views',
      recipients: [
        { address: ADDR.a, amount: '10', name: ' Ann ', reference: 'INV-1', note: 'first' },
        { address: ADDR.b.toLowerCase(), amount: '1,000.5', reference: 'inv-1 ' },
        { address: 'not an address', amount: '0.0000001' },
        { address: ADDR.a, amount: '2', note: 'second payment' },
        { address: ADDR.c, amount: 'abc' },
        { address: ADDR.d, amount: '0.000001' },
        { address: ADDR.e, amount: '7' },
        { address: ADDR.f, amount: '8' }
      ]
    })
    const id = created.id
    // The states a payout's rows reach once executed, written as the journal writes them.
    const db = openDatabase(join(dir, DATABASE_FILE))
    const set = db.write.prepare(
      'UPDATE payout_items SET status = ?, tx_hash = ?, failure = ? WHERE payout_id = ? AND row = ?'
    )
    set.run('paid', TX_HASH, null, id, 1)
    set.run('failed', TX_HASH, 'reverted: the token refused the transfer', id, 2)
    set.run('in_progress', TX_HASH, null, id, 6)
    set.run('queued', null, null, id, 7)
    set.run('cancelled', null, null, id, 8)
    // Stored digits with leading zeros (the schema allows them) are read as the same amount.
    db.write.prepare("UPDATE payout_items SET amount = '0007000000' WHERE payout_id = ? AND row = 7").run(id)

    const page = await t.getPayout({ id, limit: 100 })
    expect(page.items).toEqual(getItems(db.read, id).map((it) => itemView(it, USDC_DECIMALS)))
    expect(
      page.items.map((i) => [
        i.row,
        i.address,
        i.amount,
        i.amountBaseUnits,
        i.status,
        i.txHash,
        i.failure,
        i.issues.map((x) => x.code)
      ])
    ).toEqual([
      [1, ADDR.a, '10', '10000000', 'paid', TX_HASH, null, ['reference_duplicate', 'address_duplicate']],
      [
        2,
        ADDR.b,
        '1000.5',
        '1000500000',
        'failed',
        TX_HASH,
        'reverted: the token refused the transfer',
        ['address_no_checksum', 'reference_duplicate']
      ],
      [3, 'not an address', '0.0000001', null, 'draft', null, null, ['address_not_hex', 'amount_too_many_decimals']],
      [4, ADDR.a, '2', '2000000', 'draft', null, null, ['address_duplicate']],
      [5, ADDR.c, 'abc', null, 'draft', null, null, ['amount_invalid']],
      [6, ADDR.d, '0.000001', '1', 'in_progress', TX_HASH, null, []],
      [7, ADDR.e, '7', '7000000', 'queued', null, null, ['address_no_checksum']],
      [8, ADDR.f, '8', '8000000', 'cancelled', null, null, ['address_no_checksum']]
    ])
    expect(page.items[0]).toMatchObject({ name: ' Ann ', reference: 'INV-1', note: 'first' })
    expect(page.items[0]!.issues[0]).toEqual(created.items[0]!.issues[0])
    db.close()
    await t.close()
  })
})

describe('the accounting labels of a row', () => {
  it('are shown trimmed in a page read and in the rows a patch answers with, empty when a row has none', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    const { id } = await t.createPayout({
      kind: 'mass',
      assetId: USDC,
      description: 'labels',
      recipients: [
        { address: ADDR.a, amount: '1', category: ' 6100 Salaries ', costCenter: 'Eng' },
        { address: ADDR.b, amount: '2' }
      ]
    })
    const read = await t.getPayout({ id, limit: 10 })
    expect(read.items.map((i) => [i.row, i.category, i.costCenter])).toEqual([
      [1, '6100 Salaries', 'Eng'],
      [2, '', '']
    ])
    const patched = await t.patchPayoutRows({
      id,
      rows: [{ row: 2, address: ADDR.b, amount: '2', category: '6200', costCenter: 'Ops' }]
    })
    expect(patched.rows.map((i) => [i.row, i.category, i.costCenter])).toEqual([[2, '6200', 'Ops']])
    const again = await t.getPayout({ id, limit: 10 })
    expect(again.items.map((i) => [i.category, i.costCenter])).toEqual([
      ['6100 Salaries', 'Eng'],
      ['6200', 'Ops']
    ])
    await t.close()
  })
})

describe('item counts of a payout read', () => {
  it('follow every commit, from this process or another, and never mix two payouts', async () => {
    const dir = tempDir()
    const t = createTreasury({ dataDir: dir })
    const one = await t.createPayout({ kind: 'mass', assetId: USDC, description: 'one', recipients: recipients(3) })
    const two = await t.createPayout({ kind: 'mass', assetId: USDC, description: 'two', recipients: recipients(5) })
    const counts = async (id: string) => (await t.getPayout({ id, limit: 1 })).itemCounts
    expect(await counts(one.id)).toMatchObject({ draft: 3, paid: 0 })
    expect(await counts(one.id)).toMatchObject({ draft: 3, paid: 0 })
    expect(await counts(two.id)).toMatchObject({ draft: 5, paid: 0 })

    const db = openDatabase(join(dir, DATABASE_FILE))
    db.write.prepare("UPDATE payout_items SET status = 'paid' WHERE payout_id = ? AND row <= 2").run(two.id)
    expect(await counts(two.id)).toMatchObject({ draft: 3, paid: 2 })
    expect(await counts(one.id)).toMatchObject({ draft: 3, paid: 0 })

    // A change through the app's own connection, between two reads of the same payout.
    await t.cancelPayout({ id: one.id })
    expect(await counts(one.id)).toMatchObject({ draft: 0, cancelled: 3 })
    const copy: Record<string, number> = await counts(one.id)
    copy['cancelled'] = 99 // a caller's copy: changing it changes nothing remembered
    expect(await counts(one.id)).toMatchObject({ draft: 0, cancelled: 3 })
    db.close()
    await t.close()
  })
})
