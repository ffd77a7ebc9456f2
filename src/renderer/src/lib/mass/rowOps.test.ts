// Runs in: Vitest (Node). Structural edits of the grid's rows.
import { describe, expect, it } from 'vitest'
import { emptyRow, type GridRow } from './gridRows'
import { deleteRows, duplicateRows, insertRows, snapshotRows } from './rowOps'

const r = (address: string): GridRow => ({ ...emptyRow(), address, amount: '1' })

describe('row operations', () => {
  it('inserts blank rows at a position, clamped to the ends', () => {
    const [a, b] = [r('a'), r('b')]
    expect(insertRows([a, b], 1).map((x) => x.address)).toEqual(['a', '', 'b'])
    expect(insertRows([a], 99, 2).map((x) => x.address)).toEqual(['a', '', ''])
  })

  it('deletes exactly the chosen rows', () => {
    const [a, b, c] = [r('a'), r('b'), r('c')]
    expect(deleteRows([a, b, c], new Set([a, c]))).toEqual([b])
  })

  it('duplicates a row right below it as a new row to be checked', () => {
    const a = r('a')
    const out = duplicateRows([a, r('b')], new Set([a]))
    expect(out.map((x) => x.address)).toEqual(['a', 'a', 'b'])
    expect(out[1]).not.toBe(a)
    expect(out[1]!.id).not.toBe(a.id)
    expect(out[1]!.pending).toBe(true)
  })

  it('a snapshot is not changed by later edits to the rows', () => {
    const a = r('a')
    const snap = snapshotRows([a])
    a.address = 'changed'
    expect(snap[0]!.address).toBe('a')
  })
})
