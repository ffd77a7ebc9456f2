// Runs in: renderer. Where Enter goes after a row was typed across with Tab, as spreadsheets do:
// Tab, Tab, Enter returns to the column where the typing started, on the next row. Any other move
// (arrows, a click) forgets where the typing started. At the last row Enter stays where it is.

export interface GridSpot {
  readonly row: number
  readonly col: string
}

/** Where typing across the row started, or null when the user did not Tab across it. */
export type EntryTrail = GridSpot | null

/** Tab pressed at `at`: remembers where the typing started, unless it started earlier on this row. */
export function afterTab(trail: EntryTrail, at: GridSpot): EntryTrail {
  return trail !== null && trail.row === at.row ? trail : at
}

/**
 * Enter pressed at `at` (the typing committed): the cell to go to, or null to let the grid move
 * down as usual (no Tab across this row). `lastRow` is the last displayed row's index.
 */
export function enterTarget(trail: EntryTrail, at: GridSpot, lastRow: number): GridSpot | null {
  if (trail === null || trail.row !== at.row) return null
  if (at.row >= lastRow) return at
  return { row: at.row + 1, col: trail.col }
}
