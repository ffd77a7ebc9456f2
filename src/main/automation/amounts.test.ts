// Runs in: Vitest (node). Amounts through the REST API and the command line.
import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../shared/errors'
import { parseAmount } from '../domain/money'
import { canonicalAmount, canonicalRecipients } from './amounts'

describe('canonical amounts', () => {
  it('read "334.969" as 334.969 and hand the validator a form it cannot misread', () => {
    const text = canonicalAmount('334.969', 6, 'decimal', 'amount')
    expect(text).toBe('334.9690')
    // The desk's own reader, with no separator hint, takes it as exactly 334.969.
    expect(parseAmount(text, 6, 'USDC')).toEqual({ ok: true, value: 334_969_000n })
  })

  it('read base units as digits of the smallest unit', () => {
    expect(canonicalAmount('1500000', 6, 'base_units', 'amount')).toBe('1.5')
    expect(canonicalAmount('1234000', 3, 'base_units', 'amount')).toBe('1234')
  })

  it('refuse grouping, a decimal comma and signs with a message naming where', () => {
    for (const bad of ['1,234.5', '1 234', '12,5', '-1', '1e3', ' 1']) {
      const fail = () => canonicalAmount(bad, 6, 'decimal', 'recipients[2].amount')
      expect(fail).toThrow(AppFailure)
      expect(fail).toThrow(/recipients\[2\]\.amount/)
    }
    expect(() => canonicalAmount('1.5', 6, 'base_units', 'amount')).toThrow(/base units/)
  })

  it('pass a canonical but invalid amount on as written, for the validator to explain', () => {
    expect(canonicalAmount('0', 6, 'decimal', 'amount')).toBe('0')
    expect(canonicalAmount('1.1234567', 6, 'decimal', 'amount')).toBe('1.1234567')
  })

  it("refuse a desk's number format: amounts sent here are canonical", () => {
    const fail = () =>
      canonicalRecipients(
        [
          { address: 'a', amount: '1' },
          { address: 'b', amount: '1.234,5', amountFormat: 'comma-decimal' }
        ],
        6,
        'decimal'
      )
    expect(fail).toThrow(AppFailure)
    expect(fail).toThrow(/^recipients\[1\]\.amountFormat: amounts sent here are canonical/)
  })

  it('leave a body that is not a list of recipients for the contract to refuse', () => {
    expect(canonicalRecipients('nope', 6, 'decimal')).toBe('nope')
    expect(canonicalRecipients([{ address: 'a', amount: 5 }], 6, 'decimal')).toEqual([{ address: 'a', amount: 5 }])
    expect(canonicalRecipients([{ address: 'a', amount: '1.234' }], 6, 'decimal')).toEqual([
      { address: 'a', amount: '1.2340' }
    ])
  })
})
