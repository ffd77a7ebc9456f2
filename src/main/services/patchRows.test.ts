import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { tempDir } from '../../test/tempDir'
import { createTreasury, type Treasury } from '../treasury'

const USDC = '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const A = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const B = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'
const C = '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB'
const D = '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb'

type Row = { address: string; amount: string; reference?: string }

/** What a full save of the same rows produces: the reference every patch must agree with. */
async function fullSave(t: Treasury, rows: Row[]) {
  const d = await t.createPayout({ kind: 'mass', assetId: USDC, description: 'reference', recipients: rows })
  return {
    total: d.totalBaseUnits,
    errors: d.errorCount,
    warnings: d.warningCount,
    issues: d.items.map((i) => i.issues.map((x) => x.code).sort())
  }
}

async function state(t: Treasury, id: string) {
  const d = await t.getPayout({ id, limit: 1000 })
  return {
    total: d.totalBaseUnits,
    errors: d.errorCount,
    warnings: d.warningCount,
    issues: d.items.map((i) => i.issues.map((x) => x.code).sort())
  }
}

describe('saving edited grid rows', () => {
  it('re-checks duplicates and totals for the rows an edit affects, returning every changed row', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    const rows: Row[] = [
      { address: A, amount: '1', reference: 'R1' },
      { address: B, amount: '2', reference: 'R2' },
      { address: C, amount: 'oops', reference: 'R3' },
      { address: D, amount: '4', reference: 'R4' }
    ]
    const d = await t.createPayout({ kind: 'mass', assetId: USDC, description: 'grid', recipients: rows })
    expect(d.errorCount).toBe(1)
    const r1 = await t.patchPayoutRows({ id: d.id, rows: [{ row: 2, address: D, amount: '2', reference: 'R2' }] })
    expect(r1.rows.map((r) => r.row)).toEqual([2, 4])
    expect(r1.rows.every((r) => r.issues.some((i) => i.code === 'address_duplicate'))).toBe(true)
    expect(r1.payout.warningCount).toBe(2)
    const r2 = await t.patchPayoutRows({
      id: d.id,
      rows: [
        { row: 3, address: C, amount: '3.5', reference: 'R3' },
        { row: 5, address: A, amount: '5', reference: 'r1' }
      ]
    })
    expect(r2.payout).toMatchObject({ errorCount: 2, recipientCount: 5, totalBaseUnits: '15500000' })
    expect(
      r2.rows
        .find((r) => r.row === 1)!
        .issues.map((i) => i.code)
        .sort()
    ).toEqual(['address_duplicate', 'reference_duplicate'])
    await expect(t.patchPayoutRows({ id: d.id, rows: [{ row: 9, address: A, amount: '1' }] })).rejects.toMatchObject({
      code: 'row_out_of_range'
    })
    rows[1] = { address: D, amount: '2', reference: 'R2' }
    rows[2] = { address: C, amount: '3.5', reference: 'R3' }
    rows.push({ address: A, amount: '5', reference: 'r1' })
    expect(await state(t, d.id)).toEqual(await fullSave(t, rows))
    await t.close()
  })

  it(
    'moves a row into a group of 50,000 rows paying one address, each naming five others and counting the rest',
    { timeout: 120_000 },
    async () => {
      const t = createTreasury({ dataDir: tempDir() })
      const rows: Row[] = Array.from({ length: 50_000 }, (_, i) => ({ address: i === 0 ? B : A, amount: '1' }))
      const d = await t.createPayout({ kind: 'mass', assetId: USDC, description: 'one address', recipients: rows })
      expect(d.warningCount).toBe(49_999)
      const r = await t.patchPayoutRows({ id: d.id, rows: [{ row: 1, address: A, amount: '1' }] })
      expect(r.payout.warningCount).toBe(50_000)
      expect(r.rows).toHaveLength(50_000)
      expect(r.rows[0]!.issues.map((i) => i.message)).toEqual([
        'Row 1: the same address is also on rows 2, 3, 4, 5, 6 and 49994 more. Check that this recipient should be paid more than once.'
      ])
      expect(r.rows[4]!.issues.map((i) => i.message)).toEqual([
        'Row 5: the same address is also on rows 1, 2, 3, 4, 6 and 49994 more. Check that this recipient should be paid more than once.'
      ])
      await t.close()
    }
  )

  it('agrees with a full save after any sequence of edits', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    const cell = fc.record({
      address: fc.constantFrom(A, B, C, '0x123', ''),
      amount: fc.constantFrom('1', '2.5', '0', 'x', '1,234'),
      reference: fc.constantFrom('', 'R1', 'R2', 'r1')
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(cell, { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(7), cell), { minLength: 1, maxLength: 8 }),
        async (start, edits) => {
          const rows: Row[] = [...start]
          const d = await t.createPayout({ kind: 'mass', assetId: USDC, description: 'prop', recipients: rows })
          for (const [at, value] of edits) {
            const row = Math.min(at, rows.length) + 1 // an existing row or the next one
            await t.patchPayoutRows({ id: d.id, rows: [{ row, ...value }] })
            rows[row - 1] = value
          }
          expect(await state(t, d.id)).toEqual(await fullSave(t, rows))
        }
      ),
      { numRuns: 40 }
    )
    await t.close()
  })
})
