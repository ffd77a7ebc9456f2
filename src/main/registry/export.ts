// Runs in: main (pure, no I/O).
// Registry export: rows (and, once a payout has run, each row's status and transaction hash) to CSV
// and XLSX, plus the empty template offered to new users. CSV is UTF-8 with a BOM and CRLF line
// ends so Excel opens it as Unicode; values a spreadsheet would run as a formula are escaped. XLSX
// cells are all text, so no spreadsheet turns an address or amount into a float. Importing an
// export gives back the same rows.
import * as XLSX from '@e965/xlsx'
import { formatAmountUnambiguous } from '../domain/money'
import { escapeFormula } from './formulaEscape'

export interface ExportRow {
  readonly address: string
  /** Base units; when null the row's amount text is exported as the user left it. */
  readonly amount: bigint | null
  readonly amountText?: string
  readonly name?: string
  readonly reference?: string
  readonly note?: string
  readonly category?: string
  readonly costCenter?: string
  readonly status?: string
  readonly txHash?: string
}

export interface ExportOptions {
  /** Adds the status and tx_hash columns (payouts that have run). */
  readonly includeStatus?: boolean
}

export type ExportFormat = 'csv' | 'xlsx'

/** Header names; each is one the importer recognises (status and tx_hash are ignored on import). */
export const EXPORT_HEADERS = ['address', 'amount', 'name', 'reference', 'note', 'category', 'cost_center'] as const
export const STATUS_HEADERS = ['status', 'tx_hash'] as const
export const EXPORT_SHEET_NAME = 'Registry'

const UTF8_BOM = '\ufeff'
const CRLF = '\r\n'
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/

function table(rows: readonly ExportRow[], decimals: number, options: ExportOptions): string[][] {
  const header: string[] = [...EXPORT_HEADERS, ...(options.includeStatus === true ? STATUS_HEADERS : [])]
  const out: string[][] = [header]
  for (const row of rows) {
    const amount = row.amount === null ? (row.amountText ?? '') : formatAmountUnambiguous(row.amount, decimals)
    const cells = [
      row.address,
      amount,
      row.name ?? '',
      row.reference ?? '',
      row.note ?? '',
      row.category ?? '',
      row.costCenter ?? ''
    ]
    if (options.includeStatus === true) cells.push(row.status ?? '', row.txHash ?? '')
    out.push(cells)
  }
  return out
}

function csvCell(value: string): string {
  const escaped = escapeFormula(value)
  return NEEDS_QUOTES.test(escaped) ? `"${escaped.replace(/"/g, '""')}"` : escaped
}

/** CSV bytes of a table of text cells: UTF-8 with BOM, CRLF, formula-looking values escaped. */
export function toCsv(cells: readonly (readonly string[])[]): Uint8Array {
  const lines = cells.map((r) => r.map(csvCell).join(','))
  return new TextEncoder().encode(UTF8_BOM + lines.join(CRLF) + CRLF)
}

function toXlsx(cells: string[][]): Uint8Array {
  return toWorkbook([[EXPORT_SHEET_NAME, cells]])
}

/** A number cell: the exact decimal text its value is read from, and the number format it is shown in. */
export interface NumberCell {
  readonly kind: 'number'
  readonly text: string
  readonly format: string
}
/** Text (stored as text: no float ever touches it) or a number cell whose value a double holds exactly. */
export type SheetCell = string | NumberCell

/** XLSX bytes of named sheets; text cells are stored as text, number cells as numbers with their format. */
export function toWorkbook(sheets: ReadonlyArray<readonly [string, readonly (readonly SheetCell[])[]]>): Uint8Array {
  const wb = XLSX.utils.book_new()
  for (const [name, cells] of sheets) {
    const ws: XLSX.WorkSheet = {}
    let width = 1
    for (let r = 0; r < cells.length; r++) {
      const row = cells[r]!
      width = Math.max(width, row.length)
      for (let c = 0; c < row.length; c++) {
        const cell = row[c]!
        ws[XLSX.utils.encode_cell({ r, c })] =
          typeof cell === 'string' ? { t: 's', v: cell, z: '@' } : { t: 'n', v: Number(cell.text), z: cell.format }
      }
    }
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(cells.length - 1, 0), c: width - 1 } })
    ws['!cols'] = (cells[0] ?? []).map((h) => ({
      wch: typeof h === 'string' && /address|hash|signature|tx/i.test(h) ? 46 : 18
    }))
    XLSX.utils.book_append_sheet(wb, ws, name)
  }
  const out: unknown = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true })
  if (!(out instanceof ArrayBuffer)) throw new Error('Spreadsheet writer returned no bytes')
  return new Uint8Array(out)
}

export function exportRegistry(
  rows: readonly ExportRow[],
  asset: { readonly decimals: number },
  format: ExportFormat,
  options: ExportOptions = {}
): Uint8Array {
  const cells = table(rows, asset.decimals, options)
  return format === 'csv' ? toCsv(cells) : toXlsx(cells)
}

export function exportCsv(
  rows: readonly ExportRow[],
  asset: { readonly decimals: number },
  options: ExportOptions = {}
): Uint8Array {
  return exportRegistry(rows, asset, 'csv', options)
}

export function exportXlsx(
  rows: readonly ExportRow[],
  asset: { readonly decimals: number },
  options: ExportOptions = {}
): Uint8Array {
  return exportRegistry(rows, asset, 'xlsx', options)
}

/** The file a new user downloads and fills in: the header row only, so nothing in it can be paid by mistake. */
/**
 * Two example rows show what goes where. Their address column holds an instruction, not an
 * address, so an example left in by mistake is refused as an error row and can never be paid.
 */
export const TEMPLATE_EXAMPLES: readonly ExportRow[] = [
  {
    address: 'Example: paste the recipient address (0x…)',
    amount: null,
    amountText: '1250.00',
    name: 'Maria Lopez',
    reference: 'INV-2026-031',
    note: 'Example row: replace or delete it',
    category: '6000 Salaries',
    costCenter: 'Engineering'
  },
  {
    address: 'Example: paste the recipient address (0x…)',
    amount: null,
    amountText: '980.50',
    name: 'Kim Park',
    reference: 'AFF-1002',
    note: 'Example row: replace or delete it',
    category: '6200 Commissions',
    costCenter: 'Sales'
  }
]

export function registryTemplate(format: ExportFormat): Uint8Array {
  return exportRegistry(TEMPLATE_EXAMPLES, { decimals: 0 }, format)
}

/** File name for an export: the payout's title made safe for every file system. */
export function exportFileName(title: string, format: ExportFormat): string {
  const safe = title
    .replace(/[^\p{L}\p{N} ._-]+/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80)
  return `${safe === '' ? 'registry' : safe}.${format}`
}
