// Runs in: renderer. The grid's keyboard and clipboard: paste a block from a spreadsheet, copy the
// selected range as TSV, fill down and clear a range, undo and redo, and Tab, Tab, Enter back to the
// column where typing started. The community grid has none of these; each is a small pure rule
// (lib/mass) applied here to the grid's rows through the same edit path as typing.
import type { GridApi } from 'ag-grid-community'
import { useRef, type ClipboardEvent, type KeyboardEvent, type RefObject } from 'react'
import type { NumberFormat } from '../../../../shared/numberFormat'
import { copyText } from '../../lib/clipboard'
import { cellText, enterCell } from '../../lib/mass/cellEntry'
import { afterTab, enterTarget, type EntryTrail } from '../../lib/mass/entryReturn'
import { keyCommand } from '../../lib/mass/gridKeys'
import { applyBlock, GRID_FIELDS, type GridField, type GridRow } from '../../lib/mass/gridRows'
import { statusLabel } from '../../lib/mass/issueLabel'
import { clearRange, fillDown } from '../../lib/mass/rangeEdits'
import { detectHeader, fieldsFrom, parseTsv, paymentList, toTsv } from '../../lib/mass/tsv'
import type { DraftController } from './draftController'
import { ROW_NUMBER_COL } from './gridColumns'
import type { RangeSelection } from './useCellRange'
import type { StructuralUndo } from './useStructuralUndo'

const EDITABLE = new Set<string>(GRID_FIELDS)

export interface GridInputDeps {
  readonly api: RefObject<GridApi<GridRow> | null>
  readonly controller: DraftController
  readonly selection: RangeSelection
  readonly undo: StructuralUndo
  readonly format: RefObject<NumberFormat>
  /** Edits many cells as one undoable step; `change` returns the rows it changed. */
  editCells(change: () => readonly GridRow[]): void
  /** Puts back rows from the undo history. */
  restoreRows(rows: GridRow[] | null, cause: 'undo' | 'redo'): void
  /** The focused row's index in the controller's rows, or -1. */
  focusedIndex(): number
  /** A paste may add rows: any issue filter is lifted first so they are in view. */
  endFilter(): void
}

export interface GridInput {
  onPaste(e: ClipboardEvent<HTMLDivElement>): void
  onKeyDownCapture(e: KeyboardEvent<HTMLDivElement>): void
  /** A click elsewhere forgets where the typing started. */
  forgetTrail(): void
}

export function useGridInput(deps: GridInputDeps): GridInput {
  const { api, controller, selection, undo, format, editCells, restoreRows, focusedIndex, endFilter } = deps
  const trail = useRef<EntryTrail>(null)

  const onPaste = (e: ClipboardEvent<HTMLDivElement>): void => {
    const grid = api.current
    const text = e.clipboardData.getData('text/plain')
    if (grid === null || text === '') return
    if (controller.loading) {
      e.preventDefault() // a paste may add rows, and rows still loading belong before them
      return
    }
    const editing = grid.getEditingCells().length > 0
    // Typing into one cell keeps the browser's own paste, unless a block of cells was copied.
    if (editing && !/[\t\n\r]/.test(text.replace(/[\r\n]+$/, ''))) return
    e.preventDefault()
    if (editing) grid.stopEditing(true)
    let block = parseTsv(text)
    if (block.length === 0) return
    const cell = grid.getFocusedCell()
    const startField: GridField =
      cell !== null && EDITABLE.has(cell.column.getColId()) ? (cell.column.getColId() as GridField) : 'address'
    const header = detectHeader(block[0]!)
    const list = paymentList(block)
    let fields: ReadonlyArray<GridField | null>
    if (list !== null) {
      // An address-and-amount list lands in those two columns wherever the cursor is.
      fields = ['address', 'amount']
      block = list
    } else if (header !== null) {
      fields = header
      block = block.slice(1)
    } else {
      const shown = grid
        .getAllDisplayedColumns()
        .map((c) => c.getColId())
        .filter((id): id is GridField => EDITABLE.has(id))
      fields = fieldsFrom(startField, shown)
    }
    const at = focusedIndex()
    const start = at < 0 ? controller.rows.length : at
    endFilter()
    let last: GridRow | undefined
    editCells(() => {
      const result = applyBlock(controller.rows, start, fields, block, (row, field, value) =>
        enterCell(row, field, value, format.current)
      )
      if (result.appended > 0) {
        controller.rows = result.rows
        grid.setGridOption('rowData', result.rows)
      }
      last = result.rows[start + block.length - 1]
      return result.touched
    })
    // The pasted rows end in view, with the cursor where they started.
    const lastIndex = last === undefined ? undefined : grid.getRowNode(String(last.id))?.rowIndex
    if (lastIndex !== null && lastIndex !== undefined) grid.ensureIndexVisible(lastIndex)
  }

  /** A cell's text for a copy: what its editor holds, or what the status and number columns show. */
  const copyCellText = (row: GridRow, colId: string): string => {
    if (EDITABLE.has(colId)) return cellText(row, colId as GridField, format.current)
    if (colId === ROW_NUMBER_COL) return String(controller.rowNumber(row) ?? '')
    return statusLabel(row, controller.rowNumber(row) === null)
  }

  const copySelection = (): void => {
    const chosen = selection.selected()
    if (chosen === null) return
    void copyText(toTsv(chosen.rows.map((row) => chosen.colIds.map((colId) => copyCellText(row, colId)))))
  }

  const editSelection = (edit: (rows: readonly GridRow[], fields: GridField[]) => GridRow[]): void => {
    const chosen = selection.selected()
    if (chosen === null || controller.loading) return
    const fields = chosen.colIds.filter((id): id is GridField => EDITABLE.has(id))
    let rows = chosen.rows
    // Ctrl+D on one cell fills it from the cell above, as spreadsheets do.
    if (edit === fillDown && rows.length === 1) {
      const above = api.current?.getDisplayedRowAtIndex(chosen.range.anchor.row - 1)?.data
      if (above !== undefined) rows = [above, ...rows]
    }
    if (fields.length > 0) editCells(() => edit(rows, fields))
  }

  /** Tab, Tab, Enter: back to the column where the typing started, on the next row. */
  const followTrail = (e: KeyboardEvent<HTMLDivElement>, grid: GridApi<GridRow>): boolean => {
    const cell = grid.getFocusedCell()
    const editing = grid.getEditingCells().length > 0
    if (cell === null || e.ctrlKey || e.metaKey || e.altKey) return false
    const at = { row: cell.rowIndex, col: cell.column.getColId() }
    if (e.key === 'Tab' && !e.shiftKey) trail.current = afterTab(trail.current, at)
    if (e.key !== 'Enter' || e.shiftKey || !editing) return false
    const target = enterTarget(trail.current, at, grid.getDisplayedRowCount() - 1)
    trail.current = null
    if (target === null) return false
    grid.stopEditing()
    grid.ensureIndexVisible(target.row)
    grid.ensureColumnVisible(target.col)
    grid.setFocusedCell(target.row, target.col)
    return true
  }

  const onKeyDownCapture = (e: KeyboardEvent<HTMLDivElement>): void => {
    const grid = api.current
    if (grid === null) return
    const editing = grid.getEditingCells().length > 0
    const handled = (): void => {
      e.preventDefault()
      e.stopPropagation()
    }
    if (followTrail(e, grid)) return handled()
    if (e.key.startsWith('Arrow') && !editing) trail.current = null
    if (!editing && selection.onKey(e)) return handled()
    switch (keyCommand(e, editing, selection.isRange())) {
      case 'copy':
        handled()
        return copySelection()
      case 'fillDown':
        handled()
        return editSelection(fillDown)
      case 'clearRange':
        handled()
        return editSelection(clearRange)
      case 'undo':
        // AG Grid handles its cell history itself; ours takes over when that history is empty.
        if (grid.getCurrentUndoSize() === 0 && undo.canUndo()) {
          handled()
          restoreRows(undo.undo(controller.rows), 'undo')
        }
        return
      case 'redo':
        if (grid.getCurrentRedoSize() === 0 && undo.canRedo()) {
          handled()
          restoreRows(undo.redo(controller.rows), 'redo')
        }
        return
      case null:
        return
    }
  }

  return {
    onPaste,
    onKeyDownCapture,
    forgetTrail() {
      trail.current = null
    }
  }
}
