// Runs in: renderer. Range selection for the community grid, which has none: Shift+arrows, a mouse
// drag with the button held, or Shift+click select the rectangle from the anchor cell; Escape, a
// plain click or a plain move clears it. The range is shown by a cell class rule and repainted by
// re-applying class rules to the rendered cells only, so it costs the same on 100,000 rows.
import type { GridApi } from 'ag-grid-community'
import { useEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent, type RefObject } from 'react'
import {
  extendRange,
  inRange,
  isArrowKey,
  isSingleCell,
  boundsOf,
  rangeTo,
  singleCell,
  type CellPos,
  type CellRange,
  type Extent
} from '../../lib/mass/cellRange'
import { GRID_FIELDS, type GridRow } from '../../lib/mass/gridRows'
import { ROW_NUMBER_COL, STATUS_COL } from './gridColumns'

const RANGE_COLUMNS: ReadonlySet<string> = new Set([ROW_NUMBER_COL, STATUS_COL, ...GRID_FIELDS])
/** Keys with which the grid moves its cursor: pressed without Shift, they leave the range behind. */
const MOVES = new Set([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Tab',
  'Enter',
  'PageUp',
  'PageDown',
  'Home',
  'End'
])
const PRIMARY_BUTTON = 1

export interface SelectedCells {
  /** Rows of the range, top to bottom as displayed. */
  readonly rows: GridRow[]
  /** Column ids of the range, left to right as displayed. */
  readonly colIds: string[]
  readonly range: CellRange
}

export interface RangeSelection {
  /** For the columns' class rule: the displayed cell is inside a range of more than one cell. */
  inRange(rowIndex: number | null, colId: string): boolean
  /** True when more than one cell is selected. */
  isRange(): boolean
  /** The selected range, or the focused cell alone; null when no cell of the range columns is focused. */
  selected(): SelectedCells | null
  clear(): void
  onMouseDownCapture(e: MouseEvent<HTMLDivElement>): void
  onMouseOver(e: MouseEvent<HTMLDivElement>): void
  /** Shift+arrows and Escape select; moves clear. True when the key was used and the grid must not see it. */
  onKey(e: KeyboardEvent<HTMLDivElement>): boolean
  onCellFocused(rowIndex: number | null, colId: string | null): void
}

export function useCellRange(api: RefObject<GridApi<GridRow> | null>): RangeSelection {
  const range = useRef<CellRange | null>(null)
  const dragging = useRef(false)
  const columns = useRef<string[]>([])

  useEffect(() => {
    const stop = (): void => {
      dragging.current = false
    }
    window.addEventListener('mouseup', stop)
    return () => window.removeEventListener('mouseup', stop)
  }, [])

  // One object for the grid's lifetime: its state is in refs, so the columns' class rule can hold it.
  return useMemo(() => createSelection(api, range, dragging, columns), [api])
}

function createSelection(
  api: RefObject<GridApi<GridRow> | null>,
  range: { current: CellRange | null },
  dragging: { current: boolean },
  columns: { current: string[] }
): RangeSelection {
  const rangeColumns = (): string[] => {
    const grid = api.current
    columns.current =
      grid === null
        ? []
        : grid
            .getAllDisplayedColumns()
            .map((c) => c.getColId())
            .filter((id) => RANGE_COLUMNS.has(id))
    return columns.current
  }
  const extent = (): Extent => ({ rows: api.current?.getDisplayedRowCount() ?? 0, cols: columns.current.length })

  const set = (next: CellRange | null): void => {
    const before = range.current
    range.current = next
    const wasRange = before !== null && !isSingleCell(before)
    const isNow = next !== null && !isSingleCell(next)
    if (wasRange || isNow) api.current?.refreshCells()
  }

  const focusedPos = (): CellPos | null => {
    const cell = api.current?.getFocusedCell()
    if (cell === null || cell === undefined) return null
    const col = rangeColumns().indexOf(cell.column.getColId())
    return col < 0 ? null : { row: cell.rowIndex, col }
  }

  const reveal = (at: CellPos): void => {
    const grid = api.current
    const colId = columns.current[at.col]
    if (grid === null) return
    grid.ensureIndexVisible(at.row)
    if (colId !== undefined) grid.ensureColumnVisible(colId)
  }

  return {
    inRange(rowIndex, colId) {
      const r = range.current
      if (r === null || rowIndex === null || isSingleCell(r)) return false
      return inRange(r, rowIndex, columns.current.indexOf(colId))
    },
    isRange: () => range.current !== null && !isSingleCell(range.current),
    selected() {
      const grid = api.current
      if (grid === null) return null
      const cols = rangeColumns()
      const r = range.current !== null && !isSingleCell(range.current) ? range.current : singleOrNull(focusedPos())
      if (r === null) return null
      const b = boundsOf(r)
      const rows: GridRow[] = []
      for (let i = b.top; i <= b.bottom; i++) {
        const data = grid.getDisplayedRowAtIndex(i)?.data
        if (data !== undefined) rows.push(data)
      }
      return { rows, colIds: cols.slice(b.left, b.right + 1), range: r }
    },
    clear() {
      set(null)
    },
    onMouseDownCapture(e) {
      if (e.button !== 0) return
      const target = e.target instanceof Element ? e.target : null
      if (target === null || target.closest('input, textarea, select') !== null) return
      const at = cellAt(target, rangeColumns())
      if (at === null) return
      if (e.shiftKey) {
        const from = range.current ?? singleOrNull(focusedPos())
        if (from !== null) {
          set(rangeTo(from, at, extent()))
          return
        }
      }
      dragging.current = true
      set(singleCell(at))
    },
    onMouseOver(e) {
      if (!dragging.current) return
      if ((e.buttons & PRIMARY_BUTTON) === 0 || range.current === null) {
        dragging.current = false
        return
      }
      const at = e.target instanceof Element ? cellAt(e.target, columns.current) : null
      if (at === null) return
      const next = rangeTo(range.current, at, extent())
      if (next.focus.row !== range.current.focus.row || next.focus.col !== range.current.focus.col) set(next)
    },
    onKey(e) {
      if (e.ctrlKey || e.metaKey || e.altKey) return false
      if (e.shiftKey && isArrowKey(e.key)) {
        const from = range.current ?? singleOrNull(focusedPos())
        if (from === null) return false
        rangeColumns()
        const next = extendRange(from, e.key, extent())
        set(next)
        reveal(next.focus)
        return true
      }
      if (e.key === 'Escape' && range.current !== null && !isSingleCell(range.current)) {
        set(null)
        return true
      }
      if (MOVES.has(e.key) && !e.shiftKey) set(null)
      return false
    },
    onCellFocused(rowIndex, colId) {
      if (rowIndex === null || colId === null) return
      const col = rangeColumns().indexOf(colId)
      if (col < 0) return
      const r = range.current
      // The grid's cursor sits on the range's anchor (keys) or its focus (Shift+click): the range stays.
      if (r !== null && !isSingleCell(r) && [r.anchor, r.focus].some((p) => p.row === rowIndex && p.col === col)) return
      set(singleCell({ row: rowIndex, col }))
    }
  }
}

function singleOrNull(at: CellPos | null): CellRange | null {
  return at === null ? null : singleCell(at)
}

/** The grid cell an element belongs to, from the row-index and col-id the grid puts on its elements. */
function cellAt(target: Element, columns: readonly string[]): CellPos | null {
  const cell = target.closest('.ag-cell')
  const row = cell?.closest('.ag-row')
  const colId = cell?.getAttribute('col-id')
  const rowAttr = row?.getAttribute('row-index')
  if (colId === null || colId === undefined || rowAttr === null || rowAttr === undefined) return null
  const rowIndex = Number(rowAttr)
  if (!Number.isInteger(rowIndex) || rowIndex < 0) return null
  const col = columns.indexOf(colId)
  return col < 0 ? null : { row: rowIndex, col }
}
