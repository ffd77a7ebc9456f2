// Runs in: main and the registry worker thread (pure, no I/O).
// A payout's rows as they cross to the row checker and back (rowChecker.ts). Rows go as parallel
// arrays of strings, one per column: the structured clone copies an array of strings several times
// faster than as many small objects, and that copy is main's share of the work. The answer carries
// what storing a row needs beyond what main already holds (checksummed address, base units, trimmed
// labels) and the issues of the rows that have any. The few rows that carry more than text (an
// amount as typed at a desk, a problem kept from where the row came from) go beside the columns.
import type { Issue, RecipientInput } from '../../shared/api'
import { validateRows, type RowFields, type RowInput } from './validate'
import type { BatchDuplicates } from './batchDuplicates'
import { SEVERITY_ERROR, type RegistryAsset } from './types'

/** Rows `first` .. `first + address.length - 1` (0-based positions in the payout, numbered from 1 to the user). */
export interface RowBatch {
  readonly first: number
  readonly address: readonly string[]
  readonly amount: readonly string[]
  readonly name: ReadonlyArray<string | undefined>
  readonly reference: ReadonlyArray<string | undefined>
  readonly note: ReadonlyArray<string | undefined>
  readonly category: ReadonlyArray<string | undefined>
  readonly costCenter: ReadonlyArray<string | undefined>
  /** Position in the batch (0-based) and what the row carries besides its text, for the rows that carry any. */
  readonly extras: ReadonlyArray<readonly [number, RowExtras]>
}

/** What a row may carry besides its text. */
export type RowExtras = Pick<RowFields, 'amountFormat' | 'issues'>

/** A payout's row as it is saved: its text, and the problem kept from where it came from, if any. */
export type SavedRowInput = RecipientInput & Pick<RowFields, 'issues'>

/** The checked rows of a RowBatch, position by position. */
export interface CheckedBatch {
  readonly first: number
  /** The checksummed address; null when the row's address has an error (it is stored empty). */
  readonly address: ReadonlyArray<string | null>
  /** Base units; null when the amount could not be read. */
  readonly amount: ReadonlyArray<bigint | null>
  /** Trimmed, '' when blank: as the row is stored. */
  readonly category: readonly string[]
  readonly costCenter: readonly string[]
  /** Position in the batch (0-based) and the row's issues, for the rows that have any. */
  readonly issues: ReadonlyArray<readonly [number, Issue[]]>
}

/** Rows `from` .. `to` - 1 of `inputs` as a batch. */
export function rowBatchOf(inputs: readonly SavedRowInput[], from: number, to: number): RowBatch {
  const size = to - from
  const address = new Array<string>(size)
  const amount = new Array<string>(size)
  const name = new Array<string | undefined>(size)
  const reference = new Array<string | undefined>(size)
  const note = new Array<string | undefined>(size)
  const category = new Array<string | undefined>(size)
  const costCenter = new Array<string | undefined>(size)
  const extras: Array<readonly [number, RowExtras]> = []
  for (let k = 0; k < size; k++) {
    const r = inputs[from + k]!
    address[k] = r.address
    amount[k] = r.amount
    name[k] = r.name
    reference[k] = r.reference
    note[k] = r.note
    category[k] = r.category
    costCenter[k] = r.costCenter
    if (r.amountFormat !== undefined || r.issues !== undefined)
      extras.push([k, { amountFormat: r.amountFormat, issues: r.issues }])
  }
  return { first: from, address, amount, name, reference, note, category, costCenter, extras }
}

/**
 * Validates a batch by the same rules as a whole payout (validate.ts), leaving duplicates to
 * `duplicates`, which sees every batch of the payout in order.
 */
export function checkRowBatch(batch: RowBatch, asset: RegistryAsset, duplicates: BatchDuplicates): CheckedBatch {
  const size = batch.address.length
  const inputs: RowInput[] = new Array<RowInput>(size)
  let nextExtra = 0
  for (let k = 0; k < size; k++) {
    const input: { -readonly [K in keyof RowInput]: RowInput[K] } = {
      sourceRow: batch.first + k + 1,
      address: batch.address[k]!,
      amount: batch.amount[k]!
    }
    const name = batch.name[k]
    const reference = batch.reference[k]
    const note = batch.note[k]
    const category = batch.category[k]
    const costCenter = batch.costCenter[k]
    if (name !== undefined) input.name = name
    if (reference !== undefined) input.reference = reference
    if (note !== undefined) input.note = note
    if (category !== undefined) input.category = category
    if (costCenter !== undefined) input.costCenter = costCenter
    const extra = batch.extras[nextExtra]
    if (extra !== undefined && extra[0] === k) {
      nextExtra++
      if (extra[1].amountFormat !== undefined) input.amountFormat = extra[1].amountFormat
      if (extra[1].issues !== undefined) input.issues = extra[1].issues
    }
    inputs[k] = input
  }
  const { rows, skippedBlankRows } = validateRows(inputs, asset, { duplicatesByCaller: true })
  // The payout's rows never hold a blank one (saving drops them first): positions must stay aligned.
  if (skippedBlankRows !== 0 || rows.length !== size)
    throw new Error(`Rows ${batch.first + 1} to ${batch.first + size} held a blank row, which a payout never stores.`)
  const address = new Array<string | null>(size)
  const amount = new Array<bigint | null>(size)
  const category = new Array<string>(size)
  const costCenter = new Array<string>(size)
  const issues: Array<readonly [number, Issue[]]> = []
  for (let k = 0; k < size; k++) {
    const row = rows[k]!
    duplicates.track(batch.first + k, row)
    address[k] = hasAddressError(row.issues) ? null : row.address
    amount[k] = row.amount
    category[k] = row.category ?? ''
    costCenter[k] = row.costCenter ?? ''
    if (row.issues.length > 0) issues.push([k, row.issues])
  }
  return { first: batch.first, address, amount, category, costCenter, issues }
}

export function hasAddressError(issues: readonly Issue[]): boolean {
  for (const issue of issues) if (issue.field === 'address' && issue.severity === SEVERITY_ERROR) return true
  return false
}
