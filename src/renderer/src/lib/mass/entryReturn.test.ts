// Runs in: Vitest (Node). Tab, Tab, Enter returns to where the typing started, on the next row.
import { describe, expect, it } from 'vitest'
import { afterTab, enterTarget } from './entryReturn'

describe('Enter after typing across a row with Tab', () => {
  it('goes to the column where the typing started, one row down', () => {
    let trail = afterTab(null, { row: 3, col: 'address' })
    trail = afterTab(trail, { row: 3, col: 'amount' })
    expect(enterTarget(trail, { row: 3, col: 'name' }, 10)).toEqual({ row: 4, col: 'address' })
  })

  it('starts again when Tab is pressed on another row', () => {
    const trail = afterTab(afterTab(null, { row: 3, col: 'address' }), { row: 4, col: 'amount' })
    expect(trail).toEqual({ row: 4, col: 'amount' })
  })

  it('leaves Enter to the grid when the row was not typed across', () => {
    expect(enterTarget(null, { row: 3, col: 'name' }, 10)).toBeNull()
    expect(enterTarget({ row: 2, col: 'address' }, { row: 3, col: 'name' }, 10)).toBeNull()
  })

  it('stays on the last row, as Excel does at the bottom of a sheet', () => {
    const trail = afterTab(null, { row: 9, col: 'address' })
    expect(enterTarget(trail, { row: 9, col: 'amount' }, 9)).toEqual({ row: 9, col: 'amount' })
  })
})
