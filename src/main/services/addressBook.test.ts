// Recipient safety on a real SQLite file: labels, the first payment to an address, and look-alike
// addresses (address poisoning) that block a payout until acknowledged, row by row.
import { join } from 'node:path'
import { getAddress } from 'ethers'
import { afterAll, describe, expect, it } from 'vitest'
import { createCatalogue } from '../domain/catalogue'
import { verifyAuditLog } from '../store/auditLog'
import { openDatabase } from '../store/db'
import { readSettings, writeSettings } from '../store/settingsRepo'
import { tempDir } from '../../test/tempDir'
import { createAddressBook } from './addressBook'
import { createPayoutService } from './payoutService'

// Look-alikes share the first 4 and last 4 hex characters with the payee they imitate.
const SUPPLIER = getAddress('0xabcd' + '0'.repeat(32) + 'f00d')
const SUPPLIER_LOOKALIKE = getAddress('0xabcd' + '7'.repeat(32) + 'f00d')
const PAID_BEFORE = getAddress('0x1234' + '0'.repeat(32) + '5678')
const PAID_LOOKALIKE = getAddress('0x1234' + '9'.repeat(32) + '5678')
const FRESH = '0x78296F1058dD49C5D6500855F59094F0a2876397'

const db = openDatabase(join(tempDir('treasury-address-book-'), 'treasury.sqlite'))
writeSettings(db.write, { operatorName: 'Ana' })
const settings = () => readSettings(db.write)
const now = () => new Date()
const catalogue = createCatalogue()
const payouts = createPayoutService({ db, catalogue, settings, now, changed: () => {}, nameOf: () => null })
const book = createAddressBook({ db, settings, now })
afterAll(() => db.close())

function payout(addresses: readonly string[]): string {
  return payouts.create({
    kind: 'mass',
    assetId: '1:native',
    description: 'safety',
    recipients: addresses.map((address) => ({ address, amount: '1' }))
  }).id
}

// A payout already paid to PAID_BEFORE, as the execution journal leaves it.
const paidId = payout([PAID_BEFORE])
db.write.prepare("UPDATE payout_items SET status = 'paid' WHERE payout_id = ?").run(paidId)
book.setLabel(SUPPLIER, 'Acme Supplies')

describe('address book and recipient safety', () => {
  it('labels addresses, checksummed, and records each change in the audit log', () => {
    expect(book.setLabel(SUPPLIER.toLowerCase(), '  Acme Supplies Ltd ')).toMatchObject({
      address: SUPPLIER,
      label: 'Acme Supplies Ltd'
    })
    expect(book.list().map((l) => l.label)).toEqual(['Acme Supplies Ltd'])
    expect(() => book.setLabel('0x123', 'x')).toThrow(expect.objectContaining({ code: 'address_invalid' }))
    expect(() => book.setLabel(SUPPLIER, ' ')).toThrow(expect.objectContaining({ code: 'label_invalid' }))
    expect(verifyAuditLog(db.read)).toMatchObject({ ok: true })
  })

  it('flags the first payment to an address never paid before, and not one already paid', () => {
    const id = payout([FRESH, PAID_BEFORE, SUPPLIER])
    expect(book.checkPayout(id).map((r) => [r.row, r.firstPayment, r.label])).toEqual([
      [1, true, null],
      [2, false, null],
      [3, true, 'Acme Supplies Ltd']
    ])
  })

  it('flags a look-alike of an address book entry and of a previously paid address, and nothing else', () => {
    const id = payout([FRESH, SUPPLIER_LOOKALIKE, PAID_LOOKALIKE, SUPPLIER])
    const rows = book.checkPayout(id)
    expect(rows.map((r) => r.lookalikes.map((l) => l.source))).toEqual([[], ['address_book'], ['paid_before'], []])
    expect(rows[1]!.lookalikes[0]).toMatchObject({ label: 'Acme Supplies Ltd' })
    expect(book.unacknowledgedRows(id)).toEqual([2, 3])
    expect(() => book.assertAcknowledged(id)).toThrow(
      expect.objectContaining({ code: 'lookalike_unacknowledged', details: { rows: [2, 3] } })
    )
  })

  it('blocks until every flagged row is acknowledged, one row at a time', () => {
    const id = payout([SUPPLIER_LOOKALIKE, PAID_LOOKALIKE])
    expect(book.acknowledge(id, 1).acknowledged).toBe(true)
    expect(book.unacknowledgedRows(id)).toEqual([2])
    expect(() => book.acknowledge(id, 99)).toThrow(expect.objectContaining({ code: 'no_lookalike_warning' }))
    book.acknowledge(id, 2)
    expect(() => book.assertAcknowledged(id)).not.toThrow()
    expect(
      payouts.get({ id, offset: 0, limit: 10 }).timeline.filter((e) => e.action === 'lookalike_acknowledged')
    ).toHaveLength(2)
  })

  it('does not carry an acknowledgement to a new address in the same row', () => {
    const id = payout([SUPPLIER_LOOKALIKE, FRESH])
    book.acknowledge(id, 1)
    payouts.update({
      id,
      recipients: [
        { address: PAID_LOOKALIKE, amount: '1' },
        { address: FRESH, amount: '1' }
      ]
    })
    expect(book.unacknowledgedRows(id)).toEqual([1])
  })

  it('checks a single address before it is saved', () => {
    expect(book.checkAddress(SUPPLIER_LOOKALIKE.toLowerCase())).toMatchObject({
      firstPayment: true,
      lookalikes: [{ label: 'Acme Supplies Ltd' }]
    })
    expect(book.checkAddress(PAID_BEFORE)).toMatchObject({ firstPayment: false, lookalikes: [] })
  })

  it('forgets a label when removed', () => {
    book.setLabel(FRESH, 'Temp')
    book.removeLabel(FRESH)
    expect(() => book.removeLabel(FRESH)).toThrow(expect.objectContaining({ code: 'label_not_found' }))
    expect(book.list().map((l) => l.address)).toEqual([SUPPLIER])
  })
})
