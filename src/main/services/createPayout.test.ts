import { describe, expect, it } from 'vitest'
import { tempDir } from '../../test/tempDir'
import { ADDR } from '../registry/fixtures'
import { createTreasury } from '../treasury'

const USDC_ETH = '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'

describe('createPayout of a mass payout', () => {
  it('stores every row that is not blank, numbered 1..n, exactly as typed and with why it is wrong', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    const created = await t.createPayout({
      kind: 'mass',
      assetId: USDC_ETH,
      description: 'mixed',
      recipients: [
        { address: ADDR.a, amount: '10', name: ' Ann ', reference: 'INV-1' },
        { address: ' ', amount: '', name: '  ', reference: '', note: ' ' },
        { address: ADDR.b.toLowerCase(), amount: '1,000.5', reference: 'inv-1 ' },
        {
          address: `${ADDR.c.slice(0, 3)}${ADDR.c[3]!.toLowerCase() === ADDR.c[3] ? ADDR.c[3]!.toUpperCase() : ADDR.c[3]!.toLowerCase()}${ADDR.c.slice(4)}`,
          amount: '0.0000001'
        },
        { address: ADDR.a, amount: '2', note: 'second payment' }
      ]
    })
    expect(created).toMatchObject({ recipientCount: 4, errorCount: 3, warningCount: 1, totalBaseUnits: '1012500000' })
    expect(created.items.map((i) => [i.row, i.address, i.amount, i.name, i.note, i.issues.map((x) => x.code)])).toEqual(
      [
        [1, ADDR.a, '10', ' Ann ', '', ['reference_duplicate', 'address_duplicate']],
        [2, ADDR.b, '1000.5', '', '', ['address_no_checksum', 'reference_duplicate']],
        [3, expect.stringMatching(/^0x/), '0.0000001', '', '', ['address_bad_checksum', 'amount_too_many_decimals']],
        [4, ADDR.a, '2', '', 'second payment', ['address_duplicate']]
      ]
    )
    expect(created.items[2]!.amountBaseUnits).toBeNull()
    expect(created.items[0]!.issues[0]!.message).toBe(
      'Row 1: the same reference is also on row 2. A reference identifies one payment; make each one unique.'
    )
    await t.close()
  })

  it('returns the counts of items by status that a fresh read counts', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    const recipients = [ADDR.a, ADDR.b, ADDR.c].map((address, i) => ({ address, amount: `${i + 1}` }))
    const created = await t.createPayout({
      kind: 'mass',
      assetId: USDC_ETH,
      description: 'counts',
      recipients: [...recipients, { address: '', amount: '' }]
    })
    expect(created.itemCounts).toEqual({
      draft: 3,
      queued: 0,
      in_progress: 0,
      needs_check: 0,
      paid: 0,
      failed: 0,
      cancelled: 0
    })
    expect((await t.getPayout({ id: created.id })).itemCounts).toEqual(created.itemCounts)
    await t.close()
  })
})
