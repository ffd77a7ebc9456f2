// Runs in: Vitest (Node). Typed amounts read with the desk's number format, shown grouped with the
// asset's decimals, and edited as their exact value: never guessed, never rounded.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readDeskAmount } from '../../../shared/deskAmount'
import { NUMBER_FORMATS } from '../../../shared/numberFormat'
import { amountToSend, compareAmountText, displayAmount, editableAmount, formatDeskBaseUnits } from './deskAmount'

const read = (text: string, format: Parameters<typeof readDeskAmount>[1]) => readDeskAmount(text, format)

describe('a typed amount read with the desk number format', () => {
  it('takes three decimals after a point as decimals on a point desk, written so main cannot read them as thousands', () => {
    expect(read('334.969', 'dot-decimal')).toEqual({ kind: 'number', text: '334.9690' })
    expect(read('1,234.5', 'dot-decimal')).toEqual({ kind: 'number', text: '1234.5' })
    expect(read('1,234', 'dot-decimal')).toEqual({ kind: 'number', text: '1234' })
    expect(read('0.001', 'dot-decimal')).toEqual({ kind: 'number', text: '0.001' })
  })

  it('takes the same text as thousands on a comma desk', () => {
    expect(read('334.969', 'comma-decimal')).toEqual({ kind: 'number', text: '334969' })
    expect(read('1.234,50', 'comma-decimal')).toEqual({ kind: 'number', text: '1234.50' })
    expect(read('1,234', 'comma-decimal')).toEqual({ kind: 'number', text: '1.2340' })
  })

  it('reads spaces (any width) and apostrophes as thousands on every desk', () => {
    expect(read('1 234,5', 'space-comma')).toEqual({ kind: 'number', text: '1234.5' })
    expect(read('1\u202f234,5', 'space-comma')).toEqual({ kind: 'number', text: '1234.5' })
    expect(read('1 234.5', 'dot-decimal')).toEqual({ kind: 'number', text: '1234.5' })
    expect(read('1\u2019234.5', 'apostrophe-dot')).toEqual({ kind: 'number', text: '1234.5' })
  })

  it('accepts a missing whole part or a trailing decimal mark', () => {
    expect(read('.5', 'dot-decimal')).toEqual({ kind: 'number', text: '0.5' })
    expect(read('12,', 'comma-decimal')).toEqual({ kind: 'number', text: '12' })
    expect(read('  7  ', 'dot-decimal')).toEqual({ kind: 'number', text: '7' })
  })

  it('refuses separators the desk format cannot read, saying which mark is wrong and where to change the format', () => {
    const twice = read('1.234.5', 'dot-decimal')
    expect(twice.kind).toBe('refused')
    expect(twice.kind === 'refused' && twice.message).toContain('"." separates decimals and can appear only once')
    expect(twice.kind === 'refused' && twice.message).toContain('(1,234.50)')
    expect(twice.kind === 'refused' && twice.message).toContain('Settings')
    const after = read('1,234.50', 'comma-decimal')
    expect(after.kind === 'refused' && after.message).toContain('"." comes after the decimal comma')
    const groups = read('1,5', 'dot-decimal')
    expect(groups.kind === 'refused' && groups.message).toContain('groups of three digits')
    const stray = read('1.234,5', 'space-comma')
    expect(stray.kind === 'refused' && stray.message).toContain('"." is not used')
  })

  it('leaves what is not a question of separators to main, exactly as typed', () => {
    expect(read('12abc', 'dot-decimal')).toEqual({ kind: 'other', text: '12abc' })
    expect(read('-5', 'dot-decimal')).toEqual({ kind: 'other', text: '-5' })
    expect(read('1.5E+3', 'dot-decimal')).toEqual({ kind: 'other', text: '1.5E+3' })
    expect(read('', 'dot-decimal')).toEqual({ kind: 'other', text: '' })
    expect(read('.', 'dot-decimal')).toEqual({ kind: 'other', text: '.' })
  })
})

describe('an amount shown in the grid', () => {
  it('has at least two decimals and every significant one, grouped the desk way', () => {
    expect(displayAmount('1234.5', 6, 'dot-decimal')).toBe('1,234.50')
    expect(displayAmount('334.9690', 6, 'dot-decimal')).toBe('334.969')
    expect(displayAmount('0.000001', 6, 'dot-decimal')).toBe('0.000001')
    expect(displayAmount('1234567.5', 6, 'comma-decimal')).toBe('1.234.567,50')
    expect(displayAmount('1234.5', 6, 'space-comma')).toBe('1\u00a0234,50')
    expect(displayAmount('007', 2, 'dot-decimal')).toBe('7.00')
  })

  it('has no more decimals than the asset (none for a whole-unit asset, one for a one-decimal asset)', () => {
    expect(displayAmount('1234', 0, 'dot-decimal')).toBe('1,234')
    expect(displayAmount('12', 1, 'dot-decimal')).toBe('12.0')
  })

  it('shows the exact digits, never rounded, when they go beyond the asset decimals', () => {
    expect(displayAmount('1.1234567', 6, 'dot-decimal')).toBe('1.1234567')
    expect(displayAmount('12.345', 2, 'dot-decimal')).toBe('12.345')
  })

  it('shows text that is not a number as it was typed', () => {
    expect(displayAmount('12abc', 6, 'dot-decimal')).toBe('12abc')
    expect(displayAmount('1,5', 6, 'dot-decimal')).toBe('1,5')
  })
})

describe('an amount edited or copied', () => {
  it('is the exact value in the desk decimal mark, without grouping', () => {
    expect(editableAmount('334.9690', 'dot-decimal')).toBe('334.969')
    expect(editableAmount('1234.50', 'comma-decimal')).toBe('1234,5')
    expect(editableAmount('1234', 'dot-decimal')).toBe('1234')
    expect(editableAmount('12abc', 'dot-decimal')).toBe('12abc')
  })

  it('reads back as the same canonical text in every format', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.integer({ min: 0, max: 18 }),
        fc.constantFrom(...NUMBER_FORMATS),
        (units, decimals, format) => {
          const digits = units.toString().padStart(decimals + 1, '0')
          const canonical =
            decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`.replace(/\.?0+$/, '')
          const back = readDeskAmount(editableAmount(canonical, format), format)
          expect(back.kind).toBe('number')
          expect(back.kind === 'number' && compareAmountText(back.text, canonical)).toBe(0)
        }
      )
    )
  })
})

describe('amounts sorted by value', () => {
  it('compares exactly, with text that is not a number last', () => {
    const sorted = ['10', '9.99', 'abc', '0.5', '10.0', '100', '09.990'].sort(compareAmountText)
    expect(sorted).toEqual(['0.5', '9.99', '09.990', '10', '10.0', '100', 'abc'])
  })
})

describe('base units shown in the desk format', () => {
  it('group and mark decimals the desk way, exactly', () => {
    expect(formatDeskBaseUnits(1234500000n, 6, 'dot-decimal')).toBe('1,234.50')
    expect(formatDeskBaseUnits('1234500001', 6, 'comma-decimal')).toBe('1.234,500001')
    expect(formatDeskBaseUnits('12', 0, 'space-comma')).toBe('12')
    expect(formatDeskBaseUnits('x', 6, 'dot-decimal')).toBeNull()
  })
})

describe('the amount text main is sent', () => {
  it('is the canonical form of what the desk read, or the typed text when the desk could not read it', () => {
    expect(amountToSend(' 334.969 ', 'dot-decimal')).toBe('334.9690')
    expect(amountToSend('1.234,5', 'comma-decimal')).toBe('1234.5')
    expect(amountToSend(' 1,5 ', 'dot-decimal')).toBe('1,5')
    expect(amountToSend('12abc', 'dot-decimal')).toBe('12abc')
  })
})
