// Runs in: renderer. Everything wrong with the focused row, in words, beside the grid: the grid's
// cells only have room for a mark and the first message.
import type { NumberFormat } from '../../../../shared/numberFormat'
import { formatDeskBaseUnits } from '../../lib/deskAmount'
import { errorsFirst, type GridRow } from '../../lib/mass/gridRows'
import { IssueList } from '../../components/IssueList'
import { atRow } from '../../../../shared/rowPrefix'
import { FIELD_LABELS } from './gridColumns'

/** The focused row as main last answered for it: a copy, so the panel changes when the answer does. */
export interface FocusedRowView {
  readonly amountBaseUnits: GridRow['amountBaseUnits']
  readonly pending: boolean
  readonly issues: GridRow['issues']
  /** Row number as main numbers it, or null for a blank row. */
  readonly rowNumber: number | null
}

export function focusedRowView(row: GridRow, rowNumber: number | null): FocusedRowView {
  return { amountBaseUnits: row.amountBaseUnits, pending: row.pending, issues: row.issues, rowNumber }
}

interface Props {
  readonly row: FocusedRowView | null
  readonly decimals: number
  readonly symbol: string
  readonly deskFormat: NumberFormat
}

const label = (field: string): string =>
  field in FIELD_LABELS
    ? FIELD_LABELS[field as keyof typeof FIELD_LABELS]
    : field.charAt(0).toUpperCase() + field.slice(1)

/** A message at its row, led by its field's name unless it already begins with it ("Amount 1,5 cannot…"). */
export function labelled(field: string, message: string): string {
  const name = label(field)
  const text = atRow(message)
  return text.toLowerCase().startsWith(`${name.toLowerCase()} `) ? text : `${name}: ${text}`
}

export function RowIssuesPanel({ row, decimals, symbol, deskFormat }: Props) {
  if (row === null) {
    return (
      <aside className="row-panel" aria-live="polite" data-testid="row-panel">
        <p className="muted">Select a cell to see that row&apos;s checks here.</p>
      </aside>
    )
  }
  const exact = row.amountBaseUnits === null ? null : formatDeskBaseUnits(row.amountBaseUnits, decimals, deskFormat)
  return (
    <aside className="row-panel" aria-live="polite" data-testid="row-panel">
      <h3 className="row-panel__title">{row.rowNumber === null ? 'Blank row (skipped)' : `Row ${row.rowNumber}`}</h3>
      {row.pending ? <p className="muted">Checking…</p> : null}
      {exact !== null && !row.pending ? (
        <p className="row-panel__exact" data-testid="row-panel-exact">
          {/* The amount and its unit stay on one line however narrow the panel is. */}
          Sends exactly <span className="nowrap">{`${exact}\u00a0${symbol}`}</span>
        </p>
      ) : null}
      {row.issues.length === 0 ? (
        row.rowNumber === null || row.pending ? null : (
          <p className="text-ok">No problems found.</p>
        )
      ) : (
        <IssueList
          id="row-panel-issues"
          testId="row-panel-issues"
          issues={errorsFirst(row.issues).map((i) => ({ ...i, message: labelled(i.field, i.message) }))}
        />
      )}
    </aside>
  )
}
