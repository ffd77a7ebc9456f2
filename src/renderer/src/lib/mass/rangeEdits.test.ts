// Runs in: Vitest (Node). Fill down and clear over a range of rows: only the range's fields change,
// amounts travel as they are (never read again), and only changed rows are reported.
import { describe, expect, it } from 'vitest'
import { enterCell } from './cellEntry'
import { emptyRow, type GridRow } from './gridRows'
import { clearRange, fillDown } from './rangeEdits'

function row(cells: Partial<Record<'address' | 'amount' | 'name' | 'reference', string>>): GridRow {
  const r = emptyRow()
  for (const [field, value] of Object.entries(cells))
    enterCell(r, field as 'address' | 'amount' | 'name' | 'reference', value, 'dot-decimal')
  return r
}

describe('fill down', () => {
  it("copies the top row's cells into the rows below, in the range's fields only", () => {
    const rows = [row({ amount: '334.969', name: 'Ann' }), row({ name: 'Ben', reference: 'R2' }), row({})]
    const touched = fillDown(rows, ['amount'])
    expect(rows.map((r) => r.amount)).toEqual(['334.9690', '334.9690', '334.9690'])
    expect(rows.map((r) => r.name)).toEqual(['Ann', 'Ben', ''])
    expect(touched).toEqual([rows[1], rows[2]])
    expect(rows[2]!.pending).toBe(true)
  })

  it('reports no rows when they already hold the same cells', () => {
    const rows = [row({ name: 'Ann' }), row({ name: 'Ann' })]
    expect(fillDown(rows, ['name'])).toEqual([])
    expect(fillDown([], ['name'])).toEqual([])
  })

  it('carries an amount the desk format could not read, with its error', () => {
    const rows = [row({ amount: '1,5' }), row({ amount: '2' })]
    fillDown(rows, ['amount'])
    expect(rows[1]!.amount).toBe('1,5')
    expect(rows[1]!.deskIssue).toEqual(rows[0]!.deskIssue)
  })
})

describe('clear a range', () => {
  it('empties the fields of every row in the range and reports the rows that had something', () => {
    const rows = [row({ name: 'Ann', amount: '1' }), row({ reference: 'R2' }), row({ name: 'Cy', amount: '1,5' })]
    const touched = clearRange(rows, ['name', 'amount'])
    expect(rows.map((r) => [r.name, r.amount, r.reference])).toEqual([
      ['', '', ''],
      ['', '', 'R2'],
      ['', '', '']
    ])
    expect(touched).toEqual([rows[0], rows[2]])
    expect(rows[2]!.issues).toEqual([])
  })
})
