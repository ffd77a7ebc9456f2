// Runs in: main (pure, no I/O) and the registry worker thread.
// The shapes of a registry import: what the reader is given, what it returns, and the named limits
// that keep a hostile or broken file from taking the app down. Everything here survives structured
// clone (bigints included), so a worker can hand a result back unchanged.
import type { Issue } from '../../shared/api'

/** The payout's asset: amounts are read with its decimals; asset columns in a file must agree with it. */
export interface RegistryAsset {
  readonly decimals: number
  readonly symbol: string
  readonly chainId: number
  /** ERC-20 contract; absent for the chain's native coin. */
  readonly tokenAddress?: string
}

export type DecimalSeparator = '.' | ','

export interface ReadRegistryOptions {
  /** Sheet to read when a workbook has several (name exactly as listed in `sheets`). */
  readonly sheet?: string
  /** Delimiter for text files: ',', ';', '\t', '|' or ' ' (address-space-amount lines). */
  readonly delimiter?: string
  /** Text encoding label understood by TextDecoder (utf-8, utf-16le, windows-1252, ...). */
  readonly encoding?: string
  /** Field -> column letter ("A", "B", ...) chosen in the mapping step. */
  readonly mapping?: Record<string, string>
  /** With `mapping`: whether the first non-blank row is a header (default true). */
  readonly hasHeader?: boolean
  /** The paying account: paying it is refused. */
  readonly payerAddress?: string
  /** The file's decimal separator, chosen by the user when amounts are ambiguous. */
  readonly decimalSeparator?: DecimalSeparator
}

/** Fields a column can be mapped to. Asset columns are checked against the payout's asset. */
export const REGISTRY_FIELDS = [
  'address',
  'amount',
  'name',
  'reference',
  'note',
  'category',
  'cost_center',
  'token_type',
  'token_address',
  'currency',
  'chain_id'
] as const
export type RegistryField = (typeof REGISTRY_FIELDS)[number]

export type IssueSeverity = Issue['severity']
export const SEVERITY_ERROR: IssueSeverity = 'error'
export const SEVERITY_WARNING: IssueSeverity = 'warning'

export interface RegistryRow {
  /** Row number as the user sees it in the file (header = row 1). */
  readonly sourceRow: number
  /** Checksummed when valid; otherwise the text exactly as in the file, so it can be fixed. */
  readonly address: string
  /** Base units; null when the amount is not valid. */
  readonly amount: bigint | null
  /** The amount as written in the file (shown in the grid when it is not valid). */
  readonly amountText: string
  /** How a grouped or decimal-comma amount was read ("1.234,5 read as 1234.5"). */
  readonly amountReadAs?: string
  readonly name?: string
  readonly reference?: string
  readonly note?: string
  /** Account code or category the books file the payment under (optional). */
  readonly category?: string
  readonly costCenter?: string
  readonly issues: Issue[]
}

export interface RegistryTotals {
  readonly rows: number
  readonly validRows: number
  readonly rowsWithErrors: number
  /** Rows with warnings and no error: a row with both counts once, as an error row, as the grid counts it. */
  readonly rowsWithWarnings: number
  readonly errors: number
  readonly warnings: number
  /** Sum of every amount that could be read, in base units. */
  readonly amountTotal: bigint
}

export interface FileNotice {
  readonly code: string
  readonly message: string
}

export type RegistryFormat = 'csv' | 'xlsx' | 'xls' | 'ods'

export interface ReadRegistryResult {
  readonly format?: RegistryFormat
  /** Text encoding used (spreadsheets: the encoding of their inner text, 'utf-8' or 'utf-16le'). */
  readonly encoding: string
  /** True when the encoding was not declared by the file and had to be assumed. */
  readonly encodingAssumed?: boolean
  readonly delimiter?: string
  readonly sheets?: string[]
  readonly sheet?: string
  readonly needs?: 'sheet' | 'mapping'
  /** The header row as written (blank strings where a column has no header). */
  readonly headers?: string[]
  /** Column letters ("A", "B", ...), aligned with `headers` and `sample`. */
  readonly columns?: string[]
  readonly hasHeader?: boolean
  /** Field -> column letter actually used. */
  readonly mapping?: Record<string, string>
  /** First rows of the file as text, for the preview and the mapping step. */
  readonly sample?: string[][]
  /** Decimal separator used to read amounts, and the one the file's amounts suggest. */
  readonly decimalSeparator?: DecimalSeparator
  readonly detectedDecimalSeparator?: DecimalSeparator
  /** Up to PREVIEW_READINGS amounts that were not plain, and how each was read. */
  readonly amountReadings: Array<{ sourceRow: number; text: string; readAs: string }>
  readonly rows: RegistryRow[]
  readonly skippedBlankRows: number
  readonly totals: RegistryTotals
  /** File-level information the preview must show (assumed encoding, ignored sheets, ...). */
  readonly notices: FileNotice[]
  /** Set when the file cannot be read at all; rows is then empty. */
  readonly error?: FileNotice
}

/** Limits. Each has a message in limits.ts; raise them only with a reason. */
export const LIMITS = {
  /** Largest file accepted, in bytes. */
  maxFileBytes: 128 * 1024 * 1024,
  /** Most data rows in one file (the issue asks for at least 100,000). */
  maxRows: 1_000_000,
  /** Excel's own limit for the characters in one cell. */
  maxCellChars: 32_767,
  /** Most columns considered in one row. */
  maxColumns: 256,
  /** XLSX/ODS: total bytes after decompression. */
  maxUncompressedBytes: 300 * 1024 * 1024,
  /** XLSX/ODS: total uncompressed / total compressed, checked once the total is large. */
  maxExpansionRatio: 200,
  /** The ratio check applies above this many uncompressed bytes (small files compress well). */
  ratioCheckAboveBytes: 8 * 1024 * 1024,
  /** XLSX/ODS: entries in the archive. */
  maxZipEntries: 10_000
} as const

export const PREVIEW_ROWS = 10
export const PREVIEW_READINGS = 20
