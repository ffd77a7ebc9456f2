// Runs in: the registry worker and main (plain Node). Files exported as reports (from payroll,
// accounting and affiliate tools, or a sheet someone titled by hand) put a few rows above their
// column headings: a title, a company name, a date range. Read as the header, such a row sends the
// file to the mapping step and makes the real headings a row of data with errors. A recognised
// header a few rows down is taken instead, and the rows above it are left out, said in a notice.
// Only rows that hold no address are ever left out: a row with one may be a payment.
import { recogniseHeader } from './headers'
import { isFilled, sourceRowOf, type RawTable } from './table'
import type { RegistryAsset } from './types'

/** The notice naming title rows left out above the headings. */
export const TITLE_ROWS_SKIPPED = 'title_rows_skipped'

/** At most this many filled rows are taken for a title above the headings. */
export const MAX_TITLE_ROWS = 10
/** The notice quotes this many title rows, each cut to TITLE_QUOTE_CHARS. */
const QUOTED_ROWS = 3
const TITLE_QUOTE_CHARS = 60

/** 40 hex digits standing alone anywhere in a cell, with or without 0x: a whole-cell address included. */
const ADDRESS_IN_TEXT = /(?:^|[^0-9a-fA-F])(?:0x)?[0-9a-fA-F]{40}(?![0-9a-fA-F])/
const holdsAddress = (record: readonly string[]): boolean => record.some((c) => ADDRESS_IN_TEXT.test(c))

/**
 * The index of a recognised header below title rows, the first of which is `start` (the first
 * filled record), or -1 when there is none within MAX_TITLE_ROWS filled rows, or a row before it
 * holds an address.
 */
export function headerBelowTitles(
  records: readonly (readonly string[])[],
  start: number,
  asset: Pick<RegistryAsset, 'symbol'>
): number {
  let titles = 0
  for (let k = start; k < records.length; k++) {
    const record = records[k]!
    if (!isFilled(record)) continue
    if (k > start && recogniseHeader(record, asset) !== null) return k
    if (holdsAddress(record) || ++titles > MAX_TITLE_ROWS) return -1
  }
  return -1
}

/** The notice naming the title rows left out, between `start` and the header at `header`. */
export function titleRowsNotice(table: RawTable, start: number, header: number): { code: string; message: string } {
  const titles: Array<{ row: number; text: string }> = []
  for (let k = start; k < header; k++) {
    const record = table.records[k]!
    if (!isFilled(record)) continue
    const text = record
      .map((c) => c.trim())
      .filter((c) => c !== '')
      .join(' ')
    titles.push({
      row: sourceRowOf(table, k),
      text: text.length > TITLE_QUOTE_CHARS ? `${text.slice(0, TITLE_QUOTE_CHARS)}…` : text
    })
  }
  const rows = titles.map((t) => t.row)
  const named = rows.length === 1 ? `Row ${rows[0]}` : `Rows ${rows.slice(0, -1).join(', ')} and ${rows.at(-1)}`
  const quoted = titles
    .slice(0, QUOTED_ROWS)
    .map((t) => `“${t.text}”`)
    .join(', ')
  const more = titles.length > QUOTED_ROWS ? ` and ${titles.length - QUOTED_ROWS} more` : ''
  return {
    code: TITLE_ROWS_SKIPPED,
    message: `${named} above the column headings (row ${sourceRowOf(table, header)}) ${rows.length === 1 ? 'was' : 'were'} left out as the file's title: ${quoted}${more}. ${rows.length === 1 ? 'It names' : 'They name'} no recipient.`
  }
}
