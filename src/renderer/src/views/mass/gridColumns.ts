// Runs in: renderer. The recipients grid's columns. Cells are plain text with classes and
// tooltips (valueFormatter, cellClassRules, tooltipValueGetter), never React components, so
// 100,000 rows scroll without mounting anything per row. The row number and a narrow status column
// are pinned left, so a row's problem is visible however far the grid is scrolled sideways.
import type {
  CellClassParams,
  ColDef,
  IRowNode,
  ITooltipParams,
  ValueFormatterParams,
  ValueGetterParams,
  ValueSetterParams
} from 'ag-grid-community'
import type { NumberFormat } from '../../../../shared/numberFormat'
import { compareAmountText, displayAmount } from '../../lib/deskAmount'
import { cellText, enterCell } from '../../lib/mass/cellEntry'
import { cellIssues, GRID_FIELDS, severityOf, type GridField, type GridRow } from '../../lib/mass/gridRows'
import { issuesTooltip, rowState, statusLabel } from '../../lib/mass/issueLabel'
import { GridTextEditor, type GridTextEditorParams } from './gridTextEditor'

export const ROW_NUMBER_COL = 'row'
export const STATUS_COL = 'status'
/** The class of cells inside a selected range of more than one cell. */
export const RANGE_CLASS = 'cell--in-range'

export const FIELD_LABELS: Readonly<Record<GridField, string>> = {
  address: 'Address',
  amount: 'Amount',
  name: 'Name',
  reference: 'Reference',
  note: 'Note',
  category: 'Category',
  costCenter: 'Cost center'
}

const FIELD_WIDTHS: Readonly<Record<GridField, number>> = {
  address: 340,
  amount: 130,
  name: 180,
  reference: 150,
  note: 220,
  category: 170,
  costCenter: 150
}

const MAX_LENGTH: Readonly<Record<GridField, number>> = {
  address: 200,
  amount: 200,
  name: 500,
  reference: 200,
  note: 2000,
  category: 200,
  costCenter: 200
}

/** What the columns read from the editor around them; getters, so the columns are built once. */
export interface ColumnContext {
  /** Row number as main numbers it, or null for a blank row. */
  rowNumber(row: GridRow): number | null
  deskFormat(): NumberFormat
  /** The asset's decimals (amounts are shown to them). */
  decimals(): number
  /** Whether the displayed cell is inside the selected range (of more than one cell). */
  inRange(rowIndex: number | null, colId: string): boolean
}

function rangeRule(ctx: ColumnContext, colId: string) {
  return (p: CellClassParams<GridRow>) => ctx.inRange(p.node.rowIndex, colId)
}

function fieldColumn(field: GridField, ctx: ColumnContext): ColDef<GridRow, string> {
  const has = (p: { data?: GridRow }, severity: 'error' | 'warning'): boolean =>
    p.data !== undefined && severityOf(cellIssues(p.data, field)) === severity
  const amount = field === 'amount'
  return {
    colId: field,
    headerName: FIELD_LABELS[field],
    width: FIELD_WIDTHS[field],
    editable: true,
    cellEditor: GridTextEditor,
    cellEditorParams: { maxLength: MAX_LENGTH[field] } satisfies GridTextEditorParams,
    // The editor and a copy hold the exact text (an amount's exact value in the desk's marks) ...
    valueGetter: (p: ValueGetterParams<GridRow, string>) =>
      p.data === undefined ? '' : cellText(p.data, field, ctx.deskFormat()),
    // ... while an amount is shown grouped to the asset's decimals.
    ...(amount
      ? {
          valueFormatter: (p: ValueFormatterParams<GridRow, string>) =>
            p.data === undefined ? '' : displayAmount(p.data.amount, ctx.decimals(), ctx.deskFormat()),
          comparator: (_a: unknown, _b: unknown, x: IRowNode<GridRow>, y: IRowNode<GridRow>) =>
            compareAmountText(x.data?.amount ?? '', y.data?.amount ?? '')
        }
      : {}),
    valueSetter: (p: ValueSetterParams<GridRow, string>) => {
      const typed = String(p.newValue ?? '')
      // Leaving the editor without a change is not an edit, even when the stored text is written differently.
      if (typed === cellText(p.data, field, ctx.deskFormat())) return false
      return enterCell(p.data, field, typed, ctx.deskFormat())
    },
    cellClass: field === 'address' ? 'cell--mono' : amount ? 'cell--amount' : undefined,
    cellClassRules: {
      'cell--error': (p) => has(p, 'error'),
      'cell--warning': (p) => has(p, 'warning'),
      [RANGE_CLASS]: rangeRule(ctx, field)
    },
    tooltipValueGetter: (p: ITooltipParams<GridRow>) =>
      p.data === undefined ? undefined : issuesTooltip(cellIssues(p.data, field))
  }
}

/** Wide enough for a 1,000,000-row payout's numbers (seven digits) beside the cell's narrowed padding (mass.css). */
const ROW_NUMBER_WIDTH = 74

export function buildColumns(ctx: ColumnContext): ColDef<GridRow>[] {
  const isBlank = (row: GridRow | undefined): boolean => row !== undefined && ctx.rowNumber(row) === null
  const state = (p: { data?: GridRow }) => (p.data === undefined ? null : rowState(p.data, isBlank(p.data)))
  return [
    {
      colId: ROW_NUMBER_COL,
      headerName: '#',
      width: ROW_NUMBER_WIDTH,
      editable: false,
      pinned: 'left',
      lockPinned: true,
      filter: 'agNumberColumnFilter',
      valueGetter: (p: ValueGetterParams<GridRow>) => (p.data === undefined ? null : ctx.rowNumber(p.data)),
      valueFormatter: (p: ValueFormatterParams<GridRow, number | null>) =>
        p.value === null || p.value === undefined ? '–' : String(p.value),
      cellClass: 'cell--rownum',
      cellClassRules: { [RANGE_CLASS]: rangeRule(ctx, ROW_NUMBER_COL) },
      suppressMovable: true,
      lockPosition: 'left'
    },
    {
      colId: STATUS_COL,
      headerName: 'Status',
      headerTooltip: 'What is wrong with the row; hover for the full message',
      width: 176,
      editable: false,
      pinned: 'left',
      lockPinned: true,
      suppressMovable: true,
      lockPosition: 'left',
      valueGetter: (p: ValueGetterParams<GridRow>) =>
        p.data === undefined ? '' : statusLabel(p.data, isBlank(p.data)),
      cellClassRules: {
        'status--error': (p) => state(p) === 'error',
        'status--warning': (p) => state(p) === 'warning',
        'status--ok': (p) => state(p) === 'ok',
        'status--pending': (p) => state(p) === 'pending' || state(p) === 'blank',
        [RANGE_CLASS]: rangeRule(ctx, STATUS_COL)
      },
      cellClass: 'cell--status',
      tooltipValueGetter: (p: ITooltipParams<GridRow>) =>
        p.data === undefined ? undefined : issuesTooltip(p.data.issues)
    },
    ...GRID_FIELDS.map((f) => fieldColumn(f, ctx))
  ]
}
