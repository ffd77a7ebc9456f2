// Runs in: main (pure, no I/O) and the registry worker thread.
// Records of a file, a batch at a time -> the mapped, validated and packed rows, or the question the
// user must answer first (which columns). A batch is mapped, validated and packed before the next
// is read, so a 1,000,000-row file never exists as a million records, inputs and row objects at
// once; duplicates across batches are found at the end (batchDuplicates.ts). A spreadsheet is one
// batch. The result is the same whatever the batch size.
import { columnLetter } from './csv'
import { createBatchDuplicates } from './batchDuplicates'
import {
  looksLikeAddress,
  mappingFromOptions,
  mappingToLetters,
  recogniseHeader,
  recogniseHeaderless,
  type ColumnMap
} from './headers'
import { createPackedRowsBuilder, type ChunkSink } from './packedRows'
import { baseResult, failedResult, type PackedReadResult, type ReadContext } from './readResult'
import { buildRowInputs, detectDecimalSeparator } from './rowInputs'
import { isFilled, type RawTable } from './table'
import { headerBelowTitles, titleRowsNotice } from './titleRows'
import { totalRowCandidate, totalRowVerdict } from './totalRow'
import {
  PREVIEW_READINGS,
  PREVIEW_ROWS,
  SEVERITY_ERROR,
  type DecimalSeparator,
  type ReadRegistryOptions,
  type RegistryAsset,
  type RegistryTotals
} from './types'
import { validateRows } from './validate'

export type NextBatch =
  | {
      readonly ok: true
      /** Records with their row numbers (sourceRows) and cell details by index in the batch. */ readonly table: RawTable
      readonly done: boolean
    }
  | { readonly ok: false; readonly code: string; readonly message: string }

/** Where records come from: a text file parsed a batch at a time, or a spreadsheet's one table. */
export interface RecordSource {
  next(): NextBatch
  /** Back to the first record (for the rare mapping that names a column only later rows have). */
  restart(): void
  /** Every record has been read: what the source holds (a whole file's text) can go. */
  close(): void
}

/** The first row is a header or a headerless address-amount row as it is: no title is looked for below it. */
const recognised = (record: readonly string[], asset: RegistryAsset): boolean =>
  recogniseHeader(record, asset) !== null || recogniseHeaderless(record) !== null

interface Mapping {
  readonly map: ColumnMap
  readonly hasHeader: boolean
}

export function readRows(
  source: RecordSource,
  asset: RegistryAsset,
  options: ReadRegistryOptions,
  ctx: ReadContext,
  sink?: ChunkSink,
  knownWidth = 0
): PackedReadResult {
  let width = knownWidth
  let head: string[] | null = null
  let first = -1
  let before = 0
  const sample: string[][] = []
  let mapping: Mapping | null = null
  /** Set when no mapping applies: the rest of the file is read only for its width. */
  let needsMapping = false
  const packed = createPackedRowsBuilder(asset.decimals, sink)
  const duplicates = createBatchDuplicates()
  const evidence = createDecimalEvidence()
  const readings: PackedReadResult['amountReadings'][number][] = []
  let readCount = 0
  let skippedBlankRows = 0
  let ambiguous = false
  let amountTotal = 0n
  const decimalSeparator = options.decimalSeparator
  const validateOptions = {
    readingFile: true,
    duplicatesByCaller: true,
    ...(options.payerAddress === undefined ? {} : { payerAddress: options.payerAddress }),
    ...(decimalSeparator === undefined ? {} : { decimalSeparator })
  }
  for (;;) {
    const next = source.next()
    if (!next.ok) return failedResult(ctx, next.code, next.message)
    const { records } = next.table
    for (const r of records) if (r.length > width) width = r.length
    if (head === null) {
      const j = records.findIndex(isFilled)
      if (j >= 0) {
        const h =
          options.mapping === undefined && !recognised(records[j]!, asset) ? headerBelowTitles(records, j, asset) : -1
        if (h >= 0) ctx.notices.push(titleRowsNotice(next.table, j, h))
        head = records[h >= 0 ? h : j]!
        first = before + (h >= 0 ? h : j)
      }
    }
    if (head !== null && sample.length < PREVIEW_ROWS) {
      for (let k = Math.max(first - before, 0); k < records.length && sample.length < PREVIEW_ROWS; k++)
        sample.push(records[k]!)
    }
    if (head !== null && mapping === null && !needsMapping) {
      const decided = decideMapping(head, width, asset, options)
      if ('error' in decided) {
        // A chosen column may lie beyond the columns seen so far: only the whole file's width can refuse it.
        if (decided.error.code !== 'mapping_bad_column' || next.done)
          return failedResult(ctx, decided.error.code, decided.error.message)
        const fullWidth = widthOfRest(source, width)
        if (typeof fullWidth !== 'number') return failedResult(ctx, fullWidth.code, fullWidth.message)
        if (fullWidth === width) return failedResult(ctx, decided.error.code, decided.error.message)
        source.restart()
        return readRows(source, asset, options, ctx, sink, fullWidth)
      }
      if (decided.mapping === null) needsMapping = true
      else mapping = decided.mapping
    }
    if (mapping !== null) {
      const start = mapping.hasHeader ? first + 1 : first
      const text = ctx.format === 'csv'
      const shape =
        text && ctx.delimiter !== undefined && head !== null
          ? { width: head.length, delimiter: ctx.delimiter, hasHeader: mapping.hasHeader }
          : undefined
      const inputs = buildRowInputs(next.table, Math.max(start - before, 0), mapping.map, text, shape)
      evidence.add(inputs)
      const validated = validateRows(inputs, asset, validateOptions)
      skippedBlankRows += validated.skippedBlankRows
      amountTotal += validated.totals.amountTotal
      let chunkRows = validated.rows
      // The file's last row may be its own total line (totalRow.ts).
      const total = next.done ? totalRowCandidate(chunkRows.at(-1)) : undefined
      if (total !== undefined) {
        // A formula is never read as an amount, so it was never counted in the file's total.
        const counted = total.amount ?? 0n
        const verdict = totalRowVerdict(total, amountTotal - counted, asset)
        ctx.notices.push(verdict.notice)
        if (verdict.leaveOut) {
          chunkRows = chunkRows.slice(0, -1)
          amountTotal -= counted
        }
      }
      const at = packed.add(chunkRows)
      for (let r = 0; r < chunkRows.length; r++) {
        const row = chunkRows[r]!
        duplicates.track(at + r, row)
        if (row.amountReadAs !== undefined) {
          readCount++
          if (readings.length < PREVIEW_READINGS)
            readings.push({ sourceRow: row.sourceRow, text: row.amountText, readAs: row.amountReadAs })
        }
        if (!ambiguous && row.issues.some((i) => i.code === 'amount_ambiguous_separator')) ambiguous = true
      }
    }
    before += records.length
    if (next.done) break
  }
  source.close()
  if (head === null) return failedResult(ctx, 'file_empty', 'The file has no rows with data.')
  const columns = Array.from({ length: width }, (_, i) => columnLetter(i))
  const headers = columns.map((_, i) => head![i] ?? '')
  if (mapping === null) {
    const guessHeader = !head.some(looksLikeAddress)
    return { ...baseResult(ctx), needs: 'mapping', headers, columns, hasHeader: guessHeader, sample }
  }
  for (const [index, issue] of duplicates.issues(packed.sourceRowOf)) packed.addIssue(index, issue)
  const detected = evidence.verdict()
  if (readCount > 0)
    ctx.notices.push({
      code: 'amounts_read_as',
      message: `${readCount} amount${readCount === 1 ? ' was' : 's were'} written with thousands or decimal separators; check how they were read in the preview.`
    })
  if (detected !== undefined && decimalSeparator === undefined && ambiguous) {
    ctx.notices.push({
      code: 'decimal_separator_suggested',
      message: `Other amounts in this file use "${detected}" as the decimal separator. Choose it as the file's decimal separator to read the ambiguous amounts.`
    })
  }
  const rows = packed.finish()
  return {
    ...baseResult(ctx),
    headers: mapping.hasHeader ? headers : columns.map(() => ''),
    columns,
    hasHeader: mapping.hasHeader,
    mapping: mappingToLetters(mapping.map),
    sample,
    ...(decimalSeparator === undefined ? {} : { decimalSeparator }),
    ...(detected === undefined ? {} : { detectedDecimalSeparator: detected }),
    amountReadings: readings,
    packed: rows,
    skippedBlankRows,
    totals: totalsOfPacked(rows.count, rows.issues, amountTotal)
  }
}

type Decided =
  { readonly mapping: Mapping | null } | { readonly error: { readonly code: string; readonly message: string } }

/** The user's mapping, else a recognised header, else a headerless address-amount layout; null: ask the user. */
function decideMapping(
  head: readonly string[],
  width: number,
  asset: RegistryAsset,
  options: ReadRegistryOptions
): Decided {
  if (options.mapping !== undefined) {
    const chosen = mappingFromOptions(options.mapping, width)
    if (!chosen.ok) return { error: { code: chosen.code, message: chosen.message } }
    return { mapping: { map: chosen.columns, hasHeader: options.hasHeader ?? true } }
  }
  const header = recogniseHeader(head, asset)
  if (header !== null) return { mapping: { map: header, hasHeader: true } }
  const headerless = recogniseHeaderless(head)
  return { mapping: headerless === null ? null : { map: headerless, hasHeader: false } }
}

function widthOfRest(
  source: RecordSource,
  width: number
): number | { readonly code: string; readonly message: string } {
  let w = width
  for (;;) {
    const next = source.next()
    if (!next.ok) return next
    for (const r of next.table.records) if (r.length > w) w = r.length
    if (next.done) return w
  }
}

/** The totals validation reports, from the rows that have issues (every other row is valid). */
function totalsOfPacked(
  count: number,
  issues: ReadonlyArray<readonly [number, readonly { severity: string }[]]>,
  amountTotal: bigint
): RegistryTotals {
  let rowsWithErrors = 0
  let rowsWithWarnings = 0
  let errors = 0
  let warnings = 0
  for (const [, list] of issues) {
    let e = 0
    for (const issue of list) if (issue.severity === SEVERITY_ERROR) e++
    errors += e
    warnings += list.length - e
    if (e > 0) rowsWithErrors++
    if (list.length > e && e === 0) rowsWithWarnings++
  }
  return {
    rows: count,
    validRows: count - rowsWithErrors,
    rowsWithErrors,
    rowsWithWarnings,
    errors,
    warnings,
    amountTotal
  }
}

/**
 * detectDecimalSeparator over every amount of the file, without keeping a million amounts: each
 * amount counts as evidence of a decimal comma, of a decimal point, or of nothing, on its own, so a
 * batch whose verdict is clear settles what it shows, and only a batch showing both (or neither) is
 * looked at amount by amount.
 */
function createDecimalEvidence(): {
  add(inputs: ReadonlyArray<{ readonly amount: string }>): void
  verdict(): DecimalSeparator | undefined
} {
  let comma = false
  let point = false
  return {
    add(inputs) {
      const amounts = inputs.map((i) => i.amount)
      const batch = detectDecimalSeparator(amounts)
      if (batch === ',') comma = true
      else if (batch === '.') point = true
      else if (!(comma && point)) {
        for (const amount of amounts) {
          const one = detectDecimalSeparator([amount])
          if (one === ',') comma = true
          else if (one === '.') point = true
        }
      }
    },
    verdict: () => (comma && !point ? ',' : point && !comma ? '.' : undefined)
  }
}
