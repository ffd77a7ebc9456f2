// Runs in: Vitest (Node). The money formatter main and renderer share: exact, bigint-only, never rounds.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatAmount, formatBalance, formatBaseUnits, formatMoney, groupDecimalText, groupThousands } from './money'

describe('formatBaseUnits', () => {
  it('places the decimal point by the asset decimals and groups thousands', () => {
    expect(formatBaseUnits('1234500000', 6)).toBe('1,234.50')
    expect(formatBaseUnits('1000000000000000000', 18)).toBe('1.00')
  })

  it('keeps every significant digit of the smallest unit', () => {
    expect(formatBaseUnits('1', 18)).toBe('0.000000000000000001')
    expect(formatBaseUnits('123456789', 6)).toBe('123.456789')
  })

  it('is exact beyond the precision of a JS number', () => {
    const max = (2n ** 256n - 1n).toString()
    expect(formatBaseUnits(max, 0)).toBe(
      '115,792,089,237,316,195,423,570,985,008,687,907,853,269,984,665,640,564,039,457,584,007,913,129,639,935'
    )
    expect(formatBaseUnits('9007199254740993', 2)).toBe('90,071,992,547,409.93')
  })

  it('pads the fraction to two digits but never beyond the asset decimals', () => {
    expect(formatBaseUnits('5', 0)).toBe('5')
    expect(formatBaseUnits('50', 1)).toBe('5.0')
    expect(formatBaseUnits('0', 6)).toBe('0.00')
    expect(formatBaseUnits('0', 6, { minFractionDigits: 0 })).toBe('0')
  })

  it('can leave out the thousands separator', () => {
    expect(formatBaseUnits('123456789000', 6, { groupSeparator: '' })).toBe('123456.789')
  })

  it('accepts bigint input and negative values', () => {
    expect(formatBaseUnits(-1500n, 3)).toBe('-1.50')
    expect(formatBaseUnits('-1234000', 3)).toBe('-1,234.00')
  })

  it('refuses anything that is not whole base units instead of guessing', () => {
    for (const bad of ['', '1.5', '1e6', '0x10', 'abc', ' - 1', 'NaN', '１２'])
      expect(formatBaseUnits(bad, 6)).toBeNull()
    expect(formatBaseUnits('1', -1)).toBeNull()
    expect(formatBaseUnits('1', 1.5)).toBeNull()
  })

  it('round-trips: removing separators and the point gives back the base units', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), fc.integer({ min: 0, max: 30 }), (value, decimals) => {
        const text = formatBaseUnits(value, decimals, { minFractionDigits: 0 })!
        const [whole, fraction = ''] = text.replaceAll(',', '').split('.')
        expect(BigInt(whole! + fraction.padEnd(decimals, '0'))).toBe(value)
      })
    )
  })
})

describe('formatMoney', () => {
  it('appends the symbol, or shows a dash for an invalid amount', () => {
    expect(formatMoney('2500000', 6, 'USDC')).toBe('2.50 USDC')
    expect(formatMoney('oops', 6, 'USDC')).toBe('—')
  })
})

describe('formatAmount', () => {
  it('writes exact decimals without trailing zeros or grouping', () => {
    expect(formatAmount(1_500_000n, 6)).toBe('1.5')
    expect(formatAmount(1n, 18)).toBe('0.000000000000000001')
    expect(formatAmount(100n, 0)).toBe('100')
    expect(formatAmount(-1_234_567_890_000n, 6)).toBe('-1234567.89')
  })
})

describe('groupThousands', () => {
  it('separates groups of three digits counted from the right', () => {
    expect(groupThousands('1234567', ',')).toBe('1,234,567')
    expect(groupThousands('123456', '\u00a0')).toBe('123\u00a0456')
    expect(groupThousands('999', ',')).toBe('999')
    expect(groupThousands('1234', '')).toBe('1234')
  })
})

describe('formatBalance', () => {
  it('shows a balance with few enough decimals exactly, with nothing marked', () => {
    expect(formatBalance('1234500000', 6, 'USDC')).toEqual({ text: '1,234.50 USDC', exact: '1,234.50 USDC' })
    expect(formatBalance('10000000000000000000', 18, 'ETH')).toEqual({ text: '10.00 ETH', exact: '10.00 ETH' })
  })

  it('cuts a long balance to six decimals, never up, marks it and keeps every digit beside it', () => {
    expect(formatBalance('12345678901234567890', 18, 'ETH')).toEqual({
      text: '≈ 12.345678 ETH',
      exact: '12.34567890123456789 ETH'
    })
    expect(formatBalance('999999999999999999', 18, 'ETH').text).toBe('≈ 0.999999 ETH')
  })

  it('says dust is under the smallest shown unit instead of showing zero', () => {
    expect(formatBalance('1', 18, 'ETH')).toEqual({ text: '< 0.000001 ETH', exact: '0.000000000000000001 ETH' })
  })

  it('shows a dash for what is not base units', () => {
    expect(formatBalance('1.5', 18, 'ETH')).toEqual({ text: '—', exact: '—' })
  })
})

describe('groupDecimalText', () => {
  it('groups the whole part by commas and keeps every digit and the sign', () => {
    expect(['9623.08', '-1234567.5', '999', '0.000001', '1000'].map((t) => groupDecimalText(t))).toEqual([
      '9,623.08',
      '-1,234,567.5',
      '999',
      '0.000001',
      '1,000'
    ])
  })

  it('pads the fraction to the digits asked for and never drops one', () => {
    expect(['125', '162.5', '0.000001', '-1234.5'].map((t) => groupDecimalText(t, 2))).toEqual([
      '125.00',
      '162.50',
      '0.000001',
      '-1,234.50'
    ])
  })
})
