// Runs in: Vitest (Node). A typed amount is kept in the form main reads exactly as the desk meant
// it; one the desk's format cannot read keeps its text and an error that main's answer cannot clear.
import { describe, expect, it } from 'vitest'
import type { Issue } from '../../../../shared/api'
import { DESK_AMOUNT_CODE } from '../../../../shared/deskAmount'
import { cellText, clearCell, copyCell, enterCell, withDeskIssue } from './cellEntry'
import { applyBlock, emptyRow } from './gridRows'

const DUPLICATE: Issue = { field: 'address', severity: 'warning', code: 'address_duplicate', message: 'Twice' }
const MAIN_AMOUNT: Issue = { field: 'amount', severity: 'error', code: 'amount_invalid', message: 'main says' }

describe('typing an amount into a grid row', () => {
  it('keeps the canonical text main is sent, marks the row for checking and shows the exact value when edited', () => {
    const row = emptyRow()
    expect(enterCell(row, 'amount', '334.969', 'dot-decimal')).toBe(true)
    expect(row.amount).toBe('334.9690')
    expect(row.pending).toBe(true)
    expect(row.deskIssue).toBeNull()
    expect(cellText(row, 'amount', 'dot-decimal')).toBe('334.969')
  })

  it('keeps text the desk cannot read as typed, with an error on the amount', () => {
    const row = emptyRow()
    enterCell(row, 'amount', '1,5', 'dot-decimal')
    expect(row.amount).toBe('1,5')
    expect(row.deskIssue?.code).toBe(DESK_AMOUNT_CODE)
    expect(row.issues).toEqual([row.deskIssue])
    expect(row.issues[0]!.message).toContain('Amount 1,5 cannot be read')
  })

  it('drops the error once the amount is retyped in the desk format, keeping main issues about other cells', () => {
    const row = emptyRow()
    enterCell(row, 'amount', '1,5', 'dot-decimal')
    row.issues = withDeskIssue([DUPLICATE], row.deskIssue)
    enterCell(row, 'amount', '1.5', 'dot-decimal')
    expect(row.deskIssue).toBeNull()
    expect(row.issues).toEqual([DUPLICATE])
  })

  it('reports no change for the same value typed again', () => {
    const row = emptyRow()
    enterCell(row, 'amount', '12.50', 'dot-decimal')
    const version = row.version
    expect(enterCell(row, 'amount', '12.50', 'dot-decimal')).toBe(false)
    expect(row.version).toBe(version)
  })

  it('writes other cells exactly as typed', () => {
    const row = emptyRow()
    enterCell(row, 'name', 'Ann 1.234', 'comma-decimal')
    expect(row.name).toBe('Ann 1.234')
  })
})

describe("main's answer for a row with a desk error", () => {
  it("keeps the desk error first and leaves out main's own findings about that amount", () => {
    const desk: Issue = { field: 'amount', severity: 'error', code: DESK_AMOUNT_CODE, message: 'desk' }
    expect(withDeskIssue([MAIN_AMOUNT, DUPLICATE], desk)).toEqual([desk, DUPLICATE])
    expect(withDeskIssue([MAIN_AMOUNT, DUPLICATE], null)).toEqual([MAIN_AMOUNT, DUPLICATE])
  })
})

describe('copying and clearing cells', () => {
  it('copies an amount as it is, desk error included, without reading it again', () => {
    const from = emptyRow()
    enterCell(from, 'amount', '1,5', 'dot-decimal')
    const to = emptyRow()
    expect(copyCell(from, to, 'amount')).toBe(true)
    expect(to.amount).toBe('1,5')
    expect(to.deskIssue).toEqual(from.deskIssue)
    expect(to.issues).toEqual([from.deskIssue])
  })

  it('clears a cell and its desk error', () => {
    const row = emptyRow()
    enterCell(row, 'amount', '1,5', 'dot-decimal')
    expect(clearCell(row, 'amount')).toBe(true)
    expect(row.amount).toBe('')
    expect(row.issues).toEqual([])
    expect(clearCell(row, 'amount')).toBe(false)
  })
})

describe('a pasted block', () => {
  it('reads its amounts with the desk format', () => {
    const rows = [emptyRow()]
    const result = applyBlock(
      rows,
      0,
      ['name', 'amount'],
      [
        ['Ann', '1.234,5'],
        ['Ben', '334.969']
      ],
      (r, f, v) => enterCell(r, f, v, 'comma-decimal')
    )
    expect(result.rows.map((r) => r.amount)).toEqual(['1234.5', '334969'])
  })
})
