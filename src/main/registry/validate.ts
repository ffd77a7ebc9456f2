// Runs in: main (pure, no I/O) and the registry worker thread.
// Row validation shared by the importer and the grid: address rules (domain checks, the token's own
// contract, the payer's own account), amount rules (domain parsing: positive, the asset's decimals,
// no rounding), asset columns that must agree with the payout, characters refused in names,
// references and notes (src/shared/text.ts), and duplicates across rows. Blank rows are skipped
// and counted. Every message names the row as the user sees it.
import { findForbiddenCharacter, forbiddenCharacterMessage, TEXT_KIND, type TextKind } from '../../shared/text'
import { parseAmount } from '../domain/money'
import { checkAccountingLabel, type AccountingField } from './accountingColumns'
import { checkAssetColumns, type AssetCells } from './assetColumns'
import { DuplicateKeys } from './duplicateKeys'
import { checkAddressFast } from './fastAddress'
import {
  SEVERITY_ERROR,
  SEVERITY_WARNING,
  type DecimalSeparator,
  type RegistryAsset,
  type RegistryField,
  type RegistryRow,
  type RegistryTotals
} from './types'
import type { Issue } from '../../shared/api'
import type { NumberFormat } from '../../shared/numberFormat'
import { ROW_PREFIX } from '../../shared/rowPrefix'

/** The fields of one row as typed in the grid or read from a file: every value still text. */
export interface RowFields {
  readonly address: string
  readonly amount: string
  readonly name?: string
  readonly reference?: string
  readonly note?: string
  /** Account code or category, and cost center: optional labels for the books. */
  readonly category?: string
  readonly costCenter?: string
  /** The amount is as typed at a desk writing numbers this way (RecipientInput.amountFormat). */
  readonly amountFormat?: NumberFormat
  /** Asset columns of an imported file (Safe's token_type/token_address, currency, chain id). */
  readonly asset?: AssetCells
  /**
   * Problems found while reading the cells (formula, inexact number, date); their field is not
   * re-checked. Each message starts "Row N: "; N becomes the number this validation gives the row.
   */
  readonly issues?: readonly Issue[]
}

/** One row with the number the user knows it by. */
export interface RowInput extends RowFields {
  readonly sourceRow: number
}

export interface ValidateOptions {
  readonly payerAddress?: string
  readonly decimalSeparator?: DecimalSeparator
  /** The rows come from a file being imported, whose decimal separator the user can still choose. */
  readonly readingFile?: boolean
  /**
   * The caller finds duplicates itself, over more rows than these (a large file read in batches,
   * see batchDuplicates.ts): no duplicate issues are given here, so none are found twice.
   */
  readonly duplicatesByCaller?: boolean
}

/**
 * A row already validated by the same per-row rules (an imported file's row that the preview found
 * nothing wrong with): its address (checksummed) and amount, so its checks are not run again. Its
 * duplicates are still found with every other row's.
 */
export interface CheckedRow {
  readonly address: string
  readonly amount: bigint
}

export interface Validated {
  readonly rows: RegistryRow[]
  readonly skippedBlankRows: number
  readonly totals: RegistryTotals
}

/** Duplicate lists name at most this many other rows, then "and N more". */
const MAX_ROWS_NAMED = 5
const NOTHING_REFUSED: ReadonlySet<string> = new Set()

/** Validates rows numbered by their own `sourceRow`. */
export function validateRows(
  inputs: readonly RowInput[],
  asset: RegistryAsset,
  options: ValidateOptions = {}
): Validated {
  return validateAll(inputs, (input) => input.sourceRow, asset, options)
}

/**
 * Validates rows numbered by their position (1 for the first): a payout's own rows, without a copy
 * of each to number it. `checked(index)` gives the result of a row already validated by the same
 * per-row rules, whose checks are then skipped (see CheckedRow).
 */
export function validateNumbered(
  inputs: readonly RowFields[],
  asset: RegistryAsset,
  options: ValidateOptions = {},
  checked?: (index: number) => CheckedRow | undefined
): Validated {
  return validateAll(inputs, (_, index) => index + 1, asset, options, checked)
}

function validateAll<T extends RowFields>(
  inputs: readonly T[],
  sourceRowOf: (input: T, index: number) => number,
  asset: RegistryAsset,
  options: ValidateOptions,
  checked?: (index: number) => CheckedRow | undefined
): Validated {
  const rows: RegistryRow[] = []
  let skippedBlankRows = 0
  // Addresses are keyed by their checksummed form (one account has exactly one); references
  // trimmed, regardless of letter case. Made only when needed: a grid edit validates one row at a time.
  const findDuplicates = options.duplicatesByCaller !== true
  const byAddress = findDuplicates ? new DuplicateKeys(false) : undefined
  const byReference = findDuplicates ? new DuplicateKeys(true) : undefined
  byAddress?.reserve(inputs.length)
  byReference?.reserve(inputs.length)
  const isToken = sameAccountAs(asset.tokenAddress)
  const isPayer = sameAccountAs(options.payerAddress)
  const amountOptions = {
    ...(options.decimalSeparator === undefined ? {} : { decimalSeparator: options.decimalSeparator }),
    ...(options.readingFile === true ? { readingFile: true } : {})
  }
  for (let index = 0; index < inputs.length; index++) {
    const input = inputs[index]!
    if (isBlank(input)) {
      skippedBlankRows++
      continue
    }
    const sourceRow = sourceRowOf(input, index)
    const known = checked?.(index)
    if (known !== undefined) {
      const text = rowText(input)
      byAddress?.add(known.address, rows.length)
      if (text.reference !== undefined) byReference?.add(text.reference, rows.length)
      rows.push(makeRow(sourceRow, known.address, known.amount, input.amount, undefined, text, []))
      continue
    }
    const issues: Issue[] = input.issues === undefined ? [] : input.issues.map((i) => numbered(i, sourceRow))
    // Only spreadsheet rows carry cell problems; most rows skip building this set.
    const refused =
      issues.length === 0
        ? NOTHING_REFUSED
        : new Set(issues.filter((i) => i.severity === SEVERITY_ERROR).map((i) => i.field))
    let address: string | undefined
    if (!refused.has('address')) {
      const check = checkAddressFast(input.address)
      if (!check.ok)
        issues.push({
          field: 'address',
          severity: SEVERITY_ERROR,
          code: check.code,
          message: `Row ${sourceRow}: ${check.message}`
        })
      else {
        address = check.address
        if (check.warning !== undefined)
          issues.push({
            field: 'address',
            severity: SEVERITY_WARNING,
            code: check.warning.code,
            message: `Row ${sourceRow}: ${check.warning.message}`
          })
        if (isToken !== undefined && isToken(address)) {
          issues.push({
            field: 'address',
            severity: SEVERITY_ERROR,
            code: 'address_is_token_contract',
            message: `Row ${sourceRow}: this is the ${asset.symbol} token contract itself. Tokens sent to it are usually lost; enter the recipient's own address.`
          })
        }
        if (isPayer !== undefined && isPayer(address)) {
          issues.push({
            field: 'address',
            severity: SEVERITY_ERROR,
            code: 'address_is_payer',
            message: `Row ${sourceRow}: this is the paying account itself. A payout cannot pay its own account.`
          })
        }
        byAddress?.add(address, rows.length)
      }
    }
    let amount: bigint | null = null
    let amountReadAs: string | undefined
    const amountText = input.amount
    if (!refused.has('amount')) {
      const parsed = parseAmount(
        amountText,
        asset.decimals,
        asset.symbol,
        input.amountFormat === undefined ? amountOptions : { ...amountOptions, deskFormat: input.amountFormat }
      )
      if (parsed.ok) {
        amount = parsed.value
        amountReadAs = parsed.readAs
      } else
        issues.push({
          field: 'amount',
          severity: SEVERITY_ERROR,
          code: parsed.code,
          message: `Row ${sourceRow}: ${parsed.message}`
        })
    }
    if (input.asset !== undefined) issues.push(...checkAssetColumns(input.asset, asset, sourceRow))
    const text = rowText(input)
    for (const field of TEXT_FIELDS)
      if (!refused.has(field.field)) checkCharacters(issues, field, text[field.key], sourceRow)
    checkLabel(issues, refused, text.category, 'category', sourceRow)
    checkLabel(issues, refused, text.costCenter, 'cost_center', sourceRow)
    if (text.reference !== undefined) byReference?.add(text.reference, rows.length)
    rows.push(makeRow(sourceRow, address ?? input.address.trim(), amount, amountText, amountReadAs, text, issues))
  }
  if (byReference !== undefined) markDuplicates(rows, byReference, DUPLICATE.reference)
  if (byAddress !== undefined) markDuplicates(rows, byAddress, DUPLICATE.address)
  return { rows, skippedBlankRows, totals: totalsOf(rows) }
}

/**
 * Whether a row's valid (checksummed) address is the account `other` (the token contract, the
 * payer), as their lower-case forms compare. When `other` is itself a plain valid address that is
 * comparing checksummed forms, without a lower-case copy of every row's address.
 */
function sameAccountAs(other: string | undefined): ((address: string) => boolean) | undefined {
  if (other === undefined) return undefined
  const check = checkAddressFast(other)
  if (check.ok && check.address.length === other.length) {
    const canonical = check.address
    return (address) => address === canonical
  }
  const lower = other.toLowerCase()
  return (address) => address.toLowerCase() === lower
}

/** A row's text fields, trimmed as they are kept; undefined when blank. */
interface RowText {
  readonly name: string | undefined
  readonly reference: string | undefined
  readonly note: string | undefined
  readonly category: string | undefined
  readonly costCenter: string | undefined
}

function rowText(input: RowFields): RowText {
  return {
    name: trimmedOrUndefined(input.name),
    reference: trimmedOrUndefined(input.reference),
    note: trimmedOrUndefined(input.note),
    category: trimmedOrUndefined(input.category),
    costCenter: trimmedOrUndefined(input.costCenter)
  }
}

/** The text fields whose characters are checked, as the user knows them, and by which rule. */
const TEXT_FIELDS: ReadonlyArray<{
  readonly key: keyof RowText
  readonly field: RegistryField
  readonly label: string
  readonly kind: TextKind
}> = [
  { key: 'name', field: 'name', label: 'the name', kind: TEXT_KIND.label },
  { key: 'reference', field: 'reference', label: 'the reference', kind: TEXT_KIND.label },
  { key: 'note', field: 'note', label: 'the note', kind: TEXT_KIND.freeText },
  { key: 'category', field: 'category', label: 'the category', kind: TEXT_KIND.label },
  { key: 'costCenter', field: 'cost_center', label: 'the cost center', kind: TEXT_KIND.label }
]

/** An error on the row when `value` holds a character src/shared/text.ts refuses for its field. */
function checkCharacters(
  issues: Issue[],
  field: (typeof TEXT_FIELDS)[number],
  value: string | undefined,
  sourceRow: number
): void {
  if (value === undefined) return
  const found = findForbiddenCharacter(value, field.kind)
  if (found === undefined) return
  issues.push({
    field: field.field,
    severity: SEVERITY_ERROR,
    code: found.code,
    message: `Row ${sourceRow}: ${forbiddenCharacterMessage(field.label, found, field.kind)}`
  })
}

/** An error on the row when an accounting label (`value` of `field`) breaks its rules; called per row, so it allocates nothing for a good one. */
function checkLabel(
  issues: Issue[],
  refused: ReadonlySet<string>,
  value: string | undefined,
  field: AccountingField,
  sourceRow: number
): void {
  if (value === undefined || refused.has(field)) return
  const issue = checkAccountingLabel(value, field, sourceRow)
  if (issue !== undefined) issues.push(issue)
}

function makeRow(
  sourceRow: number,
  address: string,
  amount: bigint | null,
  amountText: string,
  readAs: string | undefined,
  text: RowText,
  issues: Issue[]
): RegistryRow {
  const row: { -readonly [K in keyof RegistryRow]: RegistryRow[K] } = { sourceRow, address, amount, amountText, issues }
  if (readAs !== undefined) row.amountReadAs = readAs
  if (text.name !== undefined) row.name = text.name
  if (text.reference !== undefined) row.reference = text.reference
  if (text.note !== undefined) row.note = text.note
  if (text.category !== undefined) row.category = text.category
  if (text.costCenter !== undefined) row.costCenter = text.costCenter
  return row
}

export type DuplicateKind = 'reference' | 'address'

/** The same reference twice is an error (a reference names one payment); the same address twice is a warning. */
const DUPLICATE: Readonly<Record<DuplicateKind, DuplicateKind>> = { reference: 'reference', address: 'address' }

/** The issue a row gets when `otherRows` (as the user numbers them) share its reference or address. */
export function duplicateIssue(kind: DuplicateKind, sourceRow: number, otherRows: readonly number[]): Issue {
  return duplicateIssueNaming(kind, sourceRow, otherRows.slice(0, MAX_ROWS_NAMED), otherRows.length)
}

/**
 * The issue of row `sourceRow` among `groupRows`: every row (as the user numbers them, each once,
 * itself included, in order) that shares its reference or address. Names the first others without
 * building a list of all of them, so re-checking a group of 100,000 rows stays linear.
 */
export function duplicateIssueInGroup(kind: DuplicateKind, sourceRow: number, groupRows: readonly number[]): Issue {
  const shown: number[] = []
  for (let i = 0; i < groupRows.length && shown.length < MAX_ROWS_NAMED; i++)
    if (groupRows[i] !== sourceRow) shown.push(groupRows[i]!)
  return duplicateIssueNaming(kind, sourceRow, shown, groupRows.length - 1)
}

/** The same issue from the rows it names (at most MAX_ROWS_NAMED) and how many other rows there are in all. */
function duplicateIssueNaming(kind: DuplicateKind, sourceRow: number, shown: readonly number[], others: number): Issue {
  const extra = others - shown.length
  const list = rowList(extra > 0 ? [...shown, -extra] : [...shown])
  return kind === 'reference'
    ? {
        field: 'reference',
        severity: SEVERITY_ERROR,
        code: 'reference_duplicate',
        message: `Row ${sourceRow}: the same reference is also on ${list}. A reference identifies one payment; make each one unique.`
      }
    : {
        field: 'address',
        severity: SEVERITY_WARNING,
        code: 'address_duplicate',
        message: `Row ${sourceRow}: the same address is also on ${list}. Check that this recipient should be paid more than once.`
      }
}

function markDuplicates(rows: RegistryRow[], seen: DuplicateKeys, kind: DuplicateKind): void {
  for (const indexes of seen.groups()) {
    // Any row's list names the first rows of its group but itself: the group's first
    // MAX_ROWS_NAMED + 1 are enough, so a group of 100,000 equal rows costs 100,000 steps, not their square.
    const head = indexes.slice(0, MAX_ROWS_NAMED + 1)
    for (const index of indexes) {
      const row = rows[index]!
      const shown = head
        .filter((i) => i !== index)
        .slice(0, MAX_ROWS_NAMED)
        .map((i) => rows[i]!.sourceRow)
      row.issues.push(duplicateIssueNaming(kind, row.sourceRow, shown, indexes.length - 1))
    }
  }
}

/** "row 7", "rows 7 and 9", "rows 3, 7, 9 and 12 more" (a negative entry carries the "more" count). */
function rowList(rows: number[]): string {
  const more = rows.length > 0 && rows[rows.length - 1]! < 0 ? -rows.pop()! : 0
  if (more > 0) return `rows ${rows.join(', ')} and ${more} more`
  if (rows.length === 1) return `row ${rows[0]}`
  return `rows ${rows.slice(0, -1).join(', ')} and ${rows[rows.length - 1]}`
}

export function totalsOf(rows: readonly RegistryRow[]): RegistryTotals {
  let validRows = 0
  let rowsWithErrors = 0
  let rowsWithWarnings = 0
  let errors = 0
  let warnings = 0
  let amountTotal = 0n
  for (const row of rows) {
    let e = 0
    let w = 0
    for (const issue of row.issues)
      if (issue.severity === SEVERITY_ERROR) e++
      else w++
    errors += e
    warnings += w
    if (e > 0) rowsWithErrors++
    else validRows++
    if (w > 0 && e === 0) rowsWithWarnings++
    if (row.amount !== null) amountTotal += row.amount
  }
  return { rows: rows.length, validRows, rowsWithErrors, rowsWithWarnings, errors, warnings, amountTotal }
}

/** A problem found while reading, worded with the row's number here (a payout's rows are numbered from 1, a file's as it shows them). */
function numbered(issue: Issue, sourceRow: number): Issue {
  const prefix = `Row ${sourceRow}: `
  if (issue.message.startsWith(prefix) || !ROW_PREFIX.test(issue.message)) return issue
  return { ...issue, message: issue.message.replace(ROW_PREFIX, prefix) }
}

function isBlank(input: RowFields): boolean {
  return (
    input.address.trim() === '' &&
    input.amount.trim() === '' &&
    (input.name ?? '').trim() === '' &&
    (input.reference ?? '').trim() === '' &&
    (input.note ?? '').trim() === '' &&
    (input.category ?? '').trim() === '' &&
    (input.costCenter ?? '').trim() === '' &&
    (input.asset === undefined || Object.values(input.asset).every((v) => v === undefined || v.trim() === '')) &&
    (input.issues === undefined || input.issues.length === 0)
  )
}

function trimmedOrUndefined(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  const t = text.trim()
  return t === '' ? undefined : t
}
