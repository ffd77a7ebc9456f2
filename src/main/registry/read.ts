// Runs in: main (pure, no I/O) and the registry worker thread.
// readRegistry: bytes of an uploaded registry -> validated rows, or the question the user must
// answer first (which sheet, which columns). Format is recognised from the bytes, not the name.
// Never throws for a bad file: every refusal is a result with a code and a message.
import { decodeText } from './decode'
import { columnLetter, detectDelimiter, parseDelimited, SPACE_DELIMITER } from './csv'
import { looksLikeAddress, mappingFromOptions, mappingToLetters, recogniseHeader, recogniseHeaderless, type ColumnMap } from './headers'
import { buildRowInputs, detectDecimalSeparator } from './rowInputs'
import { isCompoundFile, isZip, readWorkbook } from './sheet'
import { type RawTable } from './table'
import { LIMITS, PREVIEW_READINGS, PREVIEW_ROWS, type FileNotice, type ReadRegistryOptions, type ReadRegistryResult, type RegistryAsset, type RegistryFormat } from './types'
import { totalsOf, validateRows } from './validate'
import { checkZip } from './zipGuard'

const MB = 1024 * 1024
const DELIMITER_NAMES: Readonly<Record<string, string>> = { comma: ',', semicolon: ';', tab: '\t', pipe: '|', space: SPACE_DELIMITER, '\\t': '\t' }

interface Context {
  format?: RegistryFormat
  encoding: string
  encodingAssumed?: boolean
  delimiter?: string
  sheets?: string[]
  sheet?: string
  notices: FileNotice[]
}

export function readRegistry(bytes: Uint8Array, fileName: string, asset: RegistryAsset, options: ReadRegistryOptions = {}): ReadRegistryResult {
  const ctx: Context = { encoding: 'utf-8', notices: [] }
  if (bytes.byteLength > LIMITS.maxFileBytes) {
    return failed(ctx, 'file_too_large', `${fileName} is ${Math.ceil(bytes.byteLength / MB)} MB; registries up to ${LIMITS.maxFileBytes / MB} MB are accepted. Split it or remove unused columns.`)
  }
  if (bytes.byteLength === 0) return failed(ctx, 'file_empty', `${fileName} is empty.`)
  let table: RawTable
  if (isZip(bytes) || isCompoundFile(bytes)) {
    const read = readSpreadsheet(bytes, fileName, options, ctx)
    if ('error' in read) return read.error
    if ('choose' in read) return { ...base(ctx), needs: 'sheet', sheets: read.choose }
    table = read.table
  } else {
    const read = readText(bytes, options, asset, ctx)
    if ('error' in read) return read.error
    table = read.table
  }
  return mapAndValidate(table, asset, options, ctx)
}

function readSpreadsheet(bytes: Uint8Array, fileName: string, options: ReadRegistryOptions, ctx: Context): { table: RawTable } | { choose: string[] } | { error: ReadRegistryResult } {
  if (isZip(bytes)) {
    const zip = checkZip(bytes)
    if (!zip.ok) return { error: failed(ctx, zip.code, zip.message) }
    const names = new Set(zip.entries.map((e) => e.name))
    if (names.has('content.xml') && names.has('mimetype')) ctx.format = 'ods'
    else if ([...names].some((n) => n.startsWith('xl/workbook.'))) ctx.format = 'xlsx'
    else return { error: failed(ctx, 'file_unsupported', `${fileName} is a zip archive but not a spreadsheet. Upload CSV, XLSX, XLS or ODS.`) }
  } else {
    ctx.format = 'xls'
    ctx.encoding = 'utf-16le'
  }
  const read = readWorkbook(bytes, options.sheet)
  if (!read.ok) return { error: failed(ctx, read.code, read.message) }
  ctx.sheets = read.sheets
  if (read.kind === 'choose') return { choose: read.sheets }
  ctx.sheet = read.sheet
  return { table: read.table }
}

function readText(bytes: Uint8Array, options: ReadRegistryOptions, asset: RegistryAsset, ctx: Context): { table: RawTable } | { error: ReadRegistryResult } {
  ctx.format = 'csv'
  const decoded = decodeText(bytes, options.encoding)
  if (!decoded.ok) return { error: failed(ctx, decoded.code, decoded.message) }
  ctx.encoding = decoded.encoding
  if (decoded.assumed) ctx.encodingAssumed = true
  if (decoded.message !== undefined) ctx.notices.push({ code: decoded.assumed ? 'encoding_assumed' : 'encoding_replaced_bytes', message: decoded.message })
  const chosen = options.delimiter === undefined || options.delimiter === '' ? undefined : (DELIMITER_NAMES[options.delimiter.toLowerCase()] ?? options.delimiter)
  const delimiter = chosen ?? detectDelimiter(decoded.text, (cells) => recogniseHeader(cells, asset) !== null)
  ctx.delimiter = delimiter
  const parsed = parseDelimited(decoded.text, delimiter)
  if (!parsed.ok) return { error: failed(ctx, parsed.code, parsed.message) }
  return { table: { records: parsed.records } }
}

function mapAndValidate(table: RawTable, asset: RegistryAsset, options: ReadRegistryOptions, ctx: Context): ReadRegistryResult {
  const { records } = table
  const first = records.findIndex((r) => r.some((c) => c.trim() !== ''))
  if (first < 0) return failed(ctx, 'file_empty', 'The file has no rows with data.')
  let width = 0
  for (const r of records) if (r.length > width) width = r.length
  const columns = Array.from({ length: width }, (_, i) => columnLetter(i))
  const head = records[first]!
  const headers = columns.map((_, i) => head[i] ?? '')
  const sample = records.slice(first, first + PREVIEW_ROWS)
  let map: ColumnMap | null
  let hasHeader: boolean
  if (options.mapping !== undefined) {
    const chosen = mappingFromOptions(options.mapping, width)
    if (!chosen.ok) return failed(ctx, chosen.code, chosen.message)
    map = chosen.columns
    hasHeader = options.hasHeader ?? true
  } else {
    map = recogniseHeader(head, asset)
    hasHeader = map !== null
    if (map === null) map = recogniseHeaderless(head)
  }
  if (map === null) {
    const guessHeader = !head.some(looksLikeAddress)
    return { ...base(ctx), needs: 'mapping', headers, columns, hasHeader: guessHeader, sample }
  }
  const start = hasHeader ? first + 1 : first
  const unescape = ctx.format === 'csv'
  const inputs = buildRowInputs(table, start, map, unescape)
  const detected = detectDecimalSeparator(inputs.map((i) => i.amount))
  const decimalSeparator = options.decimalSeparator
  const validated = validateRows(inputs, asset, {
    ...(options.payerAddress === undefined ? {} : { payerAddress: options.payerAddress }),
    ...(decimalSeparator === undefined ? {} : { decimalSeparator })
  })
  const readings: ReadRegistryResult['amountReadings'] = []
  let readCount = 0
  for (const row of validated.rows) {
    if (row.amountReadAs === undefined) continue
    readCount++
    if (readings.length < PREVIEW_READINGS) readings.push({ sourceRow: row.sourceRow, text: row.amountText, readAs: row.amountReadAs })
  }
  if (readCount > 0) ctx.notices.push({ code: 'amounts_read_as', message: `${readCount} amount${readCount === 1 ? ' was' : 's were'} written with thousands or decimal separators; check how they were read in the preview.` })
  if (detected !== undefined && decimalSeparator === undefined && validated.rows.some((r) => r.issues.some((i) => i.code === 'amount_ambiguous_separator'))) {
    ctx.notices.push({ code: 'decimal_separator_suggested', message: `Other amounts in this file use "${detected}" as the decimal separator. Choose it as the file's decimal separator to read the ambiguous amounts.` })
  }
  return {
    ...base(ctx),
    headers: hasHeader ? headers : columns.map(() => ''),
    columns,
    hasHeader,
    mapping: mappingToLetters(map),
    sample,
    ...(decimalSeparator === undefined ? {} : { decimalSeparator }),
    ...(detected === undefined ? {} : { detectedDecimalSeparator: detected }),
    amountReadings: readings,
    rows: validated.rows,
    skippedBlankRows: validated.skippedBlankRows,
    totals: validated.totals
  }
}

function base(ctx: Context): ReadRegistryResult {
  return {
    ...(ctx.format === undefined ? {} : { format: ctx.format }),
    encoding: ctx.encoding,
    ...(ctx.encodingAssumed === true ? { encodingAssumed: true } : {}),
    ...(ctx.delimiter === undefined ? {} : { delimiter: ctx.delimiter }),
    ...(ctx.sheets === undefined ? {} : { sheets: ctx.sheets }),
    ...(ctx.sheet === undefined ? {} : { sheet: ctx.sheet }),
    amountReadings: [],
    rows: [],
    skippedBlankRows: 0,
    totals: totalsOf([]),
    notices: ctx.notices
  }
}

function failed(ctx: Context, code: string, message: string): ReadRegistryResult {
  return { ...base(ctx), error: { code, message } }
}
