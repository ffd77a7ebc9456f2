// Runs in: Vitest (Node). The payout's history says what an edit changed: the row, the field and
// the old -> new value in the asset's units, the exact base units apart; an undo is named as one.
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../test/tempDir'
import { createTreasury } from '../treasury'

const USDC = '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const A = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const B = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'

describe('the history of edits', () => {
  it('names each changed field of a saved grid row, and the total, in USDC', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    const d = await t.createPayout({
      kind: 'mass',
      assetId: USDC,
      description: 'May',
      recipients: [
        { address: A, amount: '1250', name: 'Ana' },
        { address: B, amount: '980.5', name: 'Kim' }
      ]
    })
    expect(d.timeline[0]).toMatchObject({ detail: 'Mass payout: 2 recipients, 2,230.50 USDC' })
    await t.patchPayoutRows({ id: d.id, rows: [{ row: 2, address: B, amount: '990', name: 'Kim Park' }] })
    const edited = (await t.getPayout({ id: d.id })).timeline.at(-1)!
    expect(edited.action).toBe('edited')
    expect(edited.detail).toBe(
      'Row 2 amount: 980.50 USDC -> 990.00 USDC\nRow 2 name: “Kim” -> “Kim Park”\nTotal 2,230.50 USDC -> 2,240.00 USDC'
    )
    expect(edited.exact).toBe(
      'Row 2 amount: 980500000 -> 990000000 base units\nTotal: 2230500000 -> 2240000000 base units'
    )
  })

  it('records an undo as an undo', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    const d = await t.createPayout({
      kind: 'mass',
      assetId: USDC,
      description: '',
      recipients: [{ address: A, amount: '1' }]
    })
    await t.patchPayoutRows({ id: d.id, rows: [{ row: 1, address: A, amount: '2' }] })
    await t.patchPayoutRows({ id: d.id, rows: [{ row: 1, address: A, amount: '1' }], cause: 'undo' })
    const timeline = (await t.getPayout({ id: d.id })).timeline
    expect(timeline.map((e) => e.action)).toEqual(['created', 'edited', 'edit_undone'])
    expect(timeline.at(-1)!.detail).toContain('Row 1 amount: 2.00 USDC -> 1.00 USDC')
  })

  it('compares the rows of a whole-payout save: changed fields, removed rows, the purpose', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    const d = await t.createPayout({
      kind: 'mass',
      assetId: USDC,
      description: 'May',
      recipients: [
        { address: A, amount: '1', reference: 'R1' },
        { address: B, amount: '2', reference: 'R2' }
      ]
    })
    await t.updatePayout({ id: d.id, description: 'June', recipients: [{ address: A, amount: '1', reference: 'R9' }] })
    const edited = (await t.getPayout({ id: d.id })).timeline.at(-1)!
    expect(edited.detail.split('\n')).toEqual([
      'Purpose: “May” -> “June”',
      'Row 1 reference: “R1” -> “R9”',
      'Rows 2 removed',
      'Recipients: 2 -> 1',
      'Total 3.00 USDC -> 1.00 USDC'
    ])
  })
})
