import { describe, expect, it } from 'vitest'
import type * as XLSX from '@e965/xlsx'
import { describeCell, exactDecimal } from './cellText'

describe('exactDecimal', () => {
  it('writes the shortest round-trip decimal without exponent and counts its significant digits', () => {
    expect(exactDecimal(1500)).toEqual({ text: '1500', significant: 2 })
    expect(exactDecimal(0.25)).toEqual({ text: '0.25', significant: 2 })
    expect(exactDecimal(1.23e-7)).toEqual({ text: '0.000000123', significant: 3 })
    expect(exactDecimal(1e21)).toEqual({ text: '1000000000000000000000', significant: 1 })
    expect(exactDecimal(-12.5)).toEqual({ text: '-12.5', significant: 3 })
    expect(exactDecimal(0.30000000000000004)).toEqual({ text: '0.30000000000000004', significant: 17 })
  })
})

describe('describeCell', () => {
  it('reads a General number from its stored value', () => {
    expect(describeCell({ t: 'n', v: 1234.5, z: 'General', w: '1234.5' }, 'B2')).toEqual({
      text: '1234.5',
      detail: { exact: '1234.5' }
    })
  })

  it('accepts a formatted number whose display shows the same value', () => {
    expect(describeCell({ t: 'n', v: 1234.5, z: '#,##0.00', w: '1,234.50' }, 'B2')).toEqual({
      text: '1,234.50',
      detail: { exact: '1234.5' }
    })
  })

  it('refuses an amount whose format hides decimals, naming the cell and both values', () => {
    const d = describeCell({ t: 'n', v: 1234.5678, z: '#,##0.00', w: '1,234.57' }, 'B4')
    expect(d.detail?.problem).toMatchObject({ appliesTo: 'amount', code: 'cell_display_differs' })
    expect(d.detail?.problem?.message).toContain('B4 shows 1,234.57 but holds 1234.5678')
  })

  it('refuses numbers with more than 15 significant digits and numbers shown in exponent form', () => {
    expect(describeCell({ t: 'n', v: 0.30000000000000004, w: '0.3' }, 'B5').detail?.problem?.code).toBe(
      'cell_number_inexact'
    )
    expect(describeCell({ t: 'n', v: 123456789012, z: 'General', w: '1.23457E+11' }, 'B9').detail?.problem?.code).toBe(
      'cell_number_exponent'
    )
  })

  it('refuses an amount whose format shows a currency, a percent sign or a word, naming the cell and what it adds', () => {
    const unit = (cell: XLSX.CellObject): unknown => describeCell(cell, 'B2').detail?.problem
    expect(unit({ t: 'n', v: 1234.5, z: '"$"#,##0.00', w: '$1,234.50' })).toMatchObject({
      appliesTo: 'amount',
      code: 'cell_unit_shown',
      message: expect.stringContaining('B2 shows $1,234.50: its format adds "$"')
    })
    expect(unit({ t: 'n', v: 0.5, z: '0%', w: '50%' })).toMatchObject({ code: 'cell_unit_shown' })
    expect(unit({ t: 'n', v: 1234.5, z: '#,##0.00 [$€-407]', w: '1,234.50 €' })).toMatchObject({
      code: 'cell_unit_shown'
    })
    expect(unit({ t: 'n', v: 5, z: '"EUR "0.00', w: 'EUR 5.00' })).toMatchObject({ code: 'cell_unit_shown' })
    // A cell with no format whose shown text still says what the number is (an ODS cell).
    expect(unit({ t: 'n', v: 0.5, w: '50%' })).toMatchObject({ code: 'cell_unit_shown' })
    expect(unit({ t: 'n', v: 1.5e11, z: '0.00E+00', w: '1.50E+11' })).toMatchObject({ code: 'cell_number_exponent' })
  })

  it('accepts a number a decimal-comma spreadsheet shows with its own marks, and nothing it rounded', () => {
    expect(describeCell({ t: 'n', v: 1234.5, z: '#,##0.00', w: '1.234,50' }, 'B2')).toEqual({
      text: '1.234,50',
      detail: { exact: '1234.5' }
    })
    expect(describeCell({ t: 'n', v: 1234567.5, z: '#,##0.00', w: '1.234.567,50' }, 'B2').detail).toEqual({
      exact: '1234567.5'
    })
    expect(describeCell({ t: 'n', v: 0.5, z: '0.00', w: '0,50' }, 'B2').detail).toEqual({ exact: '0.5' })
    expect(describeCell({ t: 'n', v: 1234.5678, z: '#,##0.00', w: '1.234,57' }, 'B2').detail?.problem?.code).toBe(
      'cell_display_differs'
    )
    expect(describeCell({ t: 'n', v: 1234.5, z: '#,##0', w: '1,235' }, 'B2').detail?.problem?.code).toBe(
      'cell_display_differs'
    )
    expect(describeCell({ t: 'n', v: 1234, z: '#,##0', w: '1.234' }, 'B2').detail).toEqual({ exact: '1234' })
  })

  it('refuses formulas whatever their cached value, naming the cell', () => {
    const d = describeCell({ t: 'n', v: 30, f: 'SUM(E2:E4)', w: '30' }, 'B7')
    expect(d.detail?.problem).toMatchObject({ appliesTo: 'any', code: 'cell_formula' })
    expect(d.detail?.problem?.message).toMatch(/^B7 contains a formula \(=SUM\(E2:E4\)\)/)
  })

  it('marks dates as a problem for amounts only, and error values for any column', () => {
    expect(describeCell({ t: 'n', v: 45000, z: 'yyyy-mm-dd', w: '2023-03-15' }, 'B8')).toMatchObject({
      text: '2023-03-15',
      detail: { problem: { appliesTo: 'amount', code: 'cell_date' } }
    })
    expect(describeCell({ t: 'e', v: 42, w: '#N/A' }, 'C3').detail?.problem).toMatchObject({
      appliesTo: 'any',
      code: 'cell_error_value'
    })
  })
})
