// Runs in: tests (plain Node, Vitest, a real SQLite file). The rows of a payout read as the grid
// editor reads a large one: a page of columns after a row number, the same rows getPayout shows.
import { describe, expect, it } from 'vitest'
import type { PayoutItem, PayoutRowsPage } from '../../shared/api'
import { tempDir } from '../../test/tempDir'
import { ADDR } from '../registry/fixtures'
import { createTreasury } from '../treasury'

const USDC = '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const ROWS = [
  {
    address: ADDR.a,
    amount: '10',
    name: ' Ann ',
    reference: 'INV-1',
    note: 'first',
    category: '6100',
    costCenter: 'Eng'
  },
  { address: ADDR.b.toLowerCase(), amount: '1,000.5', reference: 'inv-1 ' },
  { address: 'not an address', amount: '0.0000001' },
  { address: ADDR.c, amount: '2', note: 'second payment' },
  { address: ADDR.d, amount: 'abc' },
  { address: ADDR.e, amount: '0.000001', name: 'Eve' }
]

/** The page's row `i` put back together as the fields getPayout shows for the same row. */
function rowOf(page: PayoutRowsPage, i: number) {
  return {
    row: page.firstRow + i,
    address: page.address[i],
    amount: page.amount[i],
    amountBaseUnits: page.amountBaseUnits[i],
    name: page.name[i],
    reference: page.reference[i],
    note: page.note[i],
    category: page.category[i],
    costCenter: page.costCenter[i],
    issues: page.issues.find(([index]) => index === i)?.[1] ?? []
  }
}

const gridFields = ({ status: _s, txHash: _t, failure: _f, ...rest }: PayoutItem) => rest

describe('a payout read as the grid holds its rows, one array per column', () => {
  it('shows every row as getPayout does: the same text, exact amounts and issues, issues listed only for rows that have any', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    const { id } = await t.createPayout({ kind: 'mass', assetId: USDC, description: 'columns', recipients: ROWS })
    const detail = await t.getPayout({ id })
    const page = await t.getPayoutRows({ id, afterRow: 0, limit: 100 })
    expect(page.address).toHaveLength(ROWS.length)
    expect(ROWS.map((_, i) => rowOf(page, i))).toEqual(detail.items.map(gridFields))
    const withIssues = detail.items.filter((i) => i.issues.length > 0).map((i) => i.row - 1)
    expect(page.issues.map(([index]) => index)).toEqual(withIssues)
    expect(withIssues.length).toBeLessThan(ROWS.length) // rows without issues carry none
    expect(page.amountBaseUnits[4]).toBeNull() // 'abc' could not be read: no amount, never 0
    expect(rowOf(page, 1)).toMatchObject({ amount: '1000.5', amountBaseUnits: '1000500000' })
    await t.close()
  })

  it('pages after a row number join up to every row, past the end is empty, and each says the payout state it was read in', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    const { id } = await t.createPayout({ kind: 'mass', assetId: USDC, description: 'pages', recipients: ROWS })
    const pages = await Promise.all([0, 4, 6, 50].map((afterRow) => t.getPayoutRows({ id, afterRow, limit: 4 })))
    expect(pages.map((p) => [p.firstRow, p.address.length])).toEqual([
      [1, 4],
      [5, 2],
      [7, 0],
      [51, 0]
    ])
    expect(pages.flatMap((p) => p.name)).toEqual((await t.getPayout({ id })).items.map((i) => i.name))
    const before = pages[0]!
    expect(before.recipientCount).toBe(ROWS.length)

    const patched = await t.patchPayoutRows({ id, rows: [{ row: 7, address: ADDR.f, amount: '3' }] })
    const after = await t.getPayoutRows({ id, afterRow: 4, limit: 4 })
    expect([after.recipientCount, after.updatedAt]).toEqual([ROWS.length + 1, patched.payout.updatedAt])
    expect(after.updatedAt).not.toBe(before.updatedAt)
    expect(after.address).toEqual([ADDR.d, ADDR.e, ADDR.f])
    await t.close()
  })

  it('of a payout that does not exist is refused as not found', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    await expect(t.getPayoutRows({ id: 'PO-NONE', afterRow: 0, limit: 10 })).rejects.toMatchObject({
      code: 'not_found'
    })
    await t.close()
  })
})
