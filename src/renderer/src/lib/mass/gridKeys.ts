// Runs in: renderer. The grid's own keyboard commands (the community grid has no clipboard, fill or
// range commands): which key does what, decided apart from the grid so every binding is tested.

export type GridKeyCommand = 'copy' | 'fillDown' | 'clearRange' | 'undo' | 'redo'

export interface KeyPress {
  readonly key: string
  readonly ctrlKey: boolean
  readonly metaKey: boolean
  readonly shiftKey: boolean
  readonly altKey: boolean
}

/**
 * The command for a key pressed in the grid, or null to leave it to the grid. While a cell is being
 * edited every key belongs to its editor. Ctrl on Windows and Linux, Cmd on a Mac.
 */
export function keyCommand(e: KeyPress, editing: boolean, rangeSelected: boolean): GridKeyCommand | null {
  if (editing || e.altKey) return null
  const mod = e.ctrlKey || e.metaKey
  const key = e.key.toLowerCase()
  if (mod && key === 'c' && !e.shiftKey) return 'copy'
  if (mod && key === 'd' && !e.shiftKey) return 'fillDown'
  if (mod && key === 'z') return e.shiftKey ? 'redo' : 'undo'
  if (mod && key === 'y') return 'redo'
  // One cell keeps the grid's own Delete and Backspace (they edit that cell); a range is cleared in one step.
  if (!mod && rangeSelected && (e.key === 'Delete' || e.key === 'Backspace')) return 'clearRange'
  return null
}
