// Runs in: main (pure, no I/O) and the registry worker thread.
// Delimited text (CSV, TSV, semicolon, pipe) -> records of text cells, RFC 4180: quoted fields,
// doubled quotes, CRLF/LF/CR line ends, line breaks inside quotes. Every value stays text: nothing
// here knows numbers, so "0x00..01" can never become 1. Also detects the delimiter, respecting quotes.
import { isFilled } from './table'
import { LIMITS } from './types'

export type ParseResult =
  | { readonly ok: true; readonly records: string[][] }
  | { readonly ok: false; readonly code: string; readonly message: string }

export interface ParseLimits {
  readonly maxRecords: number
  readonly maxCellChars: number
  /** Stop quietly after this many records (delimiter sniffing) instead of failing. */
  readonly stopAfter?: number
}

const QUOTE = 34
const LF = 10
const CR = 13

/** Delimiters tried when the user has not chosen one, in order of preference on a tie. */
export const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const
/** Pseudo-delimiter for Disperse-style "address amount" or "address=amount" lines. */
export const SPACE_DELIMITER = ' '

const DEFAULT_LIMITS: ParseLimits = { maxRecords: LIMITS.maxRows + 1, maxCellChars: LIMITS.maxCellChars }

export function parseDelimited(text: string, delimiter: string, limits: ParseLimits = DEFAULT_LIMITS): ParseResult {
  if (delimiter === SPACE_DELIMITER) return parseSpaced(text, limits)
  const batch = parseDelimitedBatch(
    text,
    delimiter,
    { from: 0, recordsBefore: 0, batchRecords: Number.POSITIVE_INFINITY },
    limits
  )
  return batch.ok ? { ok: true, records: batch.records } : batch
}

export interface BatchPosition {
  /** Index in the text where this batch starts (where the last one stopped). */
  readonly from: number
  /** Records read by earlier batches: row numbers in messages and the row limit count them. */
  readonly recordsBefore: number
  /** Records to read in this batch at most. */
  readonly batchRecords: number
}

export type BatchResult =
  | {
      readonly ok: true
      readonly records: string[][]
      /** Where the next batch starts; text.length when done. */ readonly next: number
      readonly done: boolean
    }
  | { readonly ok: false; readonly code: string; readonly message: string }

/**
 * Reads the next records of a text, at most `batchRecords` of them, so that a large file is turned
 * into rows a batch at a time (each batch validated and packed before the next is read) instead of
 * all its records at once.
 */
export function parseDelimitedBatch(
  text: string,
  delimiter: string,
  at: BatchPosition,
  limits: ParseLimits = DEFAULT_LIMITS
): BatchResult {
  if (delimiter === SPACE_DELIMITER) {
    if (at.from !== 0) return { ok: true, records: [], next: text.length, done: true }
    const all = parseSpaced(text, limits)
    return all.ok ? { ok: true, records: all.records, next: text.length, done: true } : all
  }
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    return {
      ok: false,
      code: 'delimiter_invalid',
      message: `"${delimiter}" cannot separate columns. Choose comma, semicolon, tab or pipe.`
    }
  }
  const d = delimiter.charCodeAt(0)
  const n = text.length
  const records: string[][] = []
  const before = at.recordsBefore
  let row: string[] = []
  let i = at.from
  while (i < n) {
    let value: string
    if (text.charCodeAt(i) === QUOTE) {
      let start = i + 1
      let head = ''
      for (;;) {
        const q = text.indexOf('"', start)
        if (q < 0) {
          if (limits.stopAfter !== undefined) return { ok: true, records, next: n, done: true }
          return {
            ok: false,
            code: 'csv_unclosed_quote',
            message: `Row ${before + records.length + 1}: a value starts with a quote (") that is never closed, so the rest of the file would be one cell. Close the quote or remove it.`
          }
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          head += text.slice(start, q + 1)
          start = q + 2
          continue
        }
        value = head + text.slice(start, q)
        i = q + 1
        break
      }
      // Text after a closing quote is not RFC 4180, but spreadsheets write it; keep it rather than lose it.
      let j = i
      while (j < n) {
        const c = text.charCodeAt(j)
        if (c === d || c === LF || c === CR) break
        j++
      }
      if (j > i) value += text.slice(i, j)
      i = j
    } else {
      let j = i
      while (j < n) {
        const c = text.charCodeAt(j)
        if (c === d || c === LF || c === CR) break
        j++
      }
      value = text.slice(i, j)
      i = j
    }
    if (value.length > limits.maxCellChars)
      return gigantic(before + records.length + 1, row.length, value.length, limits.maxCellChars)
    row.push(value)
    if (i >= n) break
    const c = text.charCodeAt(i)
    if (c === d) {
      i++
      if (i === n) row.push('')
      continue
    }
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1
    records.push(row)
    row = []
    if (limits.stopAfter !== undefined && records.length >= limits.stopAfter)
      return { ok: true, records, next: i, done: true }
    if (before + records.length > limits.maxRecords) return tooManyRows(limits.maxRecords)
    if (records.length >= at.batchRecords && i < n) return { ok: true, records, next: i, done: false }
  }
  if (row.length > 0) records.push(row)
  if (before + records.length > limits.maxRecords) return tooManyRows(limits.maxRecords)
  return { ok: true, records, next: n, done: true }
}

/**
 * The file's records counted as parseDelimited reads them (quotes only open a value at its start),
 * without building any value; stops once past `stopAbove`. A file over the row limit is refused
 * before any of its rows is validated. A malformed end (an unclosed quote) is left to the parser.
 */
export function countRecords(text: string, delimiter: string, stopAbove: number = DEFAULT_LIMITS.maxRecords): number {
  if (delimiter.length !== 1) return 0
  const d = delimiter.charCodeAt(0)
  const n = text.length
  let records = 0
  let inRecord = false
  let i = 0
  while (i < n) {
    inRecord = true
    if (text.charCodeAt(i) === QUOTE) {
      let q = text.indexOf('"', i + 1)
      while (q >= 0 && text.charCodeAt(q + 1) === QUOTE) q = text.indexOf('"', q + 2)
      if (q < 0) return records + 1
      i = q + 1
    }
    let c = 0
    while (i < n) {
      c = text.charCodeAt(i)
      if (c === d || c === LF || c === CR) break
      i++
    }
    if (i >= n) break
    if (c === d) {
      i++
      continue
    }
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1
    records++
    inRecord = false
    if (records > stopAbove) return records
  }
  return inRecord ? records + 1 : records
}

export function tooManyRows(max: number = DEFAULT_LIMITS.maxRecords): { ok: false; code: string; message: string } {
  return {
    ok: false,
    code: 'too_many_rows',
    message: `The file has more than ${(max - 1).toLocaleString('en-US')} rows. Split it into several payouts.`
  }
}

/** "0xabc… 1.5", "0xabc…=1.5": one record per line, split on runs of spaces/tabs or "=". */
function parseSpaced(text: string, limits: ParseLimits): ParseResult {
  const lines = text.split(/\r\n|\n|\r/)
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  const end = limits.stopAfter === undefined ? lines.length : Math.min(lines.length, limits.stopAfter)
  if (end > limits.maxRecords) return tooManyRows(limits.maxRecords)
  const records: string[][] = new Array<string[]>(end)
  for (let r = 0; r < end; r++) {
    const line = lines[r]!.trim()
    if (line.length > limits.maxCellChars) return gigantic(r + 1, 0, line.length, limits.maxCellChars)
    const marked = ADDRESS_THEN_MARK.exec(line)
    records[r] = line === '' ? [''] : marked !== null ? [marked[1]!, marked[2]!] : line.split(/\s*=\s*|[ \t]+/)
  }
  return { ok: true, records }
}

function gigantic(
  row: number,
  column: number,
  length: number,
  max: number
): { ok: false; code: string; message: string } {
  return {
    ok: false,
    code: 'cell_too_large',
    message: `Row ${row}, column ${columnLetter(column)} holds ${length.toLocaleString('en-US')} characters; a cell may hold at most ${max.toLocaleString('en-US')}. The file may have an unclosed quote or is not a registry.`
  }
}

/** 0 -> "A", 25 -> "Z", 26 -> "AA": the column names a spreadsheet shows. */
export function columnLetter(index: number): string {
  let s = ''
  let n = index + 1
  while (n > 0) {
    const rem = (n - 1) % 26
    s = String.fromCharCode(65 + rem) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

/** "A" -> 0, "AB" -> 27; -1 when the text is not a column letter. */
export function columnIndex(letter: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letter)) return -1
  let n = 0
  for (const ch of letter.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n - 1
}

const SNIFF_RECORDS = 50
// An address, then "=", a comma, a semicolon or blanks, then the amount: the shapes a pasted
// payment list mixes line by line (one separator per file is a CSV, detected above).
const DISPERSE_LINE = /^\s*0x[0-9a-fA-F]{40}\s*(=|,|;|[ \t])\s*\S+\s*$/
/** A list line whose address is followed by a comma or semicolon: split there once, the rest is the amount. */
const ADDRESS_THEN_MARK = /^(0x[0-9a-fA-F]{40})\s*[,;]\s*(.*)$/

/**
 * Picks the delimiter: the one under which the header is recognised, else the one giving the most
 * consistent number of columns (at least two). Falls back to address-space-amount lines, then comma.
 */
export function detectDelimiter(text: string, headerRecognised: (cells: string[]) => boolean): string {
  let best: { delimiter: string; share: number; header: boolean; columns: number } | null = null
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const parsed = parseDelimited(text, delimiter, {
      maxRecords: SNIFF_RECORDS + 1,
      maxCellChars: LIMITS.maxCellChars,
      stopAfter: SNIFF_RECORDS
    })
    if (!parsed.ok) continue
    const filled = parsed.records.filter(isFilled)
    if (filled.length === 0) continue
    const counts = new Map<number, number>()
    for (const r of filled) counts.set(r.length, (counts.get(r.length) ?? 0) + 1)
    let mode = 0
    let modeCount = 0
    for (const [len, k] of counts)
      if (k > modeCount || (k === modeCount && len > mode)) {
        mode = len
        modeCount = k
      }
    if (mode < 2) continue
    const share = modeCount / filled.length
    const header = headerRecognised(filled[0]!)
    // Equal consistency: the split giving more columns wins ("1.234,5;José" is 3 cells by ';', not 2 by ',').
    const better =
      best === null ||
      (header && !best.header) ||
      (header === best.header && (share > best.share || (share === best.share && mode > best.columns)))
    if (better) best = { delimiter, share, header, columns: mode }
  }
  if (best !== null) return best.delimiter
  const lines = text.split(/\r\n|\n|\r/, SNIFF_RECORDS).filter((l) => l.trim() !== '')
  if (lines.length > 0 && lines.every((l) => DISPERSE_LINE.test(l))) return SPACE_DELIMITER
  return ','
}
