import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatAmount, formatAmountGrouped, fromStoredAmount, parseAmount, toStoredAmount, UINT256_MAX } from './money'

const usdc = (text: string, options = {}) => parseAmount(text, 6, 'USDC', options)
const codeOf = (text: string, options = {}) => {
  const r = usdc(text, options)
  return r.ok ? `ok:${r.value}` : r.code
}

describe('parseAmount', () => {
  it('reads plain decimals into base units exactly', () => {
    expect(usdc('125.5')).toEqual({ ok: true, value: 125_500_000n })
    expect(usdc('0.000001')).toEqual({ ok: true, value: 1n })
    expect(usdc('  42 ')).toEqual({ ok: true, value: 42_000_000n })
    expect(usdc('.5')).toEqual({ ok: true, value: 500_000n })
  })

  it('reads any plain digits with a point exactly, the point optional and last allowed', () => {
    const digits = (min: number, max: number) => fc.string({ minLength: min, maxLength: max, unit: fc.constantFrom(...'0123456789'.split('')) })
    fc.assert(fc.property(digits(1, 30), fc.option(digits(0, 6), { nil: undefined }), (whole, fraction) => {
      const text = fraction === undefined ? whole : `${whole}.${fraction}`
      const value = BigInt(whole) * 1_000_000n + BigInt((fraction ?? '').padEnd(6, '0'))
      const expected = value === 0n ? 'amount_zero' : `ok:${value}`
      expect(codeOf(text, { decimalSeparator: '.' })).toBe(expected)
      // Without the file's separator, "1.234" may be grouping: only those are refused as ambiguous.
      const ambiguous = fraction?.length === 3 && whole !== '0' && whole.length <= 3
      expect(codeOf(text)).toBe(ambiguous ? 'amount_ambiguous_separator' : expected)
    }), { numRuns: 1000 })
  })

  it('refuses more decimals than the asset has instead of rounding', () => {
    const r = usdc('1.0000001')
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.code).toBe('amount_too_many_decimals')
      expect(r.message).toContain('7 decimal places')
      expect(r.message).toContain('USDC has 6')
    }
  })

  it('gives a specific reason for every kind of bad input', () => {
    expect(codeOf('')).toBe('amount_empty')
    expect(codeOf('-5')).toBe('amount_negative')
    expect(codeOf('(5.00)')).toBe('amount_negative')
    expect(codeOf('0')).toBe('amount_zero')
    expect(codeOf('0.000')).toBe('amount_zero')
    expect(codeOf('NaN')).toBe('amount_not_a_number')
    expect(codeOf('Infinity')).toBe('amount_not_a_number')
    expect(codeOf('1.5E+3')).toBe('amount_exponent')
    expect(codeOf('1e6')).toBe('amount_exponent')
    expect(codeOf('١٢٣')).toBe('amount_non_ascii_digit')
    expect(codeOf('１２')).toBe('amount_non_ascii_digit')
    expect(codeOf('$100')).toBe('amount_invalid')
    expect(codeOf('100 USDC')).toBe('amount_invalid')
    expect(codeOf('1,234')).toBe('amount_ambiguous_separator')
    expect(codeOf('1.234')).toBe('amount_ambiguous_separator')
    expect(codeOf('1,23.45')).toBe('amount_bad_grouping')
    expect(codeOf('1.2.3,4,5')).toBe('amount_bad_grouping')
  })

  it('accepts zero only when asked to', () => {
    expect(codeOf('0', { allowZero: true })).toBe('ok:0')
  })

  it('reads thousands grouping and decimal commas only where they cannot be confused', () => {
    expect(codeOf('1,234.56')).toBe('ok:1234560000')
    expect(codeOf('1.234,56')).toBe('ok:1234560000')
    expect(codeOf('1 234,56')).toBe('ok:1234560000')
    expect(codeOf('1\u202f234,5')).toBe('ok:1234500000')
    expect(codeOf("1'234.5")).toBe('ok:1234500000')
    expect(codeOf('1,234,567')).toBe('ok:1234567000000')
    expect(codeOf('12,5')).toBe('ok:12500000')
    expect(codeOf('0,123')).toBe('ok:123000')
    expect(codeOf('1234,567')).toBe('ok:1234567000')
  })

  it('resolves an ambiguous separator with the file\'s declared decimal separator', () => {
    expect(codeOf('1,234', { decimalSeparator: ',' })).toBe('ok:1234000')
    expect(codeOf('1,234', { decimalSeparator: '.' })).toBe('ok:1234000000')
  })

  it('says how a grouped amount was read', () => {
    const r = usdc('1.234,5')
    expect(r.ok && r.readAs).toBe('1.234,5 read as 1234.5')
  })

  it('refuses values above uint256', () => {
    expect(parseAmount(UINT256_MAX.toString(), 0, 'X')).toEqual({ ok: true, value: UINT256_MAX })
    const r = parseAmount((UINT256_MAX + 1n).toString(), 0, 'X')
    expect(r.ok ? 'ok' : r.code).toBe('amount_too_large')
  })

  it('round-trips every base-unit value through format and parse', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: UINT256_MAX }), fc.integer({ min: 0, max: 30 }), (value, decimals) => {
        const r = parseAmount(formatAmount(value, decimals), decimals, 'T')
        expect(r).toEqual({ ok: true, value })
        const grouped = parseAmount(formatAmountGrouped(value, decimals), decimals, 'T', { decimalSeparator: '.' })
        expect(grouped.ok && grouped.value).toBe(value)
      }),
      { numRuns: 500 }
    )
  })
})

describe('stored amounts', () => {
  it('are decimal digit text and refuse anything else on the way back', () => {
    expect(toStoredAmount(1234n)).toBe('1234')
    expect(fromStoredAmount('1234')).toBe(1234n)
    expect(() => fromStoredAmount('12.5')).toThrow()
    expect(() => fromStoredAmount('')).toThrow()
    expect(() => toStoredAmount(-1n)).toThrow()
  })
})

describe('formatAmount', () => {
  it('writes exact decimals without trailing zeros', () => {
    expect(formatAmount(1_500_000n, 6)).toBe('1.5')
    expect(formatAmount(1n, 18)).toBe('0.000000000000000001')
    expect(formatAmount(100n, 0)).toBe('100')
    expect(formatAmountGrouped(1_234_567_890_000n, 6)).toBe('1,234,567.89')
  })
})
