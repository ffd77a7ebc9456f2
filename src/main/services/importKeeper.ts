// Runs in: main (plain Node). The rows of the latest registry preview, kept after the preview is
// answered: the window reads them a page at a time (a preview answer never carries 1,000,000 rows at
// once), and saving a draft made of them stores them without validating them again (importedRows.ts).
// One import is kept, the latest; it is forgotten when a save takes it, when another file is
// previewed, after a quarter of an hour, or when the app closes, so a large file's rows are not
// held for longer than the import takes.
import { randomBytes } from 'node:crypto'
import { AppFailure } from '../../shared/errors'
import type { PackedRows } from '../registry/packedRows'

/** How long a preview's rows are kept for the window to import them. */
export const IMPORT_KEPT_MS = 15 * 60_000
const ID_BYTES = 12

export interface KeptImport {
  readonly id: string
  /** The currency the rows were validated for (decimals, token contract). */
  readonly assetId: string
  readonly packed: PackedRows
}

export interface ImportKeeper {
  /** Keeps a preview's rows (forgetting any earlier ones); returns the id the window refers to them by. */
  keep(assetId: string, packed: PackedRows): string
  /** The kept rows; an import no longer kept is refused with import_expired. */
  get(id: string): KeptImport
  /** `get`, and forgets them: rows are stored once. */
  take(id: string): KeptImport
  close(): void
}

export function importExpired(): AppFailure {
  return new AppFailure(
    'import_expired',
    "The imported file's rows are no longer held by Treasury (it keeps the latest preview for 15 minutes). Import the file again."
  )
}

export function createImportKeeper(keptMs = IMPORT_KEPT_MS): ImportKeeper {
  let kept: KeptImport | null = null
  let timer: NodeJS.Timeout | undefined
  const forget = (): void => {
    kept = null
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }
  const get = (id: string): KeptImport => {
    if (kept === null || kept.id !== id) throw importExpired()
    return kept
  }
  return {
    keep(assetId, packed) {
      forget()
      const id = `IM-${randomBytes(ID_BYTES).toString('hex')}`
      kept = { id, assetId, packed }
      timer = setTimeout(forget, keptMs)
      // Waiting to forget never keeps the app running.
      timer.unref()
      return id
    },
    get,
    take(id) {
      const found = get(id)
      forget()
      return found
    },
    close: forget
  }
}
