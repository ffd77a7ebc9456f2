// Runs in: Vitest (Node). The narrow status column: a mark and a few words, the full messages on hover.
import { describe, expect, it } from 'vitest'
import type { Issue } from '../../../../shared/api'
import { enterCell } from './cellEntry'
import { emptyRow, type GridRow } from './gridRows'
import { issuesTooltip, rowState, shortIssueLabel, statusLabel } from './issueLabel'

const CHECKSUM: Issue = { field: 'address', severity: 'error', code: 'address_bad_checksum', message: 'Row 2: long' }
const DUPLICATE: Issue = { field: 'address', severity: 'warning', code: 'address_duplicate', message: 'Row 2: twice' }

function row(issues: Issue[], pending = false): GridRow {
  return { ...emptyRow(), name: 'x', issues, pending }
}

describe('the status column', () => {
  it('names the first problem, errors before warnings, and how many more there are', () => {
    expect(statusLabel(row([DUPLICATE, CHECKSUM]), false)).toBe('✕ Bad checksum +1')
    expect(statusLabel(row([DUPLICATE]), false)).toBe('! Duplicate address')
  })

  it('says OK, Checking or Blank when there is nothing to name', () => {
    expect(statusLabel(row([]), false)).toBe('✓ OK')
    expect(statusLabel(row([], true), false)).toBe('… Checking')
    expect(statusLabel(row([]), true)).toBe('– Blank')
  })

  it('shows an amount the desk format refused as an error at once, before main answers', () => {
    const r = emptyRow()
    enterCell(r, 'amount', '1,5', 'dot-decimal')
    expect(r.pending).toBe(true)
    expect(rowState(r, false)).toBe('error')
    expect(statusLabel(r, false)).toBe('✕ Number format')
  })

  it('names a row hidden in the workbook, which is a problem of the whole row', () => {
    const hidden: Issue = { field: 'row', severity: 'error', code: 'cell_row_hidden', message: 'Row 2: hidden' }
    expect(statusLabel(row([DUPLICATE, hidden]), false)).toBe('✕ Hidden row +1')
  })

  it('names an unknown problem by its field and severity', () => {
    expect(shortIssueLabel({ field: 'note', severity: 'warning', code: 'something_new', message: 'm' })).toBe(
      'Note warning'
    )
  })

  it('puts every message in the tooltip, one a line, without the row number the tooltip is already on', () => {
    expect(issuesTooltip([CHECKSUM, DUPLICATE])).toBe('Error: long\nWarning: twice')
    // What keeps the row from being paid comes first, whatever order main found them in.
    expect(issuesTooltip([DUPLICATE, CHECKSUM])).toBe('Error: long\nWarning: twice')
    expect(issuesTooltip([])).toBeUndefined()
  })
})
