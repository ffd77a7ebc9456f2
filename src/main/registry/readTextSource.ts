// Runs in: main (pure, no I/O) and the registry worker thread.
// A text registry (CSV, TSV, semicolon, pipe, address-amount lines) as a source of records read a
// batch at a time: decoded once, its delimiter chosen (or detected), then parsed batch by batch on
// demand, so only one batch of records exists at a time.
import { decodeText } from './decode'
import { countRecords, detectDelimiter, parseDelimitedBatch, SPACE_DELIMITER, tooManyRows } from './csv'
import { recogniseHeader } from './headers'
import type { ReadContext } from './readResult'
import type { RecordSource } from './readRows'
import { LIMITS, type ReadRegistryOptions, type RegistryAsset } from './types'

/** Records parsed, mapped, validated and packed at a time. Large enough that a batch's overhead is nothing; small enough that its records are a few MB. */
export const TEXT_BATCH_RECORDS = 50_000

const NO_BYTES = new Uint8Array(0)

/**
 * The line Excel writes first to declare a CSV's separator ("sep=;"). Excel reads it as an
 * instruction and shows the line after it as row 1, so it is taken the same way: the separator,
 * unless the user chose one, and rows numbered from the line after it.
 */
const EXCEL_SEPARATOR_LINE = /^sep=([^\r\n"])\1*(?:\r\n|\n|\r|$)/i

const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  comma: ',',
  semicolon: ';',
  tab: '\t',
  pipe: '|',
  space: SPACE_DELIMITER,
  '\\t': '\t'
}

export function textSource(
  file: { bytes: Uint8Array },
  options: ReadRegistryOptions,
  asset: RegistryAsset,
  ctx: ReadContext,
  batchRecords = TEXT_BATCH_RECORDS
): { source: RecordSource } | { error: { code: string; message: string } } {
  ctx.format = 'csv'
  const decoded = decodeText(file.bytes, options.encoding)
  file.bytes = NO_BYTES
  if (!decoded.ok) return { error: decoded }
  ctx.encoding = decoded.encoding
  if (decoded.assumed) ctx.encodingAssumed = true
  if (decoded.message !== undefined)
    ctx.notices.push({
      code: decoded.assumed ? 'encoding_assumed' : 'encoding_replaced_bytes',
      message: decoded.message
    })
  const chosen =
    options.delimiter === undefined || options.delimiter === ''
      ? undefined
      : (DELIMITER_NAMES[options.delimiter.toLowerCase()] ?? options.delimiter)
  const declared = EXCEL_SEPARATOR_LINE.exec(decoded.text)
  let text = declared === null ? decoded.text : decoded.text.slice(declared[0].length)
  const delimiter = chosen ?? declared?.[1] ?? detectDelimiter(text, (cells) => recogniseHeader(cells, asset) !== null)
  ctx.delimiter = delimiter
  // Read in batches, a file over the row limit would be found out only after validating a million rows.
  if (
    delimiter !== SPACE_DELIMITER &&
    lineBreaksAtLeast(text, LIMITS.maxRows + 1) &&
    countRecords(text, delimiter) > LIMITS.maxRows + 1
  )
    return { error: tooManyRows() }
  let from = 0
  let before = 0
  return {
    source: {
      next() {
        const batch = parseDelimitedBatch(text, delimiter, { from, recordsBefore: before, batchRecords })
        if (!batch.ok) return batch
        const sourceRows = new Array<number>(batch.records.length)
        for (let k = 0; k < sourceRows.length; k++) sourceRows[k] = before + k + 1
        before += batch.records.length
        from = batch.next
        return { ok: true, table: { records: batch.records, sourceRows }, done: batch.done }
      },
      restart() {
        from = 0
        before = 0
      },
      close() {
        text = ''
      }
    }
  }
}

/** Whether the text has `n` line breaks (CR or LF) or more: with fewer it cannot have more than `n` records, and the exact count is skipped. */
function lineBreaksAtLeast(text: string, n: number): boolean {
  let breaks = 0
  for (const mark of ['\n', '\r']) {
    for (let at = text.indexOf(mark); at >= 0; at = text.indexOf(mark, at + 1)) if (++breaks >= n) return true
  }
  return false
}
