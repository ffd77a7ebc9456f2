// Runs in: main (pure, no I/O) and the registry worker thread.
// readRegistry: bytes of an uploaded registry -> validated rows, or the question the user must
// answer first (which sheet, which columns). Format is recognised from the bytes, not the name.
// Never throws for a bad file: every refusal is a result with a code and a message.
import { checkZip } from './zipGuard'
import { odsHiddenLines, type OdsTableLines } from './odsHiddenLines'
import { unpackRows, type ChunkSink } from './packedRows'
import { baseResult, failedResult, type PackedReadResult, type ReadContext } from './readResult'
import { readRows, type RecordSource } from './readRows'
import { textSource, TEXT_BATCH_RECORDS } from './readTextSource'
import { isCompoundFile, isZip, readWorkbook } from './sheet'
import { type RawTable } from './table'
import { LIMITS, type ReadRegistryOptions, type ReadRegistryResult, type RegistryAsset } from './types'

const MB = 1024 * 1024

/** readRegistryPacked with its rows as objects: for callers that read small files in-process (tests, tools). */
export function readRegistry(
  bytes: Uint8Array,
  fileName: string,
  asset: RegistryAsset,
  options: ReadRegistryOptions = {}
): ReadRegistryResult {
  const { packed, ...rest } = readRegistryPacked({ bytes }, fileName, asset, options)
  return { ...rest, rows: unpackRows(packed) }
}

/**
 * The file's bytes in a holder the reader empties once it no longer needs them: a text file's bytes
 * are dropped as soon as they are decoded, so a large file is not held as bytes and text at once.
 */
export interface FileBytes {
  bytes: Uint8Array
}

export interface PackedReadOptions {
  readonly batchRecords?: number
  /** Where each batch's packed rows go as soon as they are ready (see packedRows.ts). */
  readonly sink?: ChunkSink
}

export function readRegistryPacked(
  file: FileBytes,
  fileName: string,
  asset: RegistryAsset,
  options: ReadRegistryOptions = {},
  how: PackedReadOptions = {}
): PackedReadResult {
  const ctx: ReadContext = { encoding: 'utf-8', notices: [] }
  const size = file.bytes.byteLength
  if (size > LIMITS.maxFileBytes) {
    return failedResult(
      ctx,
      'file_too_large',
      `${fileName} is ${Math.ceil(size / MB)} MB; registries up to ${LIMITS.maxFileBytes / MB} MB are accepted. Split it or remove unused columns.`
    )
  }
  if (size === 0) return failedResult(ctx, 'file_empty', `${fileName} is empty.`)
  let source: RecordSource
  if (isZip(file.bytes) || isCompoundFile(file.bytes)) {
    const read = readSpreadsheet(file.bytes, fileName, options, ctx)
    if ('error' in read) return read.error
    if ('choose' in read) return { ...baseResult(ctx), needs: 'sheet', sheets: read.choose }
    source = oneTable(read.table)
  } else {
    const read = textSource(file, options, asset, ctx, how.batchRecords ?? TEXT_BATCH_RECORDS)
    if ('error' in read) return failedResult(ctx, read.error.code, read.error.message)
    source = read.source
  }
  return readRows(source, asset, options, ctx, how.sink)
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
    },
    close() {
      given = true
    }
  }
}

/** The workbook part of an XLSB (binary parts) rather than an XLSX (XML parts). */
const XLSB_WORKBOOK = 'xl/workbook.bin'

function readSpreadsheet(
  bytes: Uint8Array,
  fileName: string,
  options: ReadRegistryOptions,
  ctx: ReadContext
): { table: RawTable } | { choose: string[] } | { error: PackedReadResult } {
  let lineProperties = false
  let odsHidden: ReadonlyMap<string, OdsTableLines> | undefined
  if (isZip(bytes)) {
    const zip = checkZip(bytes)
    if (!zip.ok) return { error: failedResult(ctx, zip.code, zip.message) }
    const names = new Set(zip.entries.map((e) => e.name))
    lineProperties = zip.hiddenLines
    if (names.has('content.xml') && names.has('mimetype')) {
      ctx.format = 'ods'
      // The spreadsheet library does not say which rows of an ODS are hidden: they are read from
      // its content. A file where some could not be placed is refused whole.
      // The library's style read finds no line properties in an ODS: it would only cost time.
      lineProperties = false
      const placed = zip.hiddenLines && zip.odsContent !== undefined ? odsHiddenLines(zip.odsContent) : null
      if (placed !== null) odsHidden = placed
      else if (zip.hiddenLines)
        return {
          error: failedResult(
            ctx,
            'ods_hidden_lines',
            `${fileName} hides rows or columns (hidden, or filtered out by a filter), and which ones could not be read from this ODS file: hidden rows would be paid like any other. Show every row and column in LibreOffice and import again, or save the file as XLSX, where each hidden row is flagged.`
          )
        }
    } else if ([...names].some((n) => n.startsWith('xl/workbook.'))) {
      ctx.format = 'xlsx'
      // An XLSB's parts are binary, which the zip check does not read: its columns are read always.
      if (names.has(XLSB_WORKBOOK)) lineProperties = true
    } else
      return {
        error: failedResult(
          ctx,
          'file_unsupported',
          `${fileName} is a zip archive but not a spreadsheet. Upload CSV, XLSX, XLS or ODS.`
        )
      }
  } else {
    ctx.format = 'xls'
    ctx.encoding = 'utf-16le'
    // Its column records (hidden or not) are read only with the style read; at most 65,536 rows.
    lineProperties = true
  }
  const read = readWorkbook(bytes, options.sheet, lineProperties, odsHidden)
  if (!read.ok) return { error: failedResult(ctx, read.code, read.message) }
  ctx.sheets = read.sheets
  if (read.kind === 'choose') return { choose: read.sheets }
  ctx.sheet = read.sheet
  if (read.hidden)
    ctx.notices.push({
      code: 'sheet_hidden',
      message: `Sheet "${read.sheet}" is hidden in the workbook, so it may not be the list that was reviewed there. Its rows were read: check them, or unhide the sheet in the spreadsheet to see it.`
    })
  return { table: read.table }
}
