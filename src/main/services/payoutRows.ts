// Runs in: main (plain Node). Writes a payout's rows, validated, and gives the payout's figures.
// Small saves are validated here, then stored. Large ones (a whole registry) are validated by the
// row checker in a worker thread batch by batch while the batches already checked are stored, so a
// 100,000-row save costs about its inserts (rowChecker.ts); duplicates over all rows join the rows
// already stored at the end. Both ways store the same rows with the same issues
// (payoutRows.test.ts holds them to it). Called inside the caller's transaction.
import type { Issue, RecipientInput } from '../../shared/api'
import { isBlankRecipient } from '../../shared/blankRow'
import { DESK_AMOUNT_CODE } from '../../shared/deskAmount'
import type { CatalogueAsset } from '../domain/catalogue'
import { hasAddressError, type SavedRowInput } from '../registry/rowBatch'
import type { RowChecker } from '../registry/rowChecker'
import { validateNumbered } from '../registry/validate'
import type { WriteDb } from '../store/db'
import * as repo from '../store/payoutRepo'
import type { ImportedRows } from './importedRows'

/** Below this many rows, handing them to the worker and back costs more than checking them here. */
export const ROWS_CHECKED_IN_WORKER = 5_000

export interface RowFigures {
  readonly count: number
  readonly total: bigint
  readonly errors: number
  readonly warnings: number
}

export interface WriteRowsOptions {
  /** Rows of an import, after `recipients`, with the validation the preview gave the rows it found nothing wrong with. */
  readonly imported?: ImportedRows
  /** Checks large saves off the main thread; throws RowCheckFailed, after which the caller writes again without it. */
  readonly checker?: RowChecker
  /** The payout's rows are replaced (an edit), rather than written for the first time. */
  readonly replace: boolean
  /** Sees every stored item, in order (the history compares a small payout's rows). */
  readonly observe?: (item: repo.StoredItem) => void
}

const NO_ISSUES: readonly Issue[] = []

/**
 * Writes the rows of `payoutId`: blank rows are dropped, and row numbers are the payout's own
 * (1..n). Items are handed to SQLite one at a time, so a 1,000,000-row payout never holds a
 * second full copy of itself in memory while it is written.
 */
export function writeRows(
  db: WriteDb,
  payoutId: string,
  recipients: readonly SavedRowInput[],
  asset: CatalogueAsset,
  options: WriteRowsOptions
): RowFigures {
  const typed = recipients.some(isBlankRecipient) ? recipients.filter((r) => !isBlankRecipient(r)) : recipients
  if (options.checker !== undefined && options.imported === undefined && typed.length >= ROWS_CHECKED_IN_WORKER)
    return writeCheckedInWorker(db, payoutId, typed, asset, options.checker, options)
  const { imported } = options
  const kept = imported === undefined ? typed : typed.concat(imported.inputs)
  const checked =
    imported === undefined
      ? undefined
      : (index: number) => (index < typed.length ? undefined : imported.checked[index - typed.length])
  const { rows } = validateNumbered(kept, registryAsset(asset), {}, checked)
  const figures = { count: rows.length, total: 0n, errors: 0, warnings: 0 }
  for (const row of rows) {
    count(figures, row.issues, 1)
    if (row.amount !== null) figures.total += row.amount
  }
  function* items(): Generator<repo.StoredItem> {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!
      const input = kept[i]!
      const item = storedItem(i, input, {
        address: hasAddressError(row.issues) ? null : row.address,
        amount: row.amount,
        category: row.category ?? '',
        costCenter: row.costCenter ?? '',
        issues: row.issues
      })
      options.observe?.(item)
      yield item
    }
  }
  store(db, payoutId, items(), options.replace)
  return figures
}

function writeCheckedInWorker(
  db: WriteDb,
  payoutId: string,
  rows: readonly SavedRowInput[],
  asset: CatalogueAsset,
  checker: RowChecker,
  options: WriteRowsOptions
): RowFigures {
  const run = checker.check(rows, registryAsset(asset))
  const figures = { count: rows.length, total: 0n, errors: 0, warnings: 0 }
  // Rows stored with issues, by position: a duplicate found later adds to them.
  const stored = new Map<number, readonly Issue[]>()
  function* items(): Generator<repo.StoredItem> {
    for (const batch of run.batches()) {
      let next = 0
      for (let k = 0; k < batch.address.length; k++) {
        const index = batch.first + k
        let issues = NO_ISSUES
        const flagged = batch.issues[next]
        if (flagged !== undefined && flagged[0] === k) {
          issues = flagged[1]
          next++
          stored.set(index, issues)
          count(figures, issues, 1)
        }
        const amount = batch.amount[k]!
        if (amount !== null) figures.total += amount
        const item = storedItem(index, rows[index]!, {
          address: batch.address[k]!,
          amount,
          category: batch.category[k]!,
          costCenter: batch.costCenter[k]!,
          issues
        })
        options.observe?.(item)
        yield item
      }
    }
  }
  store(db, payoutId, items(), options.replace)
  // Validation appends duplicates after a row's own issues, references first: so are they here.
  const added = new Map<number, Issue[]>()
  for (const [index, issue] of run.duplicates()) {
    const list = added.get(index)
    if (list === undefined) added.set(index, [issue])
    else list.push(issue)
  }
  for (const [index, duplicates] of added) {
    const before = stored.get(index) ?? NO_ISSUES
    const after = before.concat(duplicates)
    count(figures, before, -1)
    count(figures, after, 1)
    repo.setItemIssues(db, payoutId, index + 1, after)
  }
  return figures
}

/**
 * A stored row as it is written again by main itself (its payout's currency changed, a schedule
 * repeats it): its text, with the problems its text alone does not show kept (an amount the desk's
 * number format could not read, a problem of the file cell it came from), which reading the text
 * again would lose.
 */
export function savedRowOf(it: repo.StoredItem): SavedRowInput {
  const kept = it.issues.filter(isKeptWithText)
  return {
    address: it.addressInput,
    amount: it.amountInput,
    name: it.name,
    reference: it.reference,
    note: it.note,
    category: it.category ?? '',
    costCenter: it.costCenter ?? '',
    ...(kept.length === 0 ? {} : { issues: kept })
  }
}

/** Problems of where a row's text came from, which the text does not show. */
function isKeptWithText(issue: Issue): boolean {
  return issue.code === DESK_AMOUNT_CODE || issue.code.startsWith(FILE_CELL_CODE_PREFIX)
}

/** The codes of problems found in an imported file's cells (registry/cellText.ts, rowInputs.ts) begin so. */
const FILE_CELL_CODE_PREFIX = 'cell_'

function store(db: WriteDb, payoutId: string, items: Iterable<repo.StoredItem>, replace: boolean): void {
  if (replace) repo.replaceItems(db, payoutId, items)
  else repo.insertItems(db, payoutId, items)
}

/** What validation made of a row: what is stored beside the text as it was typed. */
type CheckedFields = Pick<repo.StoredItem, 'address' | 'amount' | 'category' | 'costCenter' | 'issues'>

/** Row `index` (0-based) as stored in a draft: its text as typed and what validation made of it. */
function storedItem(index: number, input: RecipientInput, checked: CheckedFields): repo.StoredItem {
  return {
    row: index + 1,
    addressInput: input.address,
    amountInput: input.amount,
    name: input.name ?? '',
    reference: input.reference ?? '',
    note: input.note ?? '',
    status: 'draft',
    txHash: null,
    ...checked
  }
}

/** Adds (`sign` 1) or removes (-1) a row with `issues` from the payout's error and warning counts. */
function count(figures: { errors: number; warnings: number }, issues: readonly Issue[], sign: 1 | -1): void {
  if (hasError(issues)) figures.errors += sign
  else if (issues.length > 0) figures.warnings += sign
}

function hasError(issues: readonly Issue[]): boolean {
  for (const issue of issues) if (issue.severity === 'error') return true
  return false
}

export function registryAsset(asset: CatalogueAsset): {
  decimals: number
  symbol: string
  chainId: number
  tokenAddress?: string
} {
  return asset.tokenAddress === null
    ? { decimals: asset.decimals, symbol: asset.symbol, chainId: asset.chainId }
    : { decimals: asset.decimals, symbol: asset.symbol, chainId: asset.chainId, tokenAddress: asset.tokenAddress }
}
