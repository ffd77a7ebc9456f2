// Runs in: renderer. The mass payout grid's rows as plain data: what a row holds, which rows are
// blank (skipped, never saved), the recipients sent to main, the totals bar's figures, and writing
// a pasted block into the rows. Money stays bigint base units from main; nothing here parses an
// amount (typed amounts are read in cellEntry.ts), so nothing here can round one.
import type { Issue, PayoutItem, RecipientInput, RegistryPreview } from '../../../../shared/api'
import { DESK_AMOUNT_CODE } from '../../../../shared/deskAmount'
import type { NumberFormat } from '../../../../shared/numberFormat'

export const GRID_FIELDS = ['address', 'amount', 'name', 'reference', 'note', 'category', 'costCenter'] as const
export type GridField = (typeof GRID_FIELDS)[number]

/** The field main names a column's issues with (`Issue.field`). */
const ISSUE_FIELDS: Readonly<Record<GridField, string>> = {
  address: 'address',
  amount: 'amount',
  name: 'name',
  reference: 'reference',
  note: 'note',
  category: 'category',
  costCenter: 'cost_center'
}

/** One recipient row in the grid. Mutable on purpose: the grid edits its row objects in place. */
export interface GridRow {
  /** Stable identity for the grid (getRowId); never shown and never saved. */
  readonly id: number
  address: string
  amount: string
  name: string
  reference: string
  note: string
  /** Account code or category, and cost center: labels for the books. */
  category: string
  costCenter: string
  /** What main found wrong, as of the last save that covered this row, with deskIssue first when there is one. */
  issues: readonly Issue[]
  /**
   * The amount typed could not be read with the desk's number format (see cellEntry.ts): the row
   * keeps the text as typed, and main is sent it with the format, so main refuses it too.
   */
  deskIssue: Issue | null
  /** The exact amount main read, or null when it could not read one. */
  amountBaseUnits: bigint | null
  /** Edited since main last checked it: its issues and amount may be out of date. */
  pending: boolean
  /** Bumped on every edit, so a save's answer about an older version is not applied to a newer one. */
  version: number
}

let lastId = 0
/** A fresh row id, unique in this page. */
export function nextRowId(): number {
  return ++lastId
}

export function emptyRow(): GridRow {
  return {
    id: nextRowId(),
    address: '',
    amount: '',
    name: '',
    reference: '',
    note: '',
    category: '',
    costCenter: '',
    issues: [],
    deskIssue: null,
    amountBaseUnits: null,
    pending: false,
    version: 0
  }
}

/** A row as main holds it, checked: its text, main's issues and the exact amount it read (null when it could not). */
export function checkedRow(
  text: Readonly<Record<GridField, string>>,
  issues: readonly Issue[],
  amountBaseUnits: string | null
): GridRow {
  return {
    id: nextRowId(),
    address: text.address,
    amount: text.amount,
    name: text.name,
    reference: text.reference,
    note: text.note,
    category: text.category,
    costCenter: text.costCenter,
    issues,
    deskIssue: deskIssueIn(issues),
    amountBaseUnits: amountBaseUnits === null ? null : BigInt(amountBaseUnits),
    pending: false,
    version: 0
  }
}

export function rowFromItem(item: PayoutItem): GridRow {
  return checkedRow(item, item.issues, item.amountBaseUnits)
}

/** A row with nothing in it pays nobody: main drops it, so the grid skips it and counts it. */
export function isBlankRow(row: Pick<GridRow, GridField>): boolean {
  return GRID_FIELDS.every((f) => row[f].trim() === '')
}

/** Main's error on an amount the desk's number format could not read, among a row's issues; null when there is none. */
export function deskIssueIn(issues: readonly Issue[]): Issue | null {
  for (const issue of issues) if (issue.code === DESK_AMOUNT_CODE) return issue
  return null
}

/**
 * What main is sent for a row: exactly what was typed, optional fields left out when empty; an
 * amount the desk could not read goes with the desk's number format (`format`), which main reads it by.
 */
export function toRecipient(row: GridRow, format: NumberFormat): RecipientInput {
  return {
    address: row.address,
    amount: row.amount,
    ...(row.deskIssue === null ? {} : { amountFormat: format }),
    ...(row.name === '' ? {} : { name: row.name }),
    ...(row.reference === '' ? {} : { reference: row.reference }),
    ...(row.note === '' ? {} : { note: row.note }),
    ...(row.category === '' ? {} : { category: row.category }),
    ...(row.costCenter === '' ? {} : { costCenter: row.costCenter })
  }
}

/** The rows main stores, in order: the non-blank ones. Their 1-based positions are main's row numbers. */
export function savedOrder(rows: readonly GridRow[]): GridRow[] {
  return rows.filter((r) => !isBlankRow(r))
}

export interface GridTotals {
  readonly recipients: number
  readonly totalBaseUnits: bigint
  readonly rowsWithErrors: number
  readonly rowsWithWarnings: number
  readonly blankRows: number
  /** Rows edited since main last checked them. */
  readonly unchecked: number
}

/** The totals bar: counted over non-blank rows; the sum adds exact base units (rows main could not read add nothing). */
export function computeTotals(rows: readonly GridRow[]): GridTotals {
  let recipients = 0
  let total = 0n
  let errors = 0
  let warnings = 0
  let blank = 0
  let unchecked = 0
  for (const row of rows) {
    if (isBlankRow(row)) {
      blank++
      continue
    }
    recipients++
    if (row.pending) unchecked++
    if (row.amountBaseUnits !== null) total += row.amountBaseUnits
    if (row.issues.some((i) => i.severity === 'error')) errors++
    else if (row.issues.length > 0) warnings++
  }
  return {
    recipients,
    totalBaseUnits: total,
    rowsWithErrors: errors,
    rowsWithWarnings: warnings,
    blankRows: blank,
    unchecked
  }
}

/** The totals of two sets of rows taken together (rows added to those counted already). */
export function addTotals(a: GridTotals, b: GridTotals): GridTotals {
  return {
    recipients: a.recipients + b.recipients,
    totalBaseUnits: a.totalBaseUnits + b.totalBaseUnits,
    rowsWithErrors: a.rowsWithErrors + b.rowsWithErrors,
    rowsWithWarnings: a.rowsWithWarnings + b.rowsWithWarnings,
    blankRows: a.blankRows + b.blankRows,
    unchecked: a.unchecked + b.unchecked
  }
}

/** Errors before warnings, each in main's order: what keeps a row from being paid is read first. */
export function errorsFirst(issues: readonly Issue[]): Issue[] {
  return [...issues.filter((i) => i.severity === 'error'), ...issues.filter((i) => i.severity !== 'error')]
}

/** The issue a row shows first: errors before warnings (errorsFirst's first, without the copy). */
export function firstIssue(issues: readonly Issue[]): Issue | null {
  return issues.find((i) => i.severity === 'error') ?? issues[0] ?? null
}

export function issuesOf(row: GridRow, field: string): readonly Issue[] {
  return row.issues.filter((i) => i.field === field)
}

/** The issues main found in one column's cell. */
export function cellIssues(row: GridRow, field: GridField): readonly Issue[] {
  return issuesOf(row, ISSUE_FIELDS[field])
}

export function severityOf(issues: readonly Issue[]): 'error' | 'warning' | null {
  if (issues.some((i) => i.severity === 'error')) return 'error'
  return issues.length > 0 ? 'warning' : null
}

/** Sets one cell as a user edit: marks the row unchecked and bumps its version. Returns whether it changed. */
export function setCell(row: GridRow, field: GridField, value: string): boolean {
  if (row[field] === value) return false
  row[field] = value
  row.pending = true
  row.version++
  return true
}

export interface PasteResult {
  /** The rows after the paste: the same array when nothing was appended. */
  readonly rows: GridRow[]
  /** Rows whose cells changed, existing and new. */
  readonly touched: GridRow[]
  readonly appended: number
}

/** Writes one typed or pasted cell into a row; returns whether it changed. */
export type CellWriter = (row: GridRow, field: GridField, value: string) => boolean

/**
 * Writes a block of cells into `rows` from row index `start`: block column j goes to `fields[j]`
 * (null skips that column), each through `write` (the grid's reads amounts with the desk's
 * format). Rows are added at the end when the block is taller than what is left.
 */
export function applyBlock(
  rows: readonly GridRow[],
  start: number,
  fields: ReadonlyArray<GridField | null>,
  block: readonly (readonly string[])[],
  write: CellWriter = setCell
): PasteResult {
  const out = [...rows]
  const touched: GridRow[] = []
  let appended = 0
  block.forEach((cells, i) => {
    const at = start + i
    let row = out[at]
    if (row === undefined) {
      row = emptyRow()
      out.push(row)
      appended++
    }
    let changed = false
    cells.forEach((value, j) => {
      const field = fields[j]
      if (field === undefined || field === null) return
      if (write(row, field, value.trim())) changed = true
    })
    if (changed) touched.push(row)
  })
  return { rows: appended === 0 ? (rows as GridRow[]) : out, touched, appended }
}

/** A row read from an imported file, with main's checks, as a grid row (still to be saved). */
export function rowFromPreview(r: RegistryPreview['rows'][number]): GridRow {
  return {
    id: nextRowId(),
    address: r.address,
    amount: r.amount,
    name: r.name,
    reference: r.reference,
    note: r.note,
    category: r.category,
    costCenter: r.costCenter,
    issues: r.issues,
    deskIssue: null,
    amountBaseUnits: r.amountBaseUnits === null ? null : BigInt(r.amountBaseUnits),
    pending: true,
    version: 1
  }
}
