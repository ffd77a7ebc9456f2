// Runs in: main (plain Node). Reads an uploaded registry file in the guarded worker and turns the
// result into what the renderer may see: text and base-unit strings, no bigints, nothing saved.
import type { RegistryPreview } from '../../shared/api'
import type { CatalogueAsset } from '../domain/catalogue'
import type { RegistryReader } from '../registry/inWorker'
import { forEachPackedRow } from '../registry/packedRows'
import type { ReadRegistryOptions } from '../registry/types'
import type { PackedReadResult } from '../registry/readResult'
import { registryAsset } from './payoutService'

/** `bytes` are handed to the worker, not copied: the caller must not use them afterwards. */
export async function previewRegistry(
  reader: RegistryReader,
  bytes: Uint8Array,
  fileName: string,
  asset: CatalogueAsset,
  options: ReadRegistryOptions
): Promise<RegistryPreview> {
  return toPreview(await reader.readPacked(bytes, fileName, registryAsset(asset), options, { transfer: true }))
}

type PreviewRow = RegistryPreview['rows'][number]

export function toPreview(r: PackedReadResult): RegistryPreview {
  const rows = new Array<PreviewRow>(r.packed.count)
  forEachPackedRow(r.packed, (row, i) => {
    rows[i] = {
      sourceRow: row.sourceRow,
      address: row.address,
      amount: row.shownAmount,
      amountBaseUnits: row.baseUnits,
      name: row.name,
      reference: row.reference,
      note: row.note,
      issues: row.issues
    }
  })
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
    rows,
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
