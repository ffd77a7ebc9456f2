// Runs in: main (pure, no I/O) and the registry worker thread.
// The table every format is read into before columns are mapped: text cells, the row number the
// user sees for each record, and details of particular spreadsheet cells (formulas, numbers).

/**
 * Every problem found in a file's cells has a code starting with this, and no rule of validation
 * makes one: a row's issues can be told apart (the import's save keeps these, see importedRows.ts).
 */
export const CELL_PROBLEM_PREFIX = 'cell_'

export function isCellProblem(issue: { readonly code: string }): boolean {
  return issue.code.startsWith(CELL_PROBLEM_PREFIX)
}

export interface CellProblem {
  /** 'amount': a problem only when the column holds amounts (a date in a note is fine). */
  readonly appliesTo: 'amount' | 'any'
  readonly code: string
  readonly message: string
}

export interface CellDetail {
  /** 0-based column of the cell. */
  readonly column: number
  /** Numeric cells: the exact decimal of the stored value, read instead of the shown text for amounts. */
  readonly exact?: string
  readonly problem?: CellProblem
}

export interface RawTable {
  readonly records: string[][]
  /** Row number per record as the user sees it; absent when it is simply index + 1 (text files). */
  readonly sourceRows?: number[]
  /** Cell details by record index; only spreadsheets have them. */
  readonly details?: ReadonlyMap<number, CellDetail[]>
  /** Indexes of the records whose rows are hidden in the workbook (hidden, or filtered out by a filter). */
  readonly hiddenRows?: ReadonlySet<number>
  /** Indexes of the columns hidden in the workbook. */
  readonly hiddenColumns?: ReadonlySet<number>
}

/** A record with something in it: a row of only blank cells is no row. */
export function isFilled(record: readonly string[]): boolean {
  return record.some((c) => c.trim() !== '')
}

export function sourceRowOf(table: RawTable, index: number): number {
  return table.sourceRows === undefined ? index + 1 : table.sourceRows[index]!
}
