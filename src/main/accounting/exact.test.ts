import { describe, expect, it } from 'vitest'
import {
  centsText,
  divide,
  exactText,
  exactlyRepresentable,
  fiatCents,
  fiatValue,
  parseDecimal,
  parseExactText,
  ratio,
  ratioOfDecimal
} from './exact'

describe('exact fiat arithmetic', () => {
  it('values 1.5 USDC at an 8-decimal feed answer of 0.99985000 exactly, with no float anywhere', () => {
    const rate = ratioOfDecimal({ units: 99_985_000n, scale: 8 })
    const value = fiatValue(1_500_000n, 6, rate)
    expect(exactText(value)).toBe('1.499775')
    expect(centsText(fiatCents(value))).toBe('1.50')
  })

  it('values 0.1 ETH (wei) at 3210.12345678 USD exactly, beyond what a double holds', () => {
    const value = fiatValue(100_000_000_000_000_000n, 18, ratioOfDecimal({ units: 321_012_345_678n, scale: 8 }))
    expect(exactText(value)).toBe('321.012345678')
  })

  it('keeps a value converted through two feeds as a fraction when it is not a finite decimal', () => {
    // 1 USD worth of an asset, in EUR at EUR/USD 1.2 (not finite: 5/6).
    const eur = divide(ratio(1n, 1n), ratioOfDecimal({ units: 12n, scale: 1 }))
    expect(exactText(eur)).toBe('5/6')
    expect(centsText(fiatCents(eur))).toBe('0.83')
    expect(parseExactText('5/6')).toEqual(eur)
  })

  it('rounds half away from zero at the cent, and only there', () => {
    expect(centsText(fiatCents(ratio(1005n, 1000n)))).toBe('1.01')
    expect(centsText(fiatCents(ratio(1004n, 1000n)))).toBe('1.00')
    expect(centsText(fiatCents(ratio(-1005n, 1000n)))).toBe('-1.01')
    expect(centsText(fiatCents(ratio(1n, 3n)))).toBe('0.33')
    expect(centsText(0n)).toBe('0.00')
    expect(centsText(-7n)).toBe('-0.07')
  })

  it('reads exact text back to the same ratio', () => {
    for (const r of [ratio(1n, 8n), ratio(-12345678901234567890n, 1000n), ratio(7n, 1n), ratio(2n, 3n)])
      expect(parseExactText(exactText(r))).toEqual(r)
  })

  it('refuses typed rates that would need a guess: grouping, exponents, commas, signs, zero', () => {
    expect(parseDecimal('0.9998')).toEqual({ ok: true, value: { units: 9998n, scale: 4 } })
    expect(parseDecimal('1,000.5')).toMatchObject({ ok: false, code: 'decimal_invalid' })
    expect(parseDecimal('1e3')).toMatchObject({ ok: false, code: 'decimal_invalid' })
    expect(parseDecimal('0,98')).toMatchObject({ ok: false, code: 'decimal_invalid' })
    expect(parseDecimal('-1')).toMatchObject({ ok: false, code: 'decimal_negative' })
    expect(parseDecimal('0.000')).toMatchObject({ ok: false, code: 'decimal_zero' })
    expect(parseDecimal('.')).toMatchObject({ ok: false, code: 'decimal_invalid' })
  })

  it('knows which values a spreadsheet number cell can hold exactly', () => {
    expect(exactlyRepresentable(ratio(3n, 2n))).toBe(true)
    expect(exactlyRepresentable(ratio(1234n, 1n))).toBe(true)
    expect(exactlyRepresentable(ratio(1n, 10n))).toBe(false)
    expect(exactlyRepresentable(ratio(1234n, 100n))).toBe(false)
    expect(exactlyRepresentable(ratio((1n << 53n) + 1n, 1n))).toBe(false)
  })
})
