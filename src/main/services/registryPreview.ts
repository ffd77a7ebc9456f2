// Runs in: main (plain Node). Reads an uploaded registry file in the guarded worker and turns the
// result into what the renderer may see: text and base-unit strings, no bigints, nothing saved.
import type { Issue, RegistryPreview } from '../../shared/api'
import type { CatalogueAsset } from '../domain/catalogue'
import { formatAmount } from '../domain/money'
import { readRegistryInWorker } from '../registry/inWorker'
import type { ReadRegistryOptions, ReadRegistryResult } from '../registry/types'
import { registryAsset } from './payoutService'

export async function previewRegistry(bytes: Uint8Array, fileName: string, asset: CatalogueAsset, options: ReadRegistryOptions, workerFile?: string): Promise<RegistryPreview> {
  const result = await readRegistryInWorker(bytes, fileName, registryAsset(asset), options, workerFile === undefined ? {} : { workerFile })
  return toPreview(result, asset.decimals)
}

export function toPreview(r: ReadRegistryResult, decimals: number): RegistryPreview {
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
    rows: r.rows.map((row) => ({
      sourceRow: row.sourceRow,
      address: row.address,
      amount: row.amount === null ? row.amountText : formatAmount(row.amount, decimals),
      amountBaseUnits: row.amount === null ? null : row.amount.toString(),
      name: row.name ?? '',
      reference: row.reference ?? '',
      note: row.note ?? '',
      issues: row.issues as Issue[]
    })),
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
