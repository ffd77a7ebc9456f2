// Runs in: main (plain Node). Reads an uploaded registry file in the guarded worker and turns the
// result into what the renderer may see: text and base-unit strings, no bigints, nothing saved. The
// answer carries the first rows; the rows themselves stay packed in main (importKeeper.ts), and the
// window reads the others a page at a time, so no answer is ever a million rows long.
import {
  PREVIEW_FIRST_ROWS,
  type ImportRowsPage,
  type RegistryPreview,
  type RegistryPreviewRow
} from '../../shared/api'
import type { CatalogueAsset } from '../domain/catalogue'
import type { RegistryReader } from '../registry/inWorker'
import { forEachPackedRowIn, type PackedRows } from '../registry/packedRows'
import type { ReadRegistryOptions } from '../registry/types'
import type { PackedReadResult } from '../registry/readResult'
import type { ImportKeeper } from './importKeeper'
import { registryAsset } from './payoutRows'
import { TITLE_ROWS_SKIPPED } from '../registry/titleRows'
import { TOTAL_ROW_LEFT_OUT } from '../registry/totalRow'

const AMBIGUOUS_AMOUNT = 'amount_ambiguous_separator'

/** The reader's notices of lines it left out of the file: the payout's history keeps them (payoutService.ts). */
const LEFT_OUT_NOTICES: ReadonlySet<string> = new Set([TITLE_ROWS_SKIPPED, TOTAL_ROW_LEFT_OUT])

/** `bytes` are handed to the worker, not copied: the caller must not use them afterwards. */
export async function previewRegistry(
  reader: RegistryReader,
  keeper: ImportKeeper,
  bytes: Uint8Array,
  fileName: string,
  asset: CatalogueAsset,
  options: ReadRegistryOptions
): Promise<RegistryPreview> {
  const read = await reader.readPacked(bytes, fileName, registryAsset(asset), options, { transfer: true })
  const importable = read.error === undefined && read.needs === undefined && read.packed.count > 0
  const leftOut = read.notices.filter((n) => LEFT_OUT_NOTICES.has(n.code)).map((n) => n.message)
  return toPreview(read, importable ? keeper.keep(asset.id, read.packed, leftOut) : null)
}

/** Rows `offset` to `offset + limit` of a kept import, as the preview shows rows. */
export function importRowsPage(keeper: ImportKeeper, importId: string, offset: number, limit: number): ImportRowsPage {
  return { offset, rows: previewRows(keeper.get(importId).packed, offset, offset + limit) }
}

function previewRows(packed: PackedRows, from: number, to: number): RegistryPreviewRow[] {
  const rows: RegistryPreviewRow[] = []
  forEachPackedRowIn(packed, from, to, (row) => {
    rows.push({
      sourceRow: row.sourceRow,
      address: row.address,
      amount: row.shownAmount,
      amountBaseUnits: row.baseUnits,
      name: row.name,
      reference: row.reference,
      note: row.note,
      category: row.category,
      costCenter: row.costCenter,
      issues: row.issues
    })
  })
  return rows
}

/** `importId`: where the window reads the other rows; null when the file gave nothing to import. */
export function toPreview(r: PackedReadResult, importId: string | null): RegistryPreview {
  return {
    format: r.format ?? null,
    encoding: r.encoding,
    encodingAssumed: r.encodingAssumed === true,
    delimiter: r.delimiter ?? null,
    sheets: r.sheets ?? [],
    sheet: r.sheet ?? null,
    needs: r.needs ?? null,
    headers: r.headers ?? [],
    columns: r.columns ?? [],
    mapping: r.mapping ?? {},
    sample: r.sample ?? [],
    decimalSeparator: r.decimalSeparator ?? null,
    amountReadings: r.amountReadings,
    rows: previewRows(r.packed, 0, PREVIEW_FIRST_ROWS),
    importId,
    // Only rows with issues are listed, so this looks at no more rows than have problems.
    ambiguousAmounts: r.packed.issues.some(([, issues]) => issues.some((i) => i.code === AMBIGUOUS_AMOUNT)),
    skippedBlankRows: r.skippedBlankRows,
    totals: {
      rows: r.totals.rows,
      validRows: r.totals.validRows,
      rowsWithErrors: r.totals.rowsWithErrors,
      rowsWithWarnings: r.totals.rowsWithWarnings,
      amountTotalBaseUnits: r.totals.amountTotal.toString()
    },
    notices: r.notices,
    error: r.error ?? null
  }
}
