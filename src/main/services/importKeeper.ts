// Runs in: main (plain Node). The rows of the latest registry preview, kept after the preview is
// answered: the window reads them a page at a time (a preview answer never carries 1,000,000 rows at
// once), and saving a draft made of them stores them without validating them again (importedRows.ts).
// The latest few imports are kept, so a preview at the window and one made by automation (the REST
// API, the inbox, the command line) at the same time do not push each other out. An import is
// forgotten when a save takes it, after a quarter of an hour, when the app closes, or when newer
// previews fill the budget of rows, so a large file's rows are not held for longer than the import
// takes and two million-row files are never held at once.
import { randomBytes } from 'node:crypto'
import { AppFailure } from '../../shared/errors'
import type { PackedRows } from '../registry/packedRows'

/** How long a preview's rows are kept for the window to import them. */
export const IMPORT_KEPT_MS = 15 * 60_000
const ID_BYTES = 12
/** Previews kept at once; the oldest goes first. */
export const MAX_KEPT_IMPORTS = 4
/** Rows kept at once over all previews (the largest registry the app takes); the latest preview is kept whatever its size. */
export const KEPT_ROWS_BUDGET = 1_000_000

export interface KeptImport {
  readonly id: string
  /** The currency the rows were validated for (decimals, token contract). */
  readonly assetId: string
  readonly packed: PackedRows
  /** What the reader left out of the file (a title above the headings, a total line), as its notices said it. */
  readonly leftOut: readonly string[]
}

export interface ImportKeeper {
  /** Keeps a preview's rows (forgetting the oldest ones beyond the budget); returns the id the caller refers to them by. */
  keep(assetId: string, packed: PackedRows, leftOut?: readonly string[]): string
  /** The kept rows; an import no longer kept is refused with import_expired. */
  get(id: string): KeptImport
  /** `get`, and forgets them: rows are stored once. */
  take(id: string): KeptImport
  close(): void
}

export function importExpired(): AppFailure {
  return new AppFailure(
    'import_expired',
    "The imported file's rows are no longer held by Treasury (it keeps recent previews for 15 minutes, fewer when they are large). Import the file again."
  )
}

interface Held {
  readonly kept: KeptImport
  readonly timer: NodeJS.Timeout
}

export function createImportKeeper(keptMs = IMPORT_KEPT_MS): ImportKeeper {
  // Oldest first.
  let held: Held[] = []
  const forget = (id: string): void => {
    const found = held.find((h) => h.kept.id === id)
    if (found === undefined) return
    clearTimeout(found.timer)
    held = held.filter((h) => h !== found)
  }
  const rowsHeld = (): number => held.reduce((sum, h) => sum + h.kept.packed.count, 0)
  const get = (id: string): KeptImport => {
    const found = held.find((h) => h.kept.id === id)
    if (found === undefined) throw importExpired()
    return found.kept
  }
  return {
    keep(assetId, packed, leftOut = []) {
      const id = `IM-${randomBytes(ID_BYTES).toString('hex')}`
      const timer = setTimeout(() => forget(id), keptMs)
      // Waiting to forget never keeps the app running.
      timer.unref()
      held.push({ kept: { id, assetId, packed, leftOut }, timer })
      while (held.length > 1 && (held.length > MAX_KEPT_IMPORTS || rowsHeld() > KEPT_ROWS_BUDGET))
        forget(held[0]!.kept.id)
      return id
    },
    get,
    take(id) {
      const found = get(id)
      forget(id)
      return found
    },
    close() {
      for (const h of held) clearTimeout(h.timer)
      held = []
    }
  }
}
