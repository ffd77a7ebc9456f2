import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatBaseUnits } from '../../shared/money'
import type { NumberFormat } from '../../shared/numberFormat'
import {
  formatAmount,
  formatAmountUnambiguous,
  fromStoredAmount,
  parseAmount,
  toStoredAmount,
  UINT256_MAX
} from './money'

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
    const digits = (min: number, max: number) =>
      fc.string({ minLength: min, maxLength: max, unit: fc.constantFrom(...'0123456789'.split('')) })
    fc.assert(
      fc.property(
        digits(1, 30),
        fc.option(
          fc.oneof(
            digits(0, 9),
            digits(0, 6).map((f) => f.padEnd(9, '0'))
          ),
          { nil: undefined }
        ),
        (whole, fraction) => {
          const text = fraction === undefined ? whole : `${whole}.${fraction}`
          const value = BigInt(whole) * 1_000_000n + BigInt((fraction ?? '').slice(0, 6).padEnd(6, '0'))
          // Digits beyond USDC's 6 decimals are exact only when they are zeros.
          const exact = /^0*$/.test((fraction ?? '').slice(6))
          const expected = !exact ? 'amount_too_many_decimals' : value === 0n ? 'amount_zero' : `ok:${value}`
          expect(codeOf(text, { decimalSeparator: '.' })).toBe(expected)
          // Without the file's separator, "1.234" may be grouping: only those are refused as ambiguous.
          const ambiguous = fraction?.length === 3 && whole !== '0' && whole.length <= 3
          expect(codeOf(text)).toBe(ambiguous ? 'amount_ambiguous_separator' : expected)
        }
      ),
      { numRuns: 1000 }
    )
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

  it("reads zeros beyond the asset's decimals as exact and refuses any other digit there", () => {
    const three = (text: string) => {
      const r = parseAmount(text, 3, 'T3')
      return r.ok ? `ok:${r.value}` : r.code
    }
    expect(three('1.2340')).toBe('ok:1234')
    expect(three('1.234000')).toBe('ok:1234')
    expect(three('1.2341')).toBe('amount_too_many_decimals')
    expect(three('1.23400001')).toBe('amount_too_many_decimals')
    expect(three('1.234,5670')).toBe('ok:1234567')
    expect(three('1.234,5671')).toBe('amount_too_many_decimals')
    expect(parseAmount('1.2340', 3, 'T3', { decimalSeparator: '.' })).toEqual({ ok: true, value: 1234n })
    expect(parseAmount('1,2340', 3, 'T3')).toEqual({ ok: true, value: 1234n, readAs: '1.2340' })
    expect(parseAmount('1.234,5000', 3, 'T3')).toEqual({
      ok: true,
      value: 1_234_500n,
      readAs: '1234.5'
    })
    expect(parseAmount('7.00', 0, 'T0')).toEqual({ ok: true, value: 7n })
    expect(parseAmount('0.000', 0, 'T0', { allowZero: true })).toEqual({ ok: true, value: 0n })
    const r = parseAmount('1.2341', 3, 'T3')
    expect(r.ok ? '' : r.message).toBe(
      'Amount 1.2341 has 4 decimal places; T3 has 3. Remove the extra digits yourself: nothing is rounded.'
    )
  })

  it('names both readings of an ambiguous amount in forms that are not ambiguous themselves', () => {
    const message = (text: string, options = {}) => {
      const r = usdc(text, options)
      return r.ok ? `ok:${r.value}` : r.message
    }
    expect(message('1.234')).toBe(
      'Amount 1.234 is ambiguous: "." could separate thousands or decimals. Write 1234 if it separates thousands, or 1.2340 if it separates decimals.'
    )
    expect(message('12,500')).toBe(
      'Amount 12,500 is ambiguous: "," could separate thousands or decimals. Write 12500 if it separates thousands, or 12.5000 if it separates decimals.'
    )
    // Only a file being read has a decimal separator the user can choose.
    expect(message('999,000', { readingFile: true })).toBe(
      'Amount 999,000 is ambiguous: "," could separate thousands or decimals. Write 999000 if it separates thousands, or 999.0000 if it separates decimals. Or choose the file\'s decimal separator.'
    )
    // Each suggested form reads, without any hint, as the reading it is offered for.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom('.', ','),
        (whole, part, sep) => {
          const after = String(part).padStart(3, '0')
          const text = `${whole}${sep}${after}`
          const r = usdc(text)
          expect(r.ok ? 'ok' : r.code).toBe('amount_ambiguous_separator')
          const [, thousands, decimal] =
            /Write (\S+) if it separates thousands, or (\S+) if it separates decimals\.$/.exec(r.ok ? '' : r.message) ??
            []
          expect(usdc(thousands!)).toEqual({ ok: true, value: BigInt(`${whole}${after}`) * 1_000_000n })
          expect(usdc(decimal!)).toEqual({ ok: true, value: BigInt(whole) * 1_000_000n + BigInt(after) * 1_000n })
        }
      ),
      { numRuns: 300 }
    )
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

  it('names the typographic quotes pasted around an amount, in any script', () => {
    for (const [input, cp] of [
      ['\u20181.5\u2019', '2018'],
      ['\u201e2\u201c', '201E'],
      ['\u00ab3\u00bb', '00AB']
    ] as const) {
      const r = usdc(input)
      expect(r).toMatchObject({ ok: false, code: 'amount_invalid' })
      expect(r.ok ? '' : r.message).toContain(`contains the typographic quote "${input[0]}" (U+${cp})`)
    }
  })

  it('names an invisible character pasted inside an amount, which the message would otherwise hide', () => {
    for (const [input, cp] of [
      ['12\u200b5', '200B'],
      ['\u200e125.50', '200E'],
      ['1\u20075', '2007'],
      ['125\u00ad', '00AD']
    ] as const) {
      const r = usdc(input)
      expect(r).toMatchObject({ ok: false, code: 'amount_invalid' })
      expect(r.ok ? '' : r.message).toBe(
        `Amount ${input.trim()} contains an invisible character (U+${cp}), often pasted along with a number. Delete the amount and type it again.`
      )
    }
    // The spaces amounts are grouped with are not invisible characters.
    expect(codeOf('1\u00a0234,5')).toBe('ok:1234500000')
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

  it("resolves an ambiguous separator with the file's declared decimal separator", () => {
    expect(codeOf('1,234', { decimalSeparator: ',' })).toBe('ok:1234000')
    expect(codeOf('1,234', { decimalSeparator: '.' })).toBe('ok:1234000000')
  })

  it('says how a grouped amount was read', () => {
    const r = usdc('1.234,5')
    expect(r.ok && r.readAs).toBe('1234.5')
    // The reading itself is written so it cannot be taken for one thousand two hundred thirty-four.
    const comma = usdc('1,234', { decimalSeparator: ',' })
    expect(comma.ok && comma.readAs).toBe('1.2340')
    // A plain-looking "1.234" read as grouping changes its value: that is said too.
    expect(usdc('1.234', { decimalSeparator: ',' })).toEqual({
      ok: true,
      value: 1_234_000_000n,
      readAs: '1234'
    })
    expect(usdc('1.234', { decimalSeparator: '.' })).toEqual({ ok: true, value: 1_234_000n })
    expect(usdc('+1.5')).toEqual({ ok: true, value: 1_500_000n })
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
        const grouped = parseAmount(formatBaseUnits(value, decimals, { minFractionDigits: 0 })!, decimals, 'T', {
          decimalSeparator: '.'
        })
        expect(grouped.ok && grouped.value).toBe(value)
      }),
      { numRuns: 500 }
    )
  })
})

describe('an amount as typed at a desk', () => {
  const desk = (text: string, deskFormat: NumberFormat) => codeOf(text, { deskFormat })

  it("reads separators the desk's way, where the general rules would read them another way or refuse them", () => {
    // Alone, "1.234" is ambiguous and "1,234,567" is grouping: a desk's format settles both.
    expect(codeOf('1.234')).toBe('amount_ambiguous_separator')
    expect(desk('1.234', 'dot-decimal')).toBe('ok:1234000')
    expect(desk('1.234', 'comma-decimal')).toBe('ok:1234000000')
    expect(desk("1'234.5", 'apostrophe-dot')).toBe('ok:1234500000')
    expect(desk('1 234,5', 'space-comma')).toBe('ok:1234500000')
  })

  it("refuses what the desk's format cannot read, with the desk's reason, where the general rules would read a number", () => {
    for (const [text, format] of [
      ['1.234,5', 'dot-decimal'],
      ['1,234,567', 'comma-decimal'],
      ['1,234.5', 'comma-decimal'],
      ['12,34.5', 'dot-decimal']
    ] as const) {
      expect(codeOf(text)).toMatch(/^ok:|amount_bad_grouping/)
      const read = usdc(text, { deskFormat: format })
      expect(read.ok).toBe(false)
      if (!read.ok) {
        expect(read.code).toBe('amount_desk_format')
        expect(read.message).toContain(`Amount ${text} cannot be read in this desk's number format`)
      }
    }
  })

  it('gives the general reasons for what is not a question of separators', () => {
    expect(desk('', 'comma-decimal')).toBe('amount_empty')
    expect(desk('-5', 'comma-decimal')).toBe('amount_negative')
    expect(desk('12 USDC', 'dot-decimal')).toBe('amount_invalid')
    expect(desk('0', 'dot-decimal')).toBe('amount_zero')
    expect(desk('1,2345678', 'comma-decimal')).toBe('amount_too_many_decimals')
  })
})

describe('an amount written with its currency', () => {
  const messageOf = (text: string): string => {
    const r = usdc(text)
    return r.ok ? `ok:${r.value}` : r.message
  }

  it("is refused, saying the currency is named, when it is the payout's own: nothing is taken off a number", () => {
    for (const text of ['100 USDC', '100 usdc', 'USDC 100', '1,234.50USDC'])
      expect(messageOf(text)).toBe(
        `Amount "${text}" names its currency. Enter the number alone: the payout pays USDC already.`
      )
  })

  it("is refused naming the other currency, fiat included, when it is not the payout's", () => {
    expect(messageOf('$100')).toBe(
      'Amount "$100" is in $, but this payout pays USDC. Check which currency the file means; if it is USDC, enter the number alone.'
    )
    expect(messageOf('20,00 €')).toContain('is in €, but this payout pays USDC')
    expect(messageOf('100 DAI')).toContain('is in DAI, but this payout pays USDC')
    expect(messageOf('USD 5')).toContain('is in USD, but this payout pays USDC')
  })

  it('keeps the plain refusal for text that names no currency', () => {
    for (const text of ['12 k', 'ten', '1O0', 'abc 12 def'])
      expect(messageOf(text)).toBe(
        `"${text}" is not an amount. Use digits with one decimal separator, without currency symbols (e.g. 125.50).`
      )
  })
})

describe('formatAmountUnambiguous', () => {
  it('adds one trailing zero only where the plain form could be thousands grouping', () => {
    expect(formatAmountUnambiguous(1_234_000n, 6)).toBe('1.2340')
    expect(formatAmountUnambiguous(1234n, 3)).toBe('1.2340')
    expect(formatAmountUnambiguous(999_000n, 3)).toBe('999')
    expect(formatAmountUnambiguous(999_100n, 6)).toBe('0.9991')
    expect(formatAmountUnambiguous(999_001n, 3)).toBe('999.0010')
    expect(formatAmountUnambiguous(234n, 3)).toBe('0.234')
    expect(formatAmountUnambiguous(1_234_567n, 3)).toBe('1234.567')
    expect(formatAmountUnambiguous(1_500_000n, 6)).toBe('1.5')
    expect(formatAmountUnambiguous(1234n, 0)).toBe('1234')
  })

  it('reads back as exactly the same value with no separator hint, for every value and decimals', () => {
    // Values of the shape "1-3 digits, point, 3 digits" are the ones a plain formatter gets wrong:
    // half the runs build exactly those, at every decimals value that can have three decimals.
    const grouping = fc
      .integer({ min: 3, max: 77 })
      .chain((decimals) =>
        fc
          .tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 999 }), fc.constant(decimals))
          .map(([whole, part, d]) => [(BigInt(whole) * 1000n + BigInt(part)) * 10n ** BigInt(d - 3), d] as const)
      )
    const any = fc.tuple(fc.bigInt({ min: 1n, max: UINT256_MAX }), fc.integer({ min: 0, max: 77 }))
    fc.assert(
      fc.property(fc.oneof(grouping, any), ([value, decimals]) => {
        fc.pre(value <= UINT256_MAX)
        const text = formatAmountUnambiguous(value, decimals)
        expect(parseAmount(text, decimals, 'T')).toEqual({ ok: true, value })
        expect(parseAmount(text, decimals, 'T', { decimalSeparator: '.' })).toEqual({ ok: true, value })
      }),
      { numRuns: 2000 }
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
