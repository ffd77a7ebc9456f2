// Runs in: renderer. Shows base-unit amounts (strings of digits from main) as exact decimals for
// people. Only bigint and string arithmetic: a JS number would round large or precise amounts.

export interface FormatOptions {
  /** Pad the fraction to at least this many digits (capped at the asset's decimals). Default 2. */
  readonly minFractionDigits?: number
  /** Thousands separator in the whole part. Default ",". Empty string for none. */
  readonly groupSeparator?: string
  /** The mark before the decimals. Default ".". */
  readonly decimalMark?: string
}

const DIGITS = /^[0-9]+$/

/**
 * Formats `baseUnits` (e.g. "1234500000") with `decimals` (e.g. 6) as "1,234.50". Exact: every
 * significant digit is kept, nothing is rounded. Returns null when the input is not a whole
 * number of base units, so callers decide how to show a value they cannot trust.
 */
export function formatBaseUnits(
  baseUnits: string | bigint,
  decimals: number,
  options: FormatOptions = {}
): string | null {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 255) return null
  let value: bigint
  if (typeof baseUnits === 'bigint') value = baseUnits
  else {
    const text = baseUnits.trim()
    const negative = text.startsWith('-')
    const digits = negative ? text.slice(1) : text
    if (!DIGITS.test(digits)) return null
    value = negative ? -BigInt(digits) : BigInt(digits)
  }
  const sign = value < 0n ? '-' : ''
  const abs = value < 0n ? -value : value
  const scale = 10n ** BigInt(decimals)
  const whole = (abs / scale).toString()
  let fraction = decimals === 0 ? '' : (abs % scale).toString().padStart(decimals, '0').replace(/0+$/, '')
  const minFraction = Math.min(options.minFractionDigits ?? 2, decimals)
  if (fraction.length < minFraction) fraction = fraction.padEnd(minFraction, '0')
  const grouped = groupThousands(whole, options.groupSeparator ?? ',')
  return fraction === '' ? `${sign}${grouped}` : `${sign}${grouped}${options.decimalMark ?? '.'}${fraction}`
}

/** Amount and symbol together, or a dash when the amount is not valid base units. */
export function formatMoney(baseUnits: string | bigint, decimals: number, symbol: string): string {
  const text = formatBaseUnits(baseUnits, decimals)
  return text === null ? '—' : `${text} ${symbol}`
}

function groupThousands(digits: string, separator: string): string {
  if (separator === '' || digits.length <= 3) return digits
  const head = digits.length % 3
  const groups: string[] = head > 0 ? [digits.slice(0, head)] : []
  for (let i = head; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3))
  return groups.join(separator)
}
