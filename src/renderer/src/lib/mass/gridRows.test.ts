// Runs in: Vitest (Node). The grid's rows: blank rows, what is sent to main, totals and pasting.
import { describe, expect, it } from 'vitest'
import type { Issue } from '../../../../shared/api'
import {
  addTotals,
  applyBlock,
  computeTotals,
  emptyRow,
  firstIssue,
  isBlankRow,
  cellIssues,
  rowFromItem,
  savedOrder,
  toRecipient,
  type GridRow
} from './gridRows'

const ERROR: Issue = { field: 'address', severity: 'error', code: 'bad_checksum', message: 'Checksum' }
const WARNING: Issue = { field: 'address', severity: 'warning', code: 'duplicate_address', message: 'Twice' }

function row(patch: Partial<GridRow>): GridRow {
  return { ...emptyRow(), ...patch }
}

describe('rows', () => {
  it('a row of spaces is blank; a row with only a note is not', () => {
    expect(isBlankRow(row({ address: '  ', amount: '' }))).toBe(true)
    expect(isBlankRow(row({ note: 'x' }))).toBe(false)
    expect(isBlankRow(row({ costCenter: 'Eng' }))).toBe(false)
  })

  it('sends the category and cost center as typed, and reads them back from what main stored', () => {
    const typed = row({ address: '0xab', amount: '1', category: ' 6100 ', costCenter: 'Eng' })
    expect(toRecipient(typed, 'dot-decimal')).toEqual({
      address: '0xab',
      amount: '1',
      category: ' 6100 ',
      costCenter: 'Eng'
    })
    const back = rowFromItem({
      row: 1,
      address: '0xab',
      amount: '1',
      amountBaseUnits: '1',
      name: '',
      reference: '',
      note: '',
      category: '6100',
      costCenter: 'Eng',
      status: 'draft',
      issues: [{ field: 'cost_center', severity: 'error', code: 'text_refused', message: 'Refused character' }],
      txHash: null,
      failure: null
    })
    expect([back.category, back.costCenter]).toEqual(['6100', 'Eng'])
    // Main names the cost center's problems 'cost_center': they show in its cell, not the category's.
    expect(cellIssues(back, 'costCenter').map((i) => i.code)).toEqual(['text_refused'])
    expect(cellIssues(back, 'category')).toEqual([])
  })

  it('sends exactly what was typed and leaves empty optional fields out', () => {
    expect(toRecipient(row({ address: '0xab', amount: '1,5', reference: 'R1' }), 'dot-decimal')).toEqual({
      address: '0xab',
      amount: '1,5',
      reference: 'R1'
    })
  })

  it('main stores the non-blank rows in order', () => {
    const a = row({ address: 'a' })
    const b = row({ address: 'b' })
    expect(savedOrder([a, row({}), b])).toEqual([a, b])
  })

  it('shows errors before warnings', () => {
    expect(firstIssue([WARNING, ERROR])).toBe(ERROR)
    expect(firstIssue([])).toBeNull()
  })
})

describe('computeTotals', () => {
  it('adds exact base units beyond what a JS number can hold', () => {
    const big = 123456789012345678901234567890n
    const totals = computeTotals([
      row({ address: 'a', amountBaseUnits: big }),
      row({ address: 'b', amountBaseUnits: 1n })
    ])
    expect(totals.totalBaseUnits).toBe(big + 1n)
    expect(totals.recipients).toBe(2)
  })

  it('of rows counted in two parts and added are the totals of all of them counted at once', () => {
    const rows = [
      row({ address: 'a', issues: [ERROR], amountBaseUnits: 2n ** 70n }),
      row({ address: 'b', issues: [WARNING], amountBaseUnits: 5n }),
      row({}),
      row({ address: 'c', pending: true, amountBaseUnits: null }),
      row({ address: 'd', amountBaseUnits: 1n })
    ]
    for (const cut of [0, 2, 3, 5])
      expect(addTotals(computeTotals(rows.slice(0, cut)), computeTotals(rows.slice(cut)))).toEqual(computeTotals(rows))
  })

  it('counts rows with errors, rows with only warnings, blank and unchecked rows apart', () => {
    const totals = computeTotals([
      row({ address: 'a', issues: [ERROR, WARNING] }),
      row({ address: 'b', issues: [WARNING] }),
      row({}),
      row({ address: 'c', pending: true, amountBaseUnits: null })
    ])
    expect(totals).toEqual({
      recipients: 3,
      totalBaseUnits: 0n,
      rowsWithErrors: 1,
      rowsWithWarnings: 1,
      blankRows: 1,
      unchecked: 1
    })
  })
})

describe('applyBlock', () => {
  it('writes a block from the focused cell and appends rows when it runs past the end', () => {
    const first = row({ address: 'old' })
    const result = applyBlock(
      [first],
      0,
      ['address', 'amount'],
      [
        ['x', '1'],
        ['y', '2'],
        ['z', '3']
      ]
    )
    expect(result.appended).toBe(2)
    expect(result.rows.map((r) => [r.address, r.amount])).toEqual([
      ['x', '1'],
      ['y', '2'],
      ['z', '3']
    ])
    expect(result.rows[0]).toBe(first)
    expect(result.touched).toHaveLength(3)
    expect(first.pending).toBe(true)
  })

  it('skips block columns mapped to no field and leaves other cells alone', () => {
    const first = row({ address: 'keep', name: 'n' })
    const result = applyBlock([first], 0, [null, 'amount'], [['ignored', '5']])
    expect(first).toMatchObject({ address: 'keep', amount: '5', name: 'n' })
    expect(result.rows).toHaveLength(1)
  })

  it('a paste that changes nothing touches no row', () => {
    const first = row({ address: 'same' })
    expect(applyBlock([first], 0, ['address'], [['same']]).touched).toEqual([])
  })
})
