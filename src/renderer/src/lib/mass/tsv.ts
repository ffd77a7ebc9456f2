// Runs in: renderer. Reads a block copied from Excel, Google Sheets or LibreOffice (tab-separated
// text on the clipboard) into rows of cells, recognises a header row so pasted columns land in the
// right fields, and writes a block the same way for spreadsheets to paste. Pure, so every rule is
// tested without a browser.
import { GRID_FIELDS, type GridField } from './gridRows'

const TAB = '\t'
const QUOTE = '"'

/**
 * Splits clipboard text into rows of cells. Cells that hold a tab, a line break or a quote arrive
 * wrapped in quotes with inner quotes doubled (what spreadsheets write); anything else is literal.
 * A quote that never closes is taken literally rather than swallowing the rest of the block.
 * The final line break spreadsheets append does not make an extra row.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = []
  if (text.length === 0) return rows
  let row: string[] = []
  let i = 0
  const n = text.length
  for (;;) {
    const quoted = text[i] === QUOTE ? readQuoted(text, i) : null
    const end = quoted === null ? plainEnd(text, i) : quoted.end
    row.push(quoted === null ? text.slice(i, end) : quoted.value)
    i = end
    if (i >= n) {
      rows.push(row)
      break
    }
    if (text[i] === TAB) {
      i++ // the next cell, possibly an empty one at the very end
      continue
    }
    // A line break: \r\n, \n or a lone \r.
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1
    rows.push(row)
    row = []
    if (i >= n) break
  }
  return dropTrailingEmpty(rows)
}

/** Line break between copied rows, as spreadsheets on every system write it. */
const ROW_BREAK = '\r\n'

/**
 * Writes rows of cells as spreadsheets put them on the clipboard: cells separated by tabs, rows by
 * line breaks, and a cell holding a tab, a line break or a quote wrapped in quotes with its quotes
 * doubled. parseTsv reads it back cell for cell.
 */
export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((cells) => cells.map(quoteCell).join(TAB)).join(ROW_BREAK)
}

function quoteCell(cell: string): string {
  return /[\t\r\n"]/.test(cell) ? `${QUOTE}${cell.replaceAll(QUOTE, QUOTE + QUOTE)}${QUOTE}` : cell
}

function plainEnd(text: string, from: number): number {
  let j = from
  while (j < text.length && text[j] !== TAB && text[j] !== '\n' && text[j] !== '\r') j++
  return j
}

/** A quoted cell: its value and where it ends, or null when the quote does not close properly. */
function readQuoted(text: string, start: number): { value: string; end: number } | null {
  let value = ''
  let j = start + 1
  while (j < text.length) {
    const ch = text[j]
    if (ch === QUOTE) {
      if (text[j + 1] === QUOTE) {
        value += QUOTE
        j += 2
        continue
      }
      const next = text[j + 1]
      // Closed: must be followed by a separator or the end, otherwise it was not a quoted cell.
      if (next === undefined || next === TAB || next === '\n' || next === '\r') return { value, end: j + 1 }
      return null
    }
    value += ch
    j++
  }
  return null
}

function dropTrailingEmpty(rows: string[][]): string[][] {
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === '')) rows.pop()
  return rows
}

/**
 * One payment per line as lists are written in mail, chat and text editors: an address, then
 * blanks, a comma, a semicolon or "=", then the amount ("0x… 1.5", "0x…,1.5", "0x…=1.5").
 */
const PAYMENT_LINE = /^\s*(0x[0-9a-fA-F]{40})\s*(?:[,;=]\s*|\s+)(\S(?:.*\S)?)\s*$/

/**
 * A pasted block that is such a list (one cell per row, every non-blank line an address and an
 * amount) as [address, amount] rows; null for anything else, which is pasted cell for cell.
 */
export function paymentList(block: readonly (readonly string[])[]): string[][] | null {
  if (block.length === 0 || block.some((row) => row.length !== 1)) return null
  const rows: string[][] = []
  for (const [line = ''] of block) {
    if (line.trim() === '') {
      rows.push(['', ''])
      continue
    }
    const payment = PAYMENT_LINE.exec(line)
    if (payment === null) return null
    rows.push([payment[1]!, payment[2]!])
  }
  return rows
}

const HEADER_ALIASES: Readonly<Record<string, GridField>> = {
  address: 'address',
  receiver: 'address',
  recipient: 'address',
  wallet: 'address',
  'wallet address': 'address',
  'recipient address': 'address',
  amount: 'amount',
  value: 'amount',
  name: 'name',
  'recipient name': 'name',
  reference: 'reference',
  ref: 'reference',
  id: 'reference',
  'external id': 'reference',
  note: 'note',
  comment: 'note',
  description: 'note',
  memo: 'note',
  category: 'category',
  account: 'category',
  'account code': 'category',
  'cost center': 'costCenter',
  'cost centre': 'costCenter'
}

/** The grid field a header cell names ("Wallet Address" -> address), or null. */
export function headerField(cell: string): GridField | null {
  const key = cell
    .trim()
    .toLowerCase()
    .replace(/[_\s-]+/g, ' ')
  return HEADER_ALIASES[key] ?? null
}

/**
 * When the first pasted row is a header (it names at least one field and holds nothing that looks
 * like an address or a number), the field of each of its columns; otherwise null.
 */
export function detectHeader(firstRow: readonly string[]): ReadonlyArray<GridField | null> | null {
  const fields = firstRow.map(headerField)
  const named = fields.filter((f) => f !== null)
  if (named.length === 0) return null
  const looksLikeData = firstRow.some((c) => /^\s*0x[0-9a-fA-F]{6,}/.test(c) || /^\s*[0-9][0-9.,\s]*$/.test(c))
  if (looksLikeData) return null
  return new Set(named).size === named.length ? fields : null
}

/** The editable fields in grid order, for pasting a headerless block from a given column onward. */
export function fieldsFrom(startField: GridField, order: readonly GridField[] = GRID_FIELDS): GridField[] {
  const at = order.indexOf(startField)
  return at < 0 ? [...order] : order.slice(at)
}
