// Runs in: renderer. The recipients grid of a mass payout draft (AG Grid community) with a
// spreadsheet's habits: edit in place, select a range (Shift+arrows, drag, Shift+click), copy it as
// TSV, paste blocks from spreadsheets, fill down, clear a range, Tab-Tab-Enter back to the first
// column, insert/delete/duplicate rows, undo/redo, sort, filter to the rows with problems, and the
// desk's column layout (the same for every payout, kept in main's preferences). Every change goes to
// the draft controller, which autosaves it.
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
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, type Ref } from 'react'
import type { EditCause } from '../../../../shared/api'
import type { NumberFormat } from '../../../../shared/numberFormat'
import { useFillHeight } from '../../hooks/useFillHeight'
import { GRID_FIELDS, isBlankRow, type GridRow } from '../../lib/mass/gridRows'
import { issueField, passesIssueFilter, stepRow, type IssueFilter } from '../../lib/mass/issueFilter'
import { deleteRows, duplicateRows, insertRows } from '../../lib/mass/rowOps'
import type { DraftController } from './draftController'
import { buildColumns, ROW_NUMBER_COL, STATUS_COL } from './gridColumns'
import { gridTheme, registerGridModules } from './gridSetup'
import { usePreferences } from '../../stores/preferences'
import { useCellRange } from './useCellRange'
import { useGridInput } from './useGridInput'
import { useStructuralUndo } from './useStructuralUndo'

registerGridModules()

export interface MassGridHandle {
  addRow(): void
  insert(where: 'above' | 'below'): void
  duplicate(): void
  deleteSelected(): void
  undo(): void
  redo(): void
  /** Replaces (or extends) the rows, e.g. after an import, and scrolls to `reveal` (the first new row) or the top. */
  setRows(rows: GridRow[], reveal?: GridRow): void
  setColumnVisible(colId: string, visible: boolean): void
  hiddenColumns(): string[]
  resetLayout(): void
  /** Repaints rows whose checks main has just answered. */
  refreshRows(rows: readonly GridRow[]): void
  /** Rows main sent after the first page: added at the end (the screen counts them into its totals). */
  appendLoaded(rows: readonly GridRow[]): void
  /** Moves the cursor to the next or previous row shown by the issue filter, on the field at fault. */
  stepIssue(direction: 1 | -1): void
  /** Scrolls to the row main numbers `row` (blank rows are not numbered) and puts the cursor on its address. */
  goToRow(row: number): void
  /** Ends any cell being typed in, keeping what it holds (as Enter would). */
  commitTyping(): void
}

interface Props {
  readonly ref?: Ref<MassGridHandle>
  readonly controller: DraftController
  readonly deskFormat: NumberFormat
  /** The asset's decimals, which amounts are shown to. */
  readonly decimals: number
  /** Only rows with errors, or only rows with warnings; null shows every row. */
  readonly issueFilter: IssueFilter | null
  /** Rows were added or removed while filtered: the filter is lifted so the change is in view. */
  readonly onIssueFilterEnd: () => void
  /** Something about the rows changed (edits, structure, main's checks): totals and panels recompute. */
  readonly onRowsChanged: () => void
  readonly onFocusRow: (row: GridRow | null) => void
  /** The first rows are on screen (a large payout reads its other rows after this). */
  readonly onFirstRendered?: () => void
  /**
   * Rows of a large payout are still arriving. The header's select-all box waits for them: it could
   * only tick the rows in so far, and the grid would recount it over every row after each slice.
   */
  readonly loadingRest?: boolean
}

const getRowId = (p: GetRowIdParams<GridRow>): string => String(p.data.id)
const EDITABLE = new Set<string>(GRID_FIELDS)
// Stable objects: a new one on every render would make the grid re-apply its columns.
const DEFAULT_COL_DEF = { sortable: true, filter: true, resizable: true }
const ROW_SELECTION = { mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false } as const
const ROW_SELECTION_WHILE_LOADING = { ...ROW_SELECTION, headerCheckbox: false } as const
const SELECTION_COLUMN = { pinned: 'left', width: 44 } as const
const MIN_GRID_HEIGHT = 320
/** Room under the grid: the page's bottom padding, so the window does not scroll. */
const GRID_BOTTOM_GAP = 44

export function MassGrid(props: Props) {
  const {
    ref,
    controller,
    deskFormat,
    decimals,
    issueFilter,
    onRowsChanged,
    onFocusRow,
    onFirstRendered,
    loadingRest
  } = props
  const api = useRef<GridApi<GridRow> | null>(null)
  const box = useRef<HTMLDivElement>(null)
  const undo = useStructuralUndo()
  const selection = useCellRange(api)
  const format = useRef(deskFormat)
  format.current = deskFormat
  const assetDecimals = useRef(decimals)
  assetDecimals.current = decimals
  const filter = useRef(issueFilter)
  filter.current = issueFilter
  const endFilter = useRef(props.onIssueFilterEnd)
  endFilter.current = props.onIssueFilterEnd
  useFillHeight(box, MIN_GRID_HEIGHT, GRID_BOTTOM_GAP)
  const isFilterPresent = useCallback(() => filter.current !== null, [])
  const filterPasses = useCallback(
    (node: IRowNode<GridRow>) => node.data !== undefined && passesIssueFilter(node.data, filter.current),
    []
  )

  // The grid owns its rows after the first render: later changes go through setGridOption, so a
  // re-render never hands it the whole list again.
  const initialRows = useRef(controller.rows).current
  const columns = useMemo(
    () =>
      buildColumns({
        rowNumber: (row) => controller.rowNumber(row),
        deskFormat: () => format.current,
        decimals: () => assetDecimals.current,
        inRange: (rowIndex, colId) => selection.inRange(rowIndex, colId)
      }),
    [controller, selection]
  )

  // Amounts are shown in the desk's format and to the asset's decimals: either changing repaints them.
  useEffect(() => {
    api.current?.refreshCells({ columns: ['amount'], force: true })
  }, [deskFormat, decimals])

  useEffect(() => {
    const grid = api.current
    if (grid === null) return
    selection.clear()
    grid.onFilterChanged()
    if (issueFilter !== null) focusDisplayed(0)
    // focusDisplayed reads refs only.
  }, [issueFilter, selection])

  const persistLayout = useCallback(() => {
    const grid = api.current
    if (grid === null) return
    usePreferences
      .getState()
      .arrangeGrid(
        grid
          .getColumnState()
          .map((c: ColumnState) => ({ colId: c.colId, width: c.width ?? null, hidden: c.hide === true }))
      )
  }, [])

  const focusedRow = (): GridRow | null => {
    const cell = api.current?.getFocusedCell()
    return cell === null || cell === undefined
      ? null
      : (api.current?.getDisplayedRowAtIndex(cell.rowIndex)?.data ?? null)
  }

  /** Sets new rows in the grid and the controller (a structural change), keeping the record for undo. */
  const replaceRows = useCallback(
    (next: GridRow[], record = true, cause: EditCause = 'edit') => {
      if (controller.loading) return // the rest of the rows are on their way: their place is not known yet
      if (record) undo.record(controller.rows)
      if (filter.current !== null) endFilter.current()
      selection.clear()
      controller.replaceRows(next, cause)
      api.current?.setGridOption('rowData', next)
      api.current?.refreshCells({ columns: [ROW_NUMBER_COL], force: true })
      // The panel describes the row now under the cursor, never one that is gone.
      onFocusRow(focusedRow())
      onRowsChanged()
    },
    [controller, undo, selection, onRowsChanged, onFocusRow]
  )

  /**
   * Edits of many cells at once (paste, fill down, clear) are one step of our undo history. The
   * grid's own cell history is cleared, so that Ctrl+Z undoes this step before any edit made earlier.
   */
  const editCells = (change: () => readonly GridRow[]): void => {
    const grid = api.current
    if (grid === null) return
    undo.record(controller.rows)
    grid.refreshClientSideRowModel('map')
    const touched = change()
    if (touched.length === 0) {
      undo.dropLast() // nothing changed: no step to undo
      return
    }
    controller.edited(touched)
    grid.refreshCells({ force: true })
    onFocusRow(focusedRow())
    onRowsChanged()
  }

  /** The focused row's index in the controller's rows (model order), or -1. */
  const focusedIndex = (): number => {
    const row = focusedRow()
    return row === null ? -1 : controller.rows.indexOf(row)
  }

  const chosenRows = (): Set<GridRow> => {
    const selected = api.current?.getSelectedRows() ?? []
    if (selected.length > 0) return new Set(selected)
    const row = focusedRow()
    return row === null ? new Set() : new Set([row])
  }

  const restoreRows = (rows: GridRow[] | null, cause: 'undo' | 'redo'): void => {
    if (rows === null) return
    for (const r of rows) r.pending = !isBlankRow(r)
    replaceRows(rows, false, cause)
  }

  const reveal = (row: GridRow | undefined, colId: string = 'address'): void => {
    const grid = api.current
    const index = row === undefined ? undefined : grid?.getRowNode(String(row.id))?.rowIndex
    if (grid === null || index === null || index === undefined) return
    grid.ensureIndexVisible(index)
    grid.setFocusedCell(index, colId)
  }

  function focusDisplayed(index: number): void {
    const grid = api.current
    const row = grid?.getDisplayedRowAtIndex(index)?.data
    if (grid === null || grid === undefined || row === undefined) return
    const field = filter.current === null ? null : issueField(row, filter.current)
    const colId = field !== null && EDITABLE.has(field) ? field : STATUS_COL
    grid.ensureIndexVisible(index, 'middle')
    grid.ensureColumnVisible(colId)
    grid.setFocusedCell(index, colId)
  }

  const undoStep = (): void => {
    const grid = api.current
    if (grid !== null && grid.getCurrentUndoSize() > 0) grid.undoCellEditing()
    else restoreRows(undo.undo(controller.rows), 'undo')
  }
  const redoStep = (): void => {
    const grid = api.current
    if (grid !== null && grid.getCurrentRedoSize() > 0) grid.redoCellEditing()
    else restoreRows(undo.redo(controller.rows), 'redo')
  }

  const input = useGridInput({
    api,
    controller,
    selection,
    undo,
    format,
    editCells,
    restoreRows,
    focusedIndex,
    endFilter: () => {
      if (filter.current !== null) endFilter.current()
    }
  })

  useImperativeHandle(ref, () => ({
    addRow() {
      const next = insertRows(controller.rows, controller.rows.length)
      replaceRows(next)
      reveal(next[next.length - 1])
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
    undo: undoStep,
    redo: redoStep,
    setRows(rows, first) {
      replaceRows(rows)
      if (first !== undefined) reveal(first)
      else api.current?.ensureIndexVisible(0, 'top')
    },
    setColumnVisible(colId, visible) {
      selection.clear()
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
    },
    resetLayout() {
      selection.clear()
      api.current?.resetColumnState()
      persistLayout()
    },
    commitTyping() {
      const grid = api.current
      if (grid === null) return
      const open = grid
        .getEditingCells()
        .map((c) => grid.getDisplayedRowAtIndex(c.rowIndex)?.data)
        .filter((r): r is GridRow => r !== undefined)
      if (open.length === 0) return
      const before = open.map((r) => [r.version, r.deskIssue] as const)
      grid.stopEditing()
      // The grid reports the change a moment later (its events are asynchronous), too late for a
      // page that is going away: the draft learns of it now.
      const changed = open.filter((r, i) => r.version !== before[i]![0] || r.deskIssue !== before[i]![1])
      if (changed.length > 0) controller.edited(changed)
    },
    goToRow(row) {
      if (filter.current !== null) endFilter.current()
      reveal(controller.rows.find((r) => controller.rowNumber(r) === row))
    },
    stepIssue(direction) {
      const grid = api.current
      if (grid === null) return
      const current = grid.getFocusedCell()?.rowIndex ?? -1
      const next = stepRow(current, grid.getDisplayedRowCount(), direction)
      if (next !== null) focusDisplayed(next)
    }
  }))

  const onGridReady = (e: GridReadyEvent<GridRow>): void => {
    api.current = e.api
    const layout = usePreferences.getState().gridColumns
    if (layout !== null)
      e.api.applyColumnState({
        state: layout.map((c) => ({ colId: c.colId, width: c.width ?? undefined, hide: c.hidden })),
        applyOrder: true
      })
  }

  const onCellValueChanged = (e: CellValueChangedEvent<GridRow>): void => {
    if (e.data === undefined) return
    const cause: EditCause = e.source === 'undo' ? 'undo' : e.source === 'redo' ? 'redo' : 'edit'
    if (cause === 'edit') undo.cellEdited()
    controller.edited([e.data], cause)
    // The row may have become (non-)blank: row numbers below it and its status change.
    e.api.refreshCells({ columns: [ROW_NUMBER_COL], force: true })
    e.api.refreshCells({ rowNodes: [e.node as IRowNode<GridRow>], force: true })
    onRowsChanged()
  }

  const onCellFocused = (e: CellFocusedEvent<GridRow>): void => {
    const node = e.rowIndex === null ? undefined : e.api.getDisplayedRowAtIndex(e.rowIndex)
    const colId = e.column === null ? null : typeof e.column === 'string' ? e.column : e.column.getColId()
    selection.onCellFocused(e.rowIndex, colId)
    onFocusRow(node?.data ?? null)
  }

  return (
    <div
      ref={box}
      className="mass-grid"
      data-testid="mass-grid"
      onPaste={input.onPaste}
      onKeyDownCapture={input.onKeyDownCapture}
      onMouseDownCapture={(e) => {
        input.forgetTrail()
        selection.onMouseDownCapture(e)
      }}
      onMouseOver={selection.onMouseOver}
    >
      <AgGridReact<GridRow>
        theme={gridTheme}
        rowData={initialRows}
        columnDefs={columns}
        defaultColDef={DEFAULT_COL_DEF}
        getRowId={getRowId}
        rowSelection={loadingRest === true ? ROW_SELECTION_WHILE_LOADING : ROW_SELECTION}
        selectionColumnDef={SELECTION_COLUMN}
        undoRedoCellEditing
        undoRedoCellEditingLimit={50}
        enterNavigatesVertically
        enterNavigatesVerticallyAfterEdit
        stopEditingWhenCellsLoseFocus
        tooltipShowDelay={300}
        tooltipInteraction
        animateRows={false}
        suppressColumnVirtualisation
        isExternalFilterPresent={isFilterPresent}
        doesExternalFilterPass={filterPasses}
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
          if (e.finished) {
            selection.clear()
            persistLayout()
          }
        }}
        onColumnVisible={persistLayout}
        onSortChanged={() => selection.clear()}
      />
    </div>
  )
}
