// Runs in: Vitest (Node). Filtering the grid to the rows the totals bar counts as errors or
// warnings, and stepping through them.
import { describe, expect, it } from 'vitest'
import type { Issue } from '../../../../shared/api'
import { emptyRow, type GridRow } from './gridRows'
import { issueField, passesIssueFilter, stepRow } from './issueFilter'

const ERROR: Issue = { field: 'amount', severity: 'error', code: 'amount_zero', message: 'zero' }
const WARNING: Issue = { field: 'address', severity: 'warning', code: 'address_duplicate', message: 'twice' }

function row(issues: Issue[], name = 'x'): GridRow {
  return { ...emptyRow(), name, issues }
}

describe('the issue filter', () => {
  it('shows error rows for errors, and rows whose worst issue is a warning for warnings, as the totals count them', () => {
    const both = row([WARNING, ERROR])
    const warned = row([WARNING])
    const fine = row([])
    expect([both, warned, fine].map((r) => passesIssueFilter(r, 'errors'))).toEqual([true, false, false])
    expect([both, warned, fine].map((r) => passesIssueFilter(r, 'warnings'))).toEqual([false, true, false])
    expect(passesIssueFilter(fine, null)).toBe(true)
    expect(passesIssueFilter(row([WARNING], ''), 'warnings')).toBe(false)
  })

  it('steps forward and back, wrapping at either end, starting from the first or last row', () => {
    expect(stepRow(-1, 3, 1)).toBe(0)
    expect(stepRow(-1, 3, -1)).toBe(2)
    expect(stepRow(0, 3, 1)).toBe(1)
    expect(stepRow(2, 3, 1)).toBe(0)
    expect(stepRow(0, 3, -1)).toBe(2)
    expect(stepRow(0, 0, 1)).toBeNull()
  })

  it('puts the cursor on the field of the first issue of the filtered kind', () => {
    expect(issueField(row([WARNING, ERROR]), 'errors')).toBe('amount')
    expect(issueField(row([WARNING, ERROR]), 'warnings')).toBe('address')
    expect(issueField(row([]), 'warnings')).toBeNull()
  })
})
