// Runs in: Vitest (Node). How warning rows read in the submission confirmation, the approver's review and the history.
import { describe, expect, it } from 'vitest'
import { collapsedRows, rowRanges, rowsText } from './rowList'

describe('row lists', () => {
  it('joins runs of three or more consecutive rows into a range and keeps pairs apart', () => {
    expect(rowRanges([8, 1, 2, 3, 5, 7])).toBe('1–3, 5, 7, 8')
    expect(rowRanges([10, 11, 12, 13])).toBe('10–13')
  })

  it('lists each row once, in order, whatever order main named them in', () => {
    expect(rowRanges([4, 2, 4, 2])).toBe('2, 4')
  })

  it('says "row" for one row and "rows" for several', () => {
    expect(rowsText([4])).toBe('row 4')
    expect(rowsText([1, 2, 3])).toBe('rows 1–3')
    expect(rowsText([])).toBe('no rows')
  })

  it('shows the first rows of a long list and counts the rest', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => 5000 - i)
    const { shown, hidden } = collapsedRows(rows, 12)
    expect(shown).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(hidden).toBe(4988)
  })

  it('keeps a short list whole', () => {
    expect(collapsedRows([3, 1], 12)).toEqual({ shown: [1, 3], hidden: 0 })
  })
})
