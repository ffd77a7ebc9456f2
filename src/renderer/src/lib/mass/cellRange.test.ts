// Runs in: Vitest (Node). Range selection as spreadsheets do it: the anchor stays, the focus moves,
// the range is the rectangle between them and never reaches past the grid.
import { describe, expect, it } from 'vitest'
import { boundsOf, extendRange, inRange, isSingleCell, rangeTo, singleCell } from './cellRange'

const EXTENT = { rows: 10, cols: 5 }

describe('a cell range', () => {
  it('grows from its anchor with Shift+arrows and shrinks back the same way', () => {
    let range = singleCell({ row: 2, col: 1 })
    range = extendRange(range, 'ArrowDown', EXTENT)
    range = extendRange(range, 'ArrowRight', EXTENT)
    expect(boundsOf(range)).toEqual({ top: 2, bottom: 3, left: 1, right: 2 })
    range = extendRange(range, 'ArrowUp', EXTENT)
    range = extendRange(range, 'ArrowUp', EXTENT)
    expect(range.anchor).toEqual({ row: 2, col: 1 })
    expect(boundsOf(range)).toEqual({ top: 1, bottom: 2, left: 1, right: 2 })
  })

  it('stops at the edges of the grid', () => {
    let range = singleCell({ row: 0, col: 4 })
    range = extendRange(range, 'ArrowUp', EXTENT)
    range = extendRange(range, 'ArrowRight', EXTENT)
    expect(isSingleCell(range)).toBe(true)
    expect(rangeTo(range, { row: 99, col: -3 }, EXTENT).focus).toEqual({ row: 9, col: 0 })
  })

  it('covers the rectangle between anchor and focus whichever way it was dragged', () => {
    const range = rangeTo(singleCell({ row: 5, col: 3 }), { row: 2, col: 1 }, EXTENT)
    expect(inRange(range, 2, 1)).toBe(true)
    expect(inRange(range, 5, 3)).toBe(true)
    expect(inRange(range, 4, 2)).toBe(true)
    expect(inRange(range, 6, 2)).toBe(false)
    expect(inRange(range, 3, 0)).toBe(false)
    expect(inRange(range, 3, -1)).toBe(false)
    expect(inRange(null, 3, 2)).toBe(false)
  })
})
