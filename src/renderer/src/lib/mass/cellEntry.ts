// Runs in: renderer. What the user types or pastes into a grid cell, as the row keeps it. An amount
// is read with the desk's number format and kept in the canonical form main is sent; an amount the
// format cannot read is kept exactly as typed with an error on the row (deskIssue) at once, and is
// sent with the format, so main refuses it by the same rules and the refusal outlives a restart.
import type { Issue } from '../../../../shared/api'
import type { NumberFormat } from '../../../../shared/numberFormat'
import { amountToSend, deskAmountIssue, editableAmount } from '../deskAmount'
import { setCell, type GridField, type GridRow } from './gridRows'

/** Writes a typed or pasted value into a row's cell; returns whether the row changed. */
export function enterCell(row: GridRow, field: GridField, value: string, format: NumberFormat): boolean {
  if (field !== 'amount') return setCell(row, field, value)
  const issue = deskAmountIssue(value, format)
  const changed = setCell(row, 'amount', amountToSend(value, format))
  if (!changed && sameIssue(row.deskIssue, issue)) return false
  setDeskIssue(row, issue)
  return true
}

/** The value a cell's editor starts from and a copy holds: amounts as their exact value in the desk's marks. */
export function cellText(row: GridRow, field: GridField, format: NumberFormat): string {
  return field === 'amount' ? editableAmount(row.amount, format) : row[field]
}

/** Copies one cell from a row to another as it is (text and any desk error), without reading it again. */
export function copyCell(from: GridRow, to: GridRow, field: GridField): boolean {
  const changed = setCell(to, field, from[field])
  if (field === 'amount' && (changed || !sameIssue(to.deskIssue, from.deskIssue))) {
    setDeskIssue(to, from.deskIssue)
    return true
  }
  return changed
}

/** Empties a cell, and its desk error with it. */
export function clearCell(row: GridRow, field: GridField): boolean {
  const changed = setCell(row, field, '')
  if (field === 'amount' && row.deskIssue !== null) {
    setDeskIssue(row, null)
    return true
  }
  return changed
}

/** Main's answer for a row, with the row's desk error kept first (main's own amount findings about that text left out). */
export function withDeskIssue(mainIssues: readonly Issue[], deskIssue: Issue | null): readonly Issue[] {
  if (deskIssue === null) return mainIssues
  return [deskIssue, ...mainIssues.filter((i) => i.field !== 'amount')]
}

function setDeskIssue(row: GridRow, issue: Issue | null): void {
  const others = row.deskIssue === null ? row.issues : row.issues.filter((i) => i !== row.deskIssue)
  row.deskIssue = issue
  row.issues = withDeskIssue(others, issue)
}

function sameIssue(a: Issue | null, b: Issue | null): boolean {
  return a === b || (a !== null && b !== null && a.message === b.message)
}
