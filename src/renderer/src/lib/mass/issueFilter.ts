// Runs in: renderer. Showing only the rows with errors or with warnings (clicking a count in the
// totals bar), and stepping through them. A row counts where the totals count it: a row with an
// error is an error row even when it also has warnings.
import { isBlankRow, severityOf, type GridRow } from './gridRows'

export type IssueFilter = 'errors' | 'warnings'

export function passesIssueFilter(row: GridRow, filter: IssueFilter | null): boolean {
  if (filter === null) return true
  if (isBlankRow(row)) return false
  const severity = severityOf(row.issues)
  return filter === 'errors' ? severity === 'error' : severity === 'warning'
}

/** The row to step to from `current` (-1 when none is focused) among `count` rows, wrapping at either end. */
export function stepRow(current: number, count: number, direction: 1 | -1): number | null {
  if (count <= 0) return null
  if (current < 0 || current >= count) return direction === 1 ? 0 : count - 1
  return (current + direction + count) % count
}

/** The field to put the cursor on in a row being stepped to: the first one its worst issue names. */
export function issueField(row: GridRow, filter: IssueFilter): string | null {
  const severity = filter === 'errors' ? 'error' : 'warning'
  return row.issues.find((i) => i.severity === severity)?.field ?? null
}
