// Runs in: renderer. The recipients grid's columns. Cells are plain text with classes and
// tooltips (valueFormatter, cellClassRules, tooltipValueGetter), never React components, so
// 100,000 rows scroll without mounting anything per row.
import type {
  ColDef,
  ITooltipParams,
  ValueFormatterParams,
  ValueGetterParams,
  ValueSetterParams
} from 'ag-grid-community'
import { firstIssue, issuesOf, setCell, severityOf, type GridField, type GridRow } from '../../lib/mass/gridRows'

export const ROW_NUMBER_COL = 'row'
export const STATUS_COL = 'status'

export const FIELD_LABELS: Readonly<Record<GridField, string>> = {
  address: 'Address',
  amount: 'Amount',
  name: 'Name',
  reference: 'Reference',
  note: 'Note'
}

const FIELD_WIDTHS: Readonly<Record<GridField, number>> = {
  address: 380,
  amount: 150,
  name: 180,
  reference: 150,
  note: 220
}

function fieldColumn(field: GridField): ColDef<GridRow, string> {
  const has = (p: { data?: GridRow }, severity: 'error' | 'warning'): boolean =>
    p.data !== undefined && severityOf(issuesOf(p.data, field)) === severity
  return {
    colId: field,
    field,
    headerName: FIELD_LABELS[field],
    width: FIELD_WIDTHS[field],
    editable: true,
    cellEditorParams: { maxLength: field === 'note' ? 2000 : field === 'name' ? 500 : 200 },
    valueSetter: (p: ValueSetterParams<GridRow, string>) => setCell(p.data, field, String(p.newValue ?? '')),
    cellClass: field === 'address' ? 'cell--mono' : field === 'amount' ? 'cell--amount' : undefined,
    cellClassRules: {
      'cell--error': (p) => has(p, 'error'),
      'cell--warning': (p) => has(p, 'warning')
    },
    tooltipValueGetter: (p: ITooltipParams<GridRow>) => {
      const issues = p.data === undefined ? [] : issuesOf(p.data, field)
      return issues.length === 0
        ? undefined
        : issues.map((i) => `${i.severity === 'error' ? 'Error' : 'Warning'}: ${i.message}`).join('\n')
    }
  }
}

/** The status column's text: the first problem, "Checking…" while main has not seen the edit, or OK. */
export function statusText(row: GridRow | undefined, blank: boolean): string {
  if (row === undefined) return ''
  if (blank) return 'Blank row: skipped'
  if (row.pending) return 'Checking…'
  const issue = firstIssue(row.issues)
  if (issue === null) return 'OK'
  const more = row.issues.length > 1 ? ` (+${row.issues.length - 1} more)` : ''
  return `${issue.message}${more}`
}

export function buildColumns(rowNumber: (row: GridRow) => number | null): ColDef<GridRow>[] {
  const isBlank = (row: GridRow | undefined): boolean => row !== undefined && rowNumber(row) === null
  return [
    {
      colId: ROW_NUMBER_COL,
      headerName: '#',
      width: 96,
      editable: false,
      filter: 'agNumberColumnFilter',
      valueGetter: (p: ValueGetterParams<GridRow>) => (p.data === undefined ? null : rowNumber(p.data)),
      valueFormatter: (p: ValueFormatterParams<GridRow, number | null>) =>
        p.value === null || p.value === undefined ? '–' : String(p.value),
      cellClass: 'cell--rownum',
      suppressMovable: true,
      lockPosition: 'left'
    },
    ...(['address', 'amount', 'name', 'reference', 'note'] as const).map(fieldColumn),
    {
      colId: STATUS_COL,
      headerName: 'Status',
      width: 320,
      editable: false,
      valueGetter: (p: ValueGetterParams<GridRow>) => statusText(p.data, isBlank(p.data)),
      valueFormatter: (p: ValueFormatterParams<GridRow, string>) => {
        const severity = p.data === undefined || p.data.pending ? null : severityOf(p.data.issues)
        const icon = severity === 'error' ? '✕' : severity === 'warning' ? '!' : p.data?.pending ? '…' : '✓'
        return `${icon} ${p.value ?? ''}`
      },
      cellClassRules: {
        'status--error': (p) => p.data !== undefined && !p.data.pending && severityOf(p.data.issues) === 'error',
        'status--warning': (p) => p.data !== undefined && !p.data.pending && severityOf(p.data.issues) === 'warning',
        'status--ok': (p) => p.data !== undefined && !p.data.pending && p.data.issues.length === 0 && !isBlank(p.data),
        'status--pending': (p) => p.data?.pending === true
      },
      tooltipValueGetter: (p: ITooltipParams<GridRow>) =>
        p.data === undefined || p.data.issues.length === 0
          ? undefined
          : p.data.issues.map((i) => `${i.severity === 'error' ? 'Error' : 'Warning'}: ${i.message}`).join('\n')
    }
  ]
}
