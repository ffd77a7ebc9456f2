// Runs in: renderer. An import preview's rows brought into the grid: the first rows came with the
// preview, the others are read from main a page at a time (the page is given back between pages, so
// a 1,000,000-row file never freezes it), and the claim main checks before it stores its own copy
// of them (src/shared/rowsDigest.ts) is built as they arrive.
import {
  MAX_IMPORT_PAGE_ROWS,
  type ImportRowsPage,
  type RegistryPreview,
  type RegistryPreviewRow
} from '../../../../shared/api'
import { createClaim, type RowsClaim } from '../../../../shared/rowsDigest'
import type { Result } from '../../../../shared/result'
import { isBlankRow, rowFromPreview, type GridRow } from './gridRows'

/** The rows an import put in the grid, which a save may store by the import's id while they are unchanged. */
export interface GridImport {
  readonly importId: string
  /** The imported rows that saving stores (blank ones left out), in order. */
  readonly rows: readonly GridRow[]
  /** Each row's version when imported: an edit since means main's copy is no longer the grid's. */
  readonly versions: readonly number[]
  readonly claim: RowsClaim
}

export interface ImportedGridRows {
  readonly rows: GridRow[]
  /** Null when main keeps nothing for this preview. */
  readonly gridImport: GridImport | null
}

export type ReadImportPage = (offset: number, limit: number) => Promise<Result<ImportRowsPage>>

const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

/** Every row of `preview` as grid rows; `progress` hears how many are read so far. */
export async function readImportedRows(
  preview: RegistryPreview,
  readPage: ReadImportPage,
  progress: (read: number, total: number) => void = () => undefined
): Promise<Result<ImportedGridRows>> {
  const total = preview.totals.rows
  const rows: GridRow[] = []
  const saved: GridRow[] = []
  const claim = createClaim()
  const add = (page: readonly RegistryPreviewRow[]): void => {
    for (const r of page) {
      const row = rowFromPreview(r)
      rows.push(row)
      claim.add(row)
      if (!isBlankRow(row)) saved.push(row)
    }
  }
  add(preview.rows)
  while (rows.length < total) {
    progress(rows.length, total)
    await yieldToPage()
    const page = preview.importId === null ? null : await readPage(rows.length, MAX_IMPORT_PAGE_ROWS)
    if (page !== null && !page.ok) return page
    if (page === null || page.value.rows.length === 0) return { ok: false, error: incomplete(rows.length, total) }
    add(page.value.rows)
  }
  progress(rows.length, total)
  const gridImport =
    preview.importId === null
      ? null
      : { importId: preview.importId, rows: saved, versions: saved.map((r) => r.version), claim: claim.claim() }
  return { ok: true, value: { rows, gridImport } }
}

function incomplete(read: number, total: number) {
  return {
    code: 'import_changed' as const,
    message: `Only ${read.toLocaleString('en-US')} of the file's ${total.toLocaleString('en-US')} rows could be read. Import the file again.`
  }
}
