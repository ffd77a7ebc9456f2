import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../test/tempDir'
import { createCatalogue } from '../domain/catalogue'
import { parseAmount } from '../domain/money'
import { ADDR } from '../registry/fixtures'
import { createPayoutService } from '../services/payoutService'
import { openDatabase } from '../store/db'
import { getItems, getPayoutRow } from '../store/payoutRepo'
import { repeatInput } from './repeat'

const USDC_ETH = '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const dir = tempDir()
const catalogue = createCatalogue()

function setUp(name: string) {
  const db = openDatabase(join(dir, name))
  const service = createPayoutService({
    db,
    catalogue,
    settings: () => ({ operatorName: 'Olga', confirmations: 1, numberFormat: 'dot-decimal' }),
    now: () => new Date('2026-05-31T10:00:00Z'),
    changed: () => {},
    nameOf: () => null
  })
  return { db, service }
}

describe('repeat a payout', () => {
  it('gives a new draft the same recipients, amounts to the base unit, purpose and columns, checked again', () => {
    const { db, service } = setUp('repeat.sqlite')
    const original = service.create({
      kind: 'mass',
      assetId: USDC_ETH,
      description: 'May salaries',
      recipients: [
        { address: ADDR.a, amount: '1,000.5', name: 'Ann', reference: 'EMP-1', note: 'May' },
        { address: ADDR.b.toLowerCase(), amount: '0.000001', name: 'Ben', reference: 'EMP-2' },
        { address: '0x123', amount: '12.5', name: 'Typo' }
      ]
    })
    db.write
      .prepare("UPDATE payout_items SET category = '6100', cost_center = 'Eng' WHERE payout_id = ? AND row = 1")
      .run(original.id)
    const input = repeatInput(db.read, catalogue, original.id)
    expect(input).toEqual({
      kind: 'mass',
      assetId: USDC_ETH,
      description: 'May salaries',
      recipients: [
        {
          address: ADDR.a,
          amount: '1000.5',
          name: 'Ann',
          reference: 'EMP-1',
          note: 'May',
          category: '6100',
          costCenter: 'Eng'
        },
        { address: ADDR.b, amount: '0.000001', name: 'Ben', reference: 'EMP-2' },
        { address: '0x123', amount: '12.5', name: 'Typo' }
      ]
    })
    const stored = getItems(db.read, original.id)
    input.recipients.forEach((r, i) => {
      const parsed = parseAmount(r.amount, 6, 'USDC')
      expect(parsed.ok && parsed.value).toBe(stored[i]!.amount)
    })
    const again = service.create(input)
    expect(again.id).not.toBe(original.id)
    expect(again).toMatchObject({
      status: 'draft',
      description: 'May salaries',
      totalBaseUnits: original.totalBaseUnits,
      recipientCount: 3,
      errorCount: 1
    })
    const repeated = getItems(db.read, again.id)
    expect(repeated.map((i) => [i.address, i.amount])).toEqual(stored.map((i) => [i.address, i.amount]))
    // Checked again: the lower-case address is now written checksummed, the typo is still refused.
    expect(stored.map((i) => i.issues.map((x) => x.code))).toEqual([
      [],
      ['address_no_checksum'],
      ['address_bad_length']
    ])
    expect(repeated.map((i) => i.issues.map((x) => x.code))).toEqual([[], [], ['address_bad_length']])
    expect(getPayoutRow(db.read, original.id)!.status).toBe('draft')
    db.close()
  })

  it("keeps an amount the desk's number format could not read refused in the new draft", () => {
    const { db, service } = setUp('repeat-desk.sqlite')
    const original = service.create({
      kind: 'mass',
      assetId: USDC_ETH,
      description: 'June',
      recipients: [
        { address: ADDR.a, amount: '5' },
        { address: ADDR.b, amount: '1.234,5', amountFormat: 'dot-decimal' }
      ]
    })
    expect(original.errorCount).toBe(1)
    const again = service.create(repeatInput(db.read, catalogue, original.id))
    expect(again).toMatchObject({ errorCount: 1, totalBaseUnits: '5000000' })
    const row = getItems(db.read, again.id)[1]!
    expect([row.amountInput, row.amount, row.issues.map((i) => i.code)]).toEqual([
      '1.234,5',
      null,
      ['amount_desk_format']
    ])
    db.close()
  })

  it('says which payout does not exist', () => {
    const { db } = setUp('missing.sqlite')
    expect(() => repeatInput(db.read, catalogue, 'PO-NONE')).toThrow(/Payout PO-NONE does not exist/)
    db.close()
  })
})
