// Runs in: the registry worker thread (packing) and main (unpacking); pure, no I/O.
// Validated rows in a compact form for the trip from the worker to main. An array of a million row
// objects costs the structured clone a walk over every object and property; packed, the rows are one
// string (every text field, back to back), one array of field lengths and one of row numbers (both
// transferred, not copied), plus the issues of the rows that have any. Main reads the fields back
// as slices of the one string.
import { formatAmount } from '../domain/money'
import type { RegistryRow, RowIssue } from './types'

/** The text fields of a row, in the order they are packed. */
const FIELD = { address: 0, amountText: 1, baseUnits: 2, shownAmount: 3, readAs: 4, name: 5, reference: 6, note: 7 } as const
const FIELDS_PER_ROW = 8

export interface PackedRows {
  readonly count: number
  /** Every text field of every row, concatenated in row order then FIELD order. */
  readonly text: string
  /** Length of each field, FIELDS_PER_ROW per row. */
  readonly lengths: Uint32Array
  readonly sourceRows: Uint32Array
  /** Issues of the rows that have any, by row index; every other row has none. */
  readonly issues: ReadonlyArray<readonly [number, RowIssue[]]>
}

/** One row as main hands it on: amounts as text in base units and as shown, no bigint. */
export interface PackedRowView {
  readonly sourceRow: number
  readonly address: string
  readonly amountText: string
  /** Base units as decimal text; null when the amount is not valid. */
  readonly baseUnits: string | null
  /** The amount formatted with the asset's decimals when valid, else as written. */
  readonly shownAmount: string
  readonly readAs: string | null
  readonly name: string
  readonly reference: string
  readonly note: string
  readonly issues: RowIssue[]
}

/** The buffers postMessage should transfer rather than copy. */
export function transferablesOf(packed: PackedRows): ArrayBuffer[] {
  return [packed.lengths.buffer as ArrayBuffer, packed.sourceRows.buffer as ArrayBuffer]
}

/**
 * Packs rows in chunks so the pieces joined at once stay bounded; `decimals` formats the amounts as
 * the preview shows them. Valid amounts are never empty text, so an empty base-units field means null.
 */
export function packRows(rows: readonly RegistryRow[], decimals: number): PackedRows {
  const count = rows.length
  const lengths = new Uint32Array(count * FIELDS_PER_ROW)
  const sourceRows = new Uint32Array(count)
  const issues: Array<readonly [number, RowIssue[]]> = []
  const parts: string[] = new Array<string>(count * FIELDS_PER_ROW)
  for (let i = 0; i < count; i++) {
    const row = rows[i]!
    const base = i * FIELDS_PER_ROW
    const baseUnits = row.amount === null ? '' : row.amount.toString()
    const fields = [row.address, row.amountText, baseUnits, row.amount === null ? row.amountText : formatAmount(row.amount, decimals), row.amountReadAs ?? '', row.name ?? '', row.reference ?? '', row.note ?? '']
    for (let f = 0; f < FIELDS_PER_ROW; f++) {
      parts[base + f] = fields[f]!
      lengths[base + f] = fields[f]!.length
    }
    sourceRows[i] = row.sourceRow
    if (row.issues.length > 0) issues.push([i, row.issues])
  }
  return { count, text: parts.join(''), lengths, sourceRows, issues }
}

const NO_ISSUES: RowIssue[] = []

/** Calls `visit` with each row in order; fields are slices of the packed text. */
export function forEachPackedRow(packed: PackedRows, visit: (row: PackedRowView, index: number) => void): void {
  const { text, lengths, sourceRows } = packed
  let at = 0
  let nextIssue = 0
  const field = (index: number): string => {
    const start = at
    at += lengths[index]!
    return text.slice(start, at)
  }
  for (let i = 0; i < packed.count; i++) {
    const base = i * FIELDS_PER_ROW
    const address = field(base + FIELD.address)
    const amountText = field(base + FIELD.amountText)
    const baseUnits = field(base + FIELD.baseUnits)
    const shownAmount = field(base + FIELD.shownAmount)
    const readAs = field(base + FIELD.readAs)
    const name = field(base + FIELD.name)
    const reference = field(base + FIELD.reference)
    const note = field(base + FIELD.note)
    let issues = NO_ISSUES
    const entry = packed.issues[nextIssue]
    if (entry !== undefined && entry[0] === i) {
      issues = entry[1]
      nextIssue++
    }
    visit({ sourceRow: sourceRows[i]!, address, amountText, baseUnits: baseUnits === '' ? null : baseUnits, shownAmount, readAs: readAs === '' ? null : readAs, name, reference, note, issues: issues === NO_ISSUES ? [] : issues }, i)
  }
}

/** The rows exactly as readRegistry returned them (bigints and optional fields included). */
export function unpackRows(packed: PackedRows): RegistryRow[] {
  const rows: RegistryRow[] = []
  forEachPackedRow(packed, (v) => {
    const row: { -readonly [K in keyof RegistryRow]: RegistryRow[K] } = { sourceRow: v.sourceRow, address: v.address, amount: v.baseUnits === null ? null : BigInt(v.baseUnits), amountText: v.amountText, issues: v.issues }
    if (v.readAs !== null) row.amountReadAs = v.readAs
    if (v.name !== '') row.name = v.name
    if (v.reference !== '') row.reference = v.reference
    if (v.note !== '') row.note = v.note
    rows.push(row)
  })
  return rows
}
