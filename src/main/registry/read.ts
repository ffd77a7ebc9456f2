// Runs in: main (pure, no I/O) and the registry worker thread.
// readRegistry: bytes of an uploaded registry -> validated rows, or the question the user must
// answer first (which sheet, which columns). Format is recognised from the bytes, not the name.
// Never throws for a bad file: every refusal is a result with a code and a message.
import { checkZip } from './zipGuard'
import { unpackRows } from './packedRows'
import { baseResult, failedResult, type PackedReadResult, type ReadContext } from './readResult'
import { readRows, type RecordSource } from './readRows'
import { textSource, TEXT_BATCH_RECORDS } from './readTextSource'
import { isCompoundFile, isZip, readWorkbook } from './sheet'
import { type RawTable } from './table'
import { LIMITS, type ReadRegistryOptions, type ReadRegistryResult, type RegistryAsset } from './types'

const MB = 1024 * 1024

/** readRegistryPacked with its rows as objects: for callers that read small files in-process (tests, tools). */
export function readRegistry(bytes: Uint8Array, fileName: string, asset: RegistryAsset, options: ReadRegistryOptions = {}): ReadRegistryResult {
  const { packed, ...rest } = readRegistryPacked(bytes, fileName, asset, options)
  return { ...rest, rows: unpackRows(packed) }
}

export function readRegistryPacked(bytes: Uint8Array, fileName: string, asset: RegistryAsset, options: ReadRegistryOptions = {}, batchRecords = TEXT_BATCH_RECORDS): PackedReadResult {
  const ctx: ReadContext = { encoding: 'utf-8', notices: [] }
  if (bytes.byteLength > LIMITS.maxFileBytes) {
    return failedResult(ctx, 'file_too_large', `${fileName} is ${Math.ceil(bytes.byteLength / MB)} MB; registries up to ${LIMITS.maxFileBytes / MB} MB are accepted. Split it or remove unused columns.`)
  }
  if (bytes.byteLength === 0) return failedResult(ctx, 'file_empty', `${fileName} is empty.`)
  let source: RecordSource
  if (isZip(bytes) || isCompoundFile(bytes)) {
    const read = readSpreadsheet(bytes, fileName, options, ctx)
    if ('error' in read) return read.error
    if ('choose' in read) return { ...baseResult(ctx), needs: 'sheet', sheets: read.choose }
    source = oneTable(read.table)
  } else {
    const read = textSource(bytes, options, asset, ctx, batchRecords)
    if ('error' in read) return failedResult(ctx, read.error.code, read.error.message)
    source = read.source
  }
  return readRows(source, asset, options, ctx)
}

function oneTable(table: RawTable): RecordSource {
  let given = false
  return {
    next() {
      const batch = given ? { records: [] } : table
      given = true
      return { ok: true, table: batch, done: true }
    },
    restart() {
      given = false
    }
  }
}

function readSpreadsheet(bytes: Uint8Array, fileName: string, options: ReadRegistryOptions, ctx: ReadContext): { table: RawTable } | { choose: string[] } | { error: PackedReadResult } {
  if (isZip(bytes)) {
    const zip = checkZip(bytes)
    if (!zip.ok) return { error: failedResult(ctx, zip.code, zip.message) }
    const names = new Set(zip.entries.map((e) => e.name))
    if (names.has('content.xml') && names.has('mimetype')) ctx.format = 'ods'
    else if ([...names].some((n) => n.startsWith('xl/workbook.'))) ctx.format = 'xlsx'
    else return { error: failedResult(ctx, 'file_unsupported', `${fileName} is a zip archive but not a spreadsheet. Upload CSV, XLSX, XLS or ODS.`) }
  } else {
    ctx.format = 'xls'
    ctx.encoding = 'utf-16le'
  }
  const read = readWorkbook(bytes, options.sheet)
  if (!read.ok) return { error: failedResult(ctx, read.code, read.message) }
  ctx.sheets = read.sheets
  if (read.kind === 'choose') return { choose: read.sheets }
  ctx.sheet = read.sheet
  return { table: read.table }
}
