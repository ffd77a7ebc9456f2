// Runs in: renderer. Edits of a selected range of the grid as pure functions on its rows: fill down
// (the top row's cells copied into the rows below, Ctrl+D) and clear (Delete). Both work on the
// rows in display order and the editable fields of the range, and return the rows they changed.
import { clearCell, copyCell } from './cellEntry'
import type { GridField, GridRow } from './gridRows'

/** Copies the first row's cells in `fields` into every other row; returns the rows that changed. */
export function fillDown(rows: readonly GridRow[], fields: readonly GridField[]): GridRow[] {
  const [top, ...below] = rows
  if (top === undefined) return []
  const touched: GridRow[] = []
  for (const row of below) {
    let changed = false
    for (const field of fields) if (copyCell(top, row, field)) changed = true
    if (changed) touched.push(row)
  }
  return touched
}

/** Empties `fields` in every row; returns the rows that changed. */
export function clearRange(rows: readonly GridRow[], fields: readonly GridField[]): GridRow[] {
  const touched: GridRow[] = []
  for (const row of rows) {
    let changed = false
    for (const field of fields) if (clearCell(row, field)) changed = true
    if (changed) touched.push(row)
  }
  return touched
}
