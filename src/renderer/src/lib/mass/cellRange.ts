// Runs in: renderer. A rectangular range of grid cells, as spreadsheets select them: an anchor
// (where the selection started) and a focus (the corner that moves with Shift+arrows or the mouse).
// Positions are the grid's displayed row index and the index among the range's columns in display
// order, so a range always covers what the user sees between its corners.

export interface CellPos {
  readonly row: number
  readonly col: number
}

export interface CellRange {
  readonly anchor: CellPos
  readonly focus: CellPos
}

export interface Bounds {
  readonly top: number
  readonly bottom: number
  readonly left: number
  readonly right: number
}

/** How far a range may reach: displayed rows and range columns. */
export interface Extent {
  readonly rows: number
  readonly cols: number
}

export type ArrowKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight'

const STEP: Readonly<Record<ArrowKey, CellPos>> = {
  ArrowUp: { row: -1, col: 0 },
  ArrowDown: { row: 1, col: 0 },
  ArrowLeft: { row: 0, col: -1 },
  ArrowRight: { row: 0, col: 1 }
}

export function isArrowKey(key: string): key is ArrowKey {
  return key in STEP
}

export function singleCell(at: CellPos): CellRange {
  return { anchor: at, focus: at }
}

export function boundsOf(range: CellRange): Bounds {
  return {
    top: Math.min(range.anchor.row, range.focus.row),
    bottom: Math.max(range.anchor.row, range.focus.row),
    left: Math.min(range.anchor.col, range.focus.col),
    right: Math.max(range.anchor.col, range.focus.col)
  }
}

export function isSingleCell(range: CellRange): boolean {
  return range.anchor.row === range.focus.row && range.anchor.col === range.focus.col
}

export function inRange(range: CellRange | null, row: number, col: number): boolean {
  if (range === null || col < 0) return false
  const b = boundsOf(range)
  return row >= b.top && row <= b.bottom && col >= b.left && col <= b.right
}

/** Shift+arrow: the focus corner moves one cell, never past the grid's edges; the anchor stays. */
export function extendRange(range: CellRange, key: ArrowKey, extent: Extent): CellRange {
  const step = STEP[key]
  return { anchor: range.anchor, focus: clampPos(add(range.focus, step), extent) }
}

/** The range from the anchor to a cell (Shift+click, or the mouse dragged over it). */
export function rangeTo(range: CellRange, to: CellPos, extent: Extent): CellRange {
  return { anchor: range.anchor, focus: clampPos(to, extent) }
}

function add(a: CellPos, b: CellPos): CellPos {
  return { row: a.row + b.row, col: a.col + b.col }
}

function clampPos(p: CellPos, extent: Extent): CellPos {
  return {
    row: Math.max(0, Math.min(p.row, extent.rows - 1)),
    col: Math.max(0, Math.min(p.col, extent.cols - 1))
  }
}
