// Runs in: main (pure, no I/O). How the audit log words money and edits for people: amounts in the
// asset's units ("9,625.00 TUSD"), an edit as its row, field and old -> new value, and the exact
// base units kept apart, after AUDIT_EXACT_SEPARATOR, where the history shows them on request.
import { AUDIT_EXACT_SEPARATOR } from '../../shared/api'
import { formatAmountGrouped } from './money'

/** Fraction digits always shown (as far as the asset has them), as in "9,625.00". */
const MIN_FRACTION = 2
/** Field changes named one by one in one entry; the rest are counted. */
export const EDITS_LISTED = 20

export interface AssetUnits {
  readonly symbol: string
  readonly decimals: number
}

/** Amounts of an asset the catalogue no longer lists are named in base units. */
export const UNLISTED_ASSET_UNITS: AssetUnits = { symbol: 'base units', decimals: 0 }

/** "9,625.00 TUSD": grouped, at least two decimals where the asset has them, never rounded. */
export function peopleAmount(value: bigint, asset: AssetUnits): string {
  const text = formatAmountGrouped(value, asset.decimals)
  const point = text.indexOf('.')
  const fraction = point < 0 ? 0 : text.length - point - 1
  const want = Math.min(MIN_FRACTION, asset.decimals)
  const padded = fraction >= want ? text : `${point < 0 ? `${text}.` : text}${'0'.repeat(want - fraction)}`
  return `${padded} ${asset.symbol}`
}

/** A moment as people read it in a message, to the minute and in UTC ("2026-12-07 06:10 UTC"): the desk's clock zone is not main's to guess. */
export function peopleTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

/** An entry's text for people, with the exact figures after the separator (omitted when none). */
export function withExact(text: string, exact: readonly string[]): string {
  return exact.length === 0 ? text : `${text}${AUDIT_EXACT_SEPARATOR}${exact.join('\n')}`
}

/** A row as the edit saw it: the text typed and, where it parsed, the amount. */
export interface EditedRow {
  readonly row: number
  readonly addressInput: string
  readonly amountInput: string
  readonly amount: bigint | null
  readonly name: string
  readonly reference: string
  readonly note: string
  /** Left out where the save did not carry them: read as empty. */
  readonly category?: string
  readonly costCenter?: string
}

const TEXT_FIELDS = [
  ['addressInput', 'address'],
  ['name', 'name'],
  ['reference', 'reference'],
  ['note', 'note'],
  ['category', 'category'],
  ['costCenter', 'cost center']
] as const

const quoted = (s: string): string => (s.trim() === '' ? '(empty)' : `“${s}”`)

function amountText(r: EditedRow, asset: AssetUnits): string {
  if (r.amount !== null) return peopleAmount(r.amount, asset)
  return r.amountInput.trim() === '' ? '(empty)' : `“${r.amountInput}” (not an amount)`
}

/**
 * The changes of one save, field by field: "Row 2 amount: 980.50 USDC -> 990.00 USDC", "Row 4
 * added: …", and the exact amounts in base units for the details.
 */
export function describeRowEdits(
  changes: ReadonlyArray<{ readonly before: EditedRow | undefined; readonly after: EditedRow }>,
  asset: AssetUnits
): { readonly lines: string[]; readonly exact: string[] } {
  const lines: string[] = []
  const exact: string[] = []
  for (const { before, after } of changes) {
    if (before === undefined) {
      lines.push(
        `Row ${after.row} added: ${after.addressInput.trim() === '' ? '(no address)' : after.addressInput}, ${amountText(after, asset)}${after.name.trim() === '' ? '' : `, ${after.name}`}`
      )
      if (after.amount !== null) exact.push(`Row ${after.row} amount: ${after.amount} base units`)
      continue
    }
    if (before.amountInput !== after.amountInput || before.amount !== after.amount) {
      lines.push(`Row ${after.row} amount: ${amountText(before, asset)} -> ${amountText(after, asset)}`)
      exact.push(`Row ${after.row} amount: ${before.amount ?? '(none)'} -> ${after.amount ?? '(none)'} base units`)
    }
    for (const [key, label] of TEXT_FIELDS) {
      const [was, now] = [before[key] ?? '', after[key] ?? '']
      if (was !== now) lines.push(`Row ${after.row} ${label}: ${quoted(was)} -> ${quoted(now)}`)
    }
  }
  if (lines.length > EDITS_LISTED) {
    const more = lines.length - EDITS_LISTED
    lines.splice(EDITS_LISTED, more, `and ${more} more ${more === 1 ? 'change' : 'changes'}`)
  }
  return { lines, exact }
}

/** "Total 2,305.75 USDC -> 2,315.25 USDC", with its exact form; nothing when the total did not move. */
export function describeTotal(
  before: bigint,
  after: bigint,
  asset: AssetUnits
): { readonly line: string | null; readonly exact: string | null } {
  if (before === after) return { line: null, exact: null }
  return {
    line: `Total ${peopleAmount(before, asset)} -> ${peopleAmount(after, asset)}`,
    exact: `Total: ${before} -> ${after} base units`
  }
}
