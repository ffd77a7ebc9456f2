// Runs in: main (pure, no I/O). CSV as accounting systems import it: comma-separated, CRLF line
// ends, RFC 4180 quoting. Cells are either text or numbers. Text that a spreadsheet would run as
// a formula is escaped (registry/formulaEscape.ts). Numbers are written exactly as given, and only
// what looks like a plain decimal is accepted as a number: "-1234.50" in an amount column must stay
// a number for the importer, and can carry no formula.
import { escapeFormula } from '../../registry/formulaEscape'

export type Cell =
  { readonly kind: 'text'; readonly value: string } | { readonly kind: 'number'; readonly value: string }

const PLAIN_NUMBER = /^-?[0-9]+(\.[0-9]+)?$/
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/
const CRLF = '\r\n'
const UTF8_BOM = '\ufeff'

export const text = (value: string): Cell => ({ kind: 'text', value })

/** A numeric cell; '' is an empty cell. Anything but a plain decimal is a programming error. */
export function num(value: string): Cell {
  if (value !== '' && !PLAIN_NUMBER.test(value)) throw new Error(`"${value}" is not a plain decimal number`)
  return { kind: 'number', value }
}

export const empty: Cell = { kind: 'text', value: '' }

function field(cell: Cell): string {
  const value = cell.kind === 'text' ? escapeFormula(cell.value) : cell.value
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export interface CsvOptions {
  /** A byte order mark makes Excel read UTF-8; strict importers (Cryptio, Koinly) want none. */
  readonly bom: boolean
}

export function csvText(header: readonly string[], rows: readonly (readonly Cell[])[], options: CsvOptions): string {
  const lines = [header.map((h) => field(text(h))).join(',')]
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`A row has ${row.length} cells for ${header.length} columns`)
    lines.push(row.map(field).join(','))
  }
  return (options.bom ? UTF8_BOM : '') + lines.join(CRLF) + CRLF
}

export function csvBytes(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  options: CsvOptions
): Uint8Array {
  return new TextEncoder().encode(csvText(header, rows, options))
}
