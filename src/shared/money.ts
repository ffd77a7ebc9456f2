// Runs in: every process. Amounts written for people and for files, from bigint base units of an
// asset: exact, with only bigint and string arithmetic, so nothing is ever rounded. Main and
// renderer format with these; reading human text back into base units is main's (domain/money.ts).
import { GROUP_DIGITS, mayBeThousandsGrouping } from './numberFormat'

/** Fewest decimals an amount is shown with (capped at the asset's decimals), as money usually is. */
export const MIN_SHOWN_DECIMALS = 2
/** Widest decimals an asset may declare (uint8 in ERC-20). */
const MAX_DECIMALS = 255
const DIGITS = /^[0-9]+$/

/** Formats base units as a plain decimal string ("1234.5"), exact, trailing zeros removed. */
export function formatAmount(value: bigint, decimals: number): string {
  const negative = value < 0n
  const abs = negative ? -value : value
  const s = abs.toString().padStart(decimals + 1, '0')
  const whole = s.slice(0, s.length - decimals)
  const fraction = s.slice(s.length - decimals).replace(/0+$/, '')
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`
}

/**
 * Formats base units as amount text that main's parseAmount reads back as exactly the same value,
 * with no file separator to help: formatAmount's form, plus one trailing zero where that form
 * could be thousands grouping ("1.234" is written "1.2340"). The one way amount text is written for
 * the user to keep, edit or import again (preview rows, grid cells, exports).
 */
export function formatAmountUnambiguous(value: bigint, decimals: number): string {
  const plain = formatAmount(value, decimals)
  const point = plain.indexOf('.')
  return point >= 0 && mayBeThousandsGrouping(plain.slice(0, point), plain.slice(point + 1)) ? `${plain}0` : plain
}

export interface FormatOptions {
  /** Pad the fraction to at least this many digits (capped at the asset's decimals). Default MIN_SHOWN_DECIMALS. */
  readonly minFractionDigits?: number
  /** Thousands separator in the whole part. Default ",". Empty string for none. */
  readonly groupSeparator?: string
  /** The mark before the decimals. Default ".". */
  readonly decimalMark?: string
}

/**
 * Formats `baseUnits` (e.g. "1234500000") with `decimals` (e.g. 6) for display, as "1,234.50".
 * Exact: every significant digit is kept, nothing is rounded. Returns null when the input is not a
 * whole number of base units, so callers decide how to show a value they cannot trust.
 */
export function formatBaseUnits(
  baseUnits: string | bigint,
  decimals: number,
  options: FormatOptions = {}
): string | null {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) return null
  const value = typeof baseUnits === 'bigint' ? baseUnits : parseBaseUnits(baseUnits)
  if (value === null) return null
  const plain = formatAmount(value, decimals)
  const sign = plain.startsWith('-') ? '-' : ''
  const [whole = '', significant = ''] = plain.slice(sign.length).split('.')
  const fraction = significant.padEnd(Math.min(options.minFractionDigits ?? MIN_SHOWN_DECIMALS, decimals), '0')
  const grouped = groupThousands(whole, options.groupSeparator ?? ',')
  return fraction === '' ? `${sign}${grouped}` : `${sign}${grouped}${options.decimalMark ?? '.'}${fraction}`
}

/** Amount and symbol together, or a dash when the amount is not valid base units. */
export function formatMoney(baseUnits: string | bigint, decimals: number, symbol: string): string {
  const text = formatBaseUnits(baseUnits, decimals)
  return text === null ? '—' : `${text} ${symbol}`
}

/** Puts `separator` between groups of three digits, counted from the right ("1234567" -> "1,234,567"). */
export function groupThousands(digits: string, separator: string): string {
  if (separator === '' || digits.length <= GROUP_DIGITS) return digits
  const head = digits.length % GROUP_DIGITS
  const groups: string[] = head > 0 ? [digits.slice(0, head)] : []
  for (let i = head; i < digits.length; i += GROUP_DIGITS) groups.push(digits.slice(i, i + GROUP_DIGITS))
  return groups.join(separator)
}

/** Base-unit digits as main sends them, optionally negative; null for anything else. */
function parseBaseUnits(text: string): bigint | null {
  const trimmed = text.trim()
  const negative = trimmed.startsWith('-')
  const digits = negative ? trimmed.slice(1) : trimmed
  if (!DIGITS.test(digits)) return null
  return negative ? -BigInt(digits) : BigInt(digits)
}

/** The exact amount with its whole part grouped by commas ("1,234.5"): no padding, nothing rounded. */
export function formatAmountGrouped(value: bigint, decimals: number): string {
  return groupDecimalText(formatAmount(value, decimals))
}

/**
 * A plain decimal's whole part grouped by commas, its digits as they are: "-9623.08" -> "-9,623.08".
 * `minFractionDigits` pads the fraction with zeros ("125" -> "125.00"); no digit is ever dropped.
 */
export function groupDecimalText(plain: string, minFractionDigits = 0): string {
  const sign = plain.startsWith('-') ? '-' : ''
  const [whole = '', fraction = ''] = plain.slice(sign.length).split('.')
  const grouped = `${sign}${groupThousands(whole, ',')}`
  const digits = fraction.padEnd(minFractionDigits, '0')
  return digits === '' ? grouped : `${grouped}.${digits}`
}

/** Fraction digits a balance shows; the exact balance goes beside it (a tooltip). */
export const BALANCE_SHOWN_DECIMALS = 6

export interface ShownBalance {
  /** "12.345678 ETH", "≈ 12.345678 ETH" when digits were left out, "< 0.000001 ETH" for dust. */
  readonly text: string
  /** Every digit: "12.3456789012345678 ETH". */
  readonly exact: string
}

/**
 * A balance for a glance: at most BALANCE_SHOWN_DECIMALS fraction digits, cut (never rounded up, so
 * a balance is never shown larger than it is) and marked "≈" when digits were left out; the exact
 * value is returned beside it for the tooltip. A dash when the input is not base units.
 */
export function formatBalance(baseUnits: string, decimals: number, symbol: string): ShownBalance {
  const exact = formatMoney(baseUnits, decimals, symbol)
  if (!DIGITS.test(baseUnits) || decimals <= BALANCE_SHOWN_DECIMALS) return { text: exact, exact }
  const value = BigInt(baseUnits)
  const hidden = 10n ** BigInt(decimals - BALANCE_SHOWN_DECIMALS)
  const shown = value / hidden
  if (shown * hidden === value) return { text: exact, exact }
  if (shown === 0n) return { text: `< ${formatMoney(1n, BALANCE_SHOWN_DECIMALS, symbol)}`, exact }
  return { text: `≈ ${formatMoney(shown, BALANCE_SHOWN_DECIMALS, symbol)}`, exact }
}
