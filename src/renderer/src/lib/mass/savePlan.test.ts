// Runs in: Vitest (Node). Which saves become patches and which replace every row.
import { describe, expect, it } from 'vitest'
import { emptyRow, type GridRow } from './gridRows'
import { planSave } from './savePlan'

const r = (address: string): GridRow => ({ ...emptyRow(), address, amount: '1' })

describe('planSave', () => {
  it('patches edited rows at their position among non-blank rows', () => {
    const [a, b, c] = [r('a'), r('b'), r('c')]
    const blank = emptyRow()
    const plan = planSave([a, blank, b, c], [a, b, c], new Set([c]), false, 'dot-decimal')
    expect(plan.kind).toBe('patch')
    if (plan.kind === 'patch') expect(plan.rows).toEqual([{ row: 3, address: 'c', amount: '1' }])
  })

  it('patches rows added at the end as new row numbers after the saved ones', () => {
    const [a, b] = [r('a'), r('b')]
    const plan = planSave([a, b], [a], new Set([b]), false, 'dot-decimal')
    expect(plan.kind === 'patch' && plan.rows.map((x) => x.row)).toEqual([2])
  })

  it('replaces every row when a row was inserted before saved ones', () => {
    const [a, b, x] = [r('a'), r('b'), r('x')]
    expect(planSave([a, x, b], [a, b], new Set([x]), false, 'dot-decimal').kind).toBe('replace')
  })

  it('replaces every row when a saved row became blank (it leaves main)', () => {
    const [a, b] = [r('a'), r('b')]
    const emptied = { ...b, address: '', amount: '' }
    expect(planSave([a, emptied], [a, b], new Set([emptied]), false, 'dot-decimal').kind).toBe('replace')
  })

  it('replaces when the caller says the structure changed, and does nothing when nothing did', () => {
    const a = r('a')
    expect(planSave([a], [a], new Set(), true, 'dot-decimal').kind).toBe('replace')
    expect(planSave([a], [a], new Set(), false, 'dot-decimal').kind).toBe('none')
  })
})
