// Runs in: renderer. Undo and redo for the grid's structural changes (insert, delete, duplicate,
// import) and edits of many cells at once (paste, fill down, clear a range), which AG Grid's own
// cell undo does not cover. Each of them clears AG Grid's cell history, so whatever is left in it
// is newer than our last snapshot: cell history first, then ours.
import { useRef } from 'react'
import { snapshotRows } from '../../lib/mass/rowOps'
import type { GridRow } from '../../lib/mass/gridRows'

const LIMIT = 20

export interface StructuralUndo {
  /** Call before a structural change with the rows as they are now. */
  record(rows: readonly GridRow[]): void
  /** Forgets the last record: the change it was taken for changed nothing. */
  dropLast(): void
  undo(current: readonly GridRow[]): GridRow[] | null
  redo(current: readonly GridRow[]): GridRow[] | null
  /** A cell edit makes the redo history stale. */
  cellEdited(): void
  canUndo(): boolean
  canRedo(): boolean
}

export function useStructuralUndo(): StructuralUndo {
  const past = useRef<GridRow[][]>([])
  const future = useRef<GridRow[][]>([])
  return {
    record(rows) {
      past.current.push(snapshotRows(rows))
      if (past.current.length > LIMIT) past.current.shift()
      future.current = []
    },
    dropLast() {
      past.current.pop()
    },
    undo(current) {
      const prev = past.current.pop()
      if (prev === undefined) return null
      future.current.push(snapshotRows(current))
      return prev
    },
    redo(current) {
      const next = future.current.pop()
      if (next === undefined) return null
      past.current.push(snapshotRows(current))
      return next
    },
    cellEdited() {
      future.current = []
    },
    canUndo: () => past.current.length > 0,
    canRedo: () => future.current.length > 0
  }
}
