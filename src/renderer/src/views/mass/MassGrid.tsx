// Runs in: renderer. The recipients grid of a mass payout draft (AG Grid community): edit in
// place, paste blocks from spreadsheets, insert/delete/duplicate rows, undo/redo, sort, filter,
// remembered column layout. Every change goes to the draft controller, which autosaves it.
import type {
  CellFocusedEvent,
  CellValueChangedEvent,
  ColumnState,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
  IRowNode
} from 'ag-grid-community'
import { AgGridReact } from 'ag-grid-react'
import {
  useCallback,
  useImperativeHandle,
  useMemo,
  useRef,
  type ClipboardEvent,
  type KeyboardEvent,
  type Ref
} from 'react'
import { loadColumnPrefs, saveColumnPrefs } from '../../lib/mass/columnPrefs'
import { applyBlock, GRID_FIELDS, isBlankRow, type GridField, type GridRow } from '../../lib/mass/gridRows'
import { deleteRows, duplicateRows, insertRows } from '../../lib/mass/rowOps'
import { detectHeader, fieldsFrom, parseTsv } from '../../lib/mass/tsv'
import type { DraftController } from './draftController'
import { buildColumns, ROW_NUMBER_COL } from './gridColumns'
import { gridTheme, registerGridModules } from './gridSetup'
import { useStructuralUndo } from './useStructuralUndo'

registerGridModules()

export interface MassGridHandle {
  addRow(): void
  insert(where: 'above' | 'below'): void
  duplicate(): void
  deleteSelected(): void
  undo(): void
  redo(): void
  /** Replaces (or extends) the rows, e.g. after an import. */
  setRows(rows: GridRow[]): void
  setColumnVisible(colId: string, visible: boolean): void
  hiddenColumns(): string[]
  resetLayout(): void
  /** Repaints rows whose checks main has just answered. */
  refreshRows(rows: readonly GridRow[]): void
  /** Rows main sent after the first page: added at the end. */
  appendLoaded(rows: readonly GridRow[]): void
}

interface Props {
  readonly ref?: Ref<MassGridHandle>
  readonly controller: DraftController
  /** Something about the rows changed (edits, structure, main's checks): totals and panels recompute. */
  readonly onRowsChanged: () => void
  readonly onFocusRow: (row: GridRow | null) => void
  /** The first rows are on screen (a large payout reads its other rows after this). */
  readonly onFirstRendered?: () => void
}

const getRowId = (p: GetRowIdParams<GridRow>): string => String(p.data.id)
const EDITABLE = new Set<string>(GRID_FIELDS)
// Stable objects: a new one on every render would make the grid re-apply its columns.
const DEFAULT_COL_DEF = { sortable: true, filter: true, resizable: true }
const ROW_SELECTION = { mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false } as const

export function MassGrid({ ref, controller, onRowsChanged, onFocusRow, onFirstRendered }: Props) {
  const api = useRef<GridApi<GridRow> | null>(null)
  const undo = useStructuralUndo()
  // The grid owns its rows after the first render: later changes go through setGridOption, so a
  // re-render never hands it the whole list again.
  const initialRows = useRef(controller.rows).current
  const columns = useMemo(() => buildColumns((row) => controller.rowNumber(row)), [controller])

  const persistLayout = useCallback(() => {
    const grid = api.current
    if (grid === null) return
    saveColumnPrefs(
      window.localStorage,
      controller.id,
      grid
        .getColumnState()
        .map((c: ColumnState) => ({ colId: c.colId, width: c.width ?? undefined, hide: c.hide === true }))
    )
  }, [controller])

  /** Sets new rows in the grid and the controller (a structural change), keeping the record for undo. */
  const replaceRows = useCallback(
    (next: GridRow[], record = true) => {
      if (controller.loading) return // the rest of the rows are on their way: their place is not known yet
      if (record) undo.record(controller.rows)
      controller.replaceRows(next)
      api.current?.setGridOption('rowData', next)
      api.current?.refreshCells({ columns: [ROW_NUMBER_COL], force: true })
      onRowsChanged()
    },
    [controller, undo, onRowsChanged]
  )

  /** The focused row's index in the controller's rows (model order), or -1. */
  const focusedIndex = (): number => {
    const grid = api.current
    const cell = grid?.getFocusedCell()
    if (grid === undefined || grid === null || cell === null || cell === undefined) return -1
    const node = grid.getDisplayedRowAtIndex(cell.rowIndex)
    return node?.data === undefined ? -1 : controller.rows.indexOf(node.data)
  }

  const chosenRows = (): Set<GridRow> => {
    const selected = api.current?.getSelectedRows() ?? []
    if (selected.length > 0) return new Set(selected)
    const at = focusedIndex()
    const row = controller.rows[at]
    return row === undefined ? new Set() : new Set([row])
  }

  const restoreRows = (rows: GridRow[] | null): void => {
    if (rows === null) return
    for (const r of rows) r.pending = !isBlankRow(r)
    replaceRows(rows, false)
  }

  useImperativeHandle(ref, () => ({
    addRow() {
      const next = insertRows(controller.rows, controller.rows.length)
      replaceRows(next)
      const grid = api.current
      if (grid !== null) {
        grid.ensureIndexVisible(next.length - 1)
        const node = grid.getRowNode(String(next[next.length - 1]!.id))
        if (node?.rowIndex !== null && node?.rowIndex !== undefined) grid.setFocusedCell(node.rowIndex, 'address')
      }
    },
    insert(where) {
      const at = focusedIndex()
      const index = at < 0 ? (where === 'above' ? 0 : controller.rows.length) : where === 'above' ? at : at + 1
      replaceRows(insertRows(controller.rows, index))
    },
    duplicate() {
      const chosen = chosenRows()
      if (chosen.size > 0) replaceRows(duplicateRows(controller.rows, chosen))
    },
    deleteSelected() {
      const chosen = chosenRows()
      if (chosen.size > 0) replaceRows(deleteRows(controller.rows, chosen))
    },
    undo() {
      const grid = api.current
      if (grid !== null && grid.getCurrentUndoSize() > 0) grid.undoCellEditing()
      else restoreRows(undo.undo(controller.rows))
    },
    redo() {
      const grid = api.current
      if (grid !== null && grid.getCurrentRedoSize() > 0) grid.redoCellEditing()
      else restoreRows(undo.redo(controller.rows))
    },
    setRows(rows) {
      replaceRows(rows)
    },
    setColumnVisible(colId, visible) {
      api.current?.setColumnsVisible([colId], visible)
      persistLayout()
    },
    hiddenColumns() {
      return (api.current?.getColumnState() ?? []).filter((c) => c.hide === true).map((c) => c.colId)
    },
    refreshRows(rows) {
      const grid = api.current
      if (grid === null) return
      // Only rendered cells repaint either way; past a screenful, naming nodes costs more than it saves.
      if (rows.length > 200) {
        grid.refreshCells({ force: true })
        return
      }
      const nodes = rows
        .map((r) => grid.getRowNode(String(r.id)))
        .filter((n): n is IRowNode<GridRow> => n !== undefined)
      grid.refreshCells({ rowNodes: nodes, force: true })
    },
    appendLoaded(rows) {
      api.current?.applyTransaction({ add: [...rows] })
      onRowsChanged()
    },
    resetLayout() {
      api.current?.resetColumnState()
      persistLayout()
    }
  }))

  const onGridReady = (e: GridReadyEvent<GridRow>): void => {
    api.current = e.api
    const prefs = loadColumnPrefs(window.localStorage, controller.id)
    if (prefs !== null)
      e.api.applyColumnState({
        state: prefs.map((p) => ({ colId: p.colId, width: p.width, hide: p.hide === true })),
        applyOrder: true
      })
  }

  const onCellValueChanged = (e: CellValueChangedEvent<GridRow>): void => {
    if (e.data === undefined) return
    if (e.source !== 'undo' && e.source !== 'redo') undo.cellEdited()
    controller.edited([e.data])
    // The row may have become (non-)blank: row numbers below it and its status change.
    e.api.refreshCells({ columns: [ROW_NUMBER_COL], force: true })
    e.api.refreshCells({ rowNodes: [e.node as IRowNode<GridRow>], force: true })
    onRowsChanged()
  }

  const onCellFocused = (e: CellFocusedEvent<GridRow>): void => {
    const node = e.rowIndex === null ? undefined : e.api.getDisplayedRowAtIndex(e.rowIndex)
    onFocusRow(node?.data ?? null)
  }

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
    let fields: ReadonlyArray<GridField | null>
    if (header !== null) {
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
    undo.record(controller.rows)
    const result = applyBlock(controller.rows, start, fields, block)
    if (result.appended > 0) {
      controller.rows = result.rows
      grid.setGridOption('rowData', result.rows)
    }
    controller.edited(result.touched)
    grid.refreshCells({ force: true })
    onRowsChanged()
  }

  const onKeyDownCapture = (e: KeyboardEvent<HTMLDivElement>): void => {
    const grid = api.current
    if (grid === null || !(e.ctrlKey || e.metaKey) || grid.getEditingCells().length > 0) return
    const key = e.key.toLowerCase()
    const isUndo = key === 'z' && !e.shiftKey
    const isRedo = key === 'y' || (key === 'z' && e.shiftKey)
    // AG Grid handles its cell history itself; ours takes over when that history is empty.
    if (isUndo && grid.getCurrentUndoSize() === 0 && undo.canUndo()) {
      e.preventDefault()
      e.stopPropagation()
      restoreRows(undo.undo(controller.rows))
    } else if (isRedo && grid.getCurrentRedoSize() === 0 && undo.canRedo()) {
      e.preventDefault()
      e.stopPropagation()
      restoreRows(undo.redo(controller.rows))
    }
  }

  return (
    <div className="mass-grid" data-testid="mass-grid" onPaste={onPaste} onKeyDownCapture={onKeyDownCapture}>
      <AgGridReact<GridRow>
        theme={gridTheme}
        rowData={initialRows}
        columnDefs={columns}
        defaultColDef={DEFAULT_COL_DEF}
        getRowId={getRowId}
        rowSelection={ROW_SELECTION}
        undoRedoCellEditing
        undoRedoCellEditingLimit={50}
        enterNavigatesVertically
        enterNavigatesVerticallyAfterEdit
        stopEditingWhenCellsLoseFocus
        tooltipShowDelay={300}
        tooltipInteraction
        animateRows={false}
        suppressColumnVirtualisation
        onGridReady={onGridReady}
        onCellValueChanged={onCellValueChanged}
        onCellFocused={onCellFocused}
        onFirstDataRendered={() => {
          // After the browser has painted them, not before: reading the rest must not delay the first rows.
          requestAnimationFrame(() => setTimeout(() => onFirstRendered?.(), 0))
        }}
        onColumnResized={(e) => {
          if (e.finished) persistLayout()
        }}
        onColumnMoved={(e) => {
          if (e.finished) persistLayout()
        }}
        onColumnVisible={persistLayout}
      />
    </div>
  )
}
