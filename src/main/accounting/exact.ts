// Runs in: main (pure, no I/O). Exact numbers for fiat values: a decimal is bigint units at a
// scale (a feed's answer with its decimals, a rate typed by a person), a ratio is a reduced
// fraction of bigints (a value converted through two feeds need not be a finite decimal). Nothing
// here ever holds a binary float; the only rounding is fiatCents, at the final cent, by one rule.
import type { DecimalErrorCode } from '../../shared/errors'

/** value = units / 10^scale */
export interface ExactDecimal {
  readonly units: bigint
  readonly scale: number
}

/** value = num / den, den > 0, gcd(|num|, den) = 1 */
export interface Ratio {
  readonly num: bigint
  readonly den: bigint
}

/** The one rounding rule, applied only when a fiat value is shown or exported in cents. */
export const FIAT_ROUNDING_RULE = 'half away from zero, to the cent' as const
/** Cents in one unit of the fiat currencies the ledger reports in (USD, EUR). */
const CENTS_DIGITS = 2
/** Longest decimal accepted from a person: enough for any rate, short enough to refuse garbage. */
const MAX_DECIMAL_DIGITS = 60

const TEN = 10n

export function pow10(n: number): bigint {
  return TEN ** BigInt(n)
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a
  let y = b < 0n ? -b : b
  while (y !== 0n) [x, y] = [y, x % y]
  return x
}

export function ratio(num: bigint, den: bigint): Ratio {
  if (den === 0n) throw new RangeError('A ratio cannot have a zero denominator')
  const sign = den < 0n ? -1n : 1n
  const g = gcd(num, den)
  return g === 0n ? { num: 0n, den: 1n } : { num: (sign * num) / g, den: (sign * den) / g }
}

export function ratioOfDecimal(d: ExactDecimal): Ratio {
  return ratio(d.units, pow10(d.scale))
}

export function multiply(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.num, a.den * b.den)
}

export function divide(a: Ratio, b: Ratio): Ratio {
  if (b.num === 0n) throw new RangeError('Division by a zero rate')
  return ratio(a.num * b.den, a.den * b.num)
}

export function add(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.den + b.num * a.den, a.den * b.den)
}

export function sameRatio(a: Ratio, b: Ratio): boolean {
  return a.num === b.num && a.den === b.den
}

/** The fiat value of `amount` base units of an asset with `decimals`, at `rate` fiat per whole unit: exact. */
export function fiatValue(amount: bigint, decimals: number, rate: Ratio): Ratio {
  return ratio(amount * rate.num, pow10(decimals) * rate.den)
}

/** The number of decimal places of a ratio when it is a finite decimal, else undefined. */
export function finiteScale(r: Ratio): number | undefined {
  let den = r.den
  let twos = 0
  let fives = 0
  while (den % 2n === 0n) {
    den /= 2n
    twos++
  }
  while (den % 5n === 0n) {
    den /= 5n
    fives++
  }
  return den === 1n ? Math.max(twos, fives) : undefined
}

/** The ratio as an exact decimal when it is one ("12.5"), undefined otherwise (1/3). */
export function ratioAsDecimal(r: Ratio): ExactDecimal | undefined {
  const scale = finiteScale(r)
  if (scale === undefined) return undefined
  return { units: (r.num * pow10(scale)) / r.den, scale }
}

/** "1234.5", "-0.001", "7": exact, trailing zeros removed. */
export function decimalText(d: ExactDecimal): string {
  const negative = d.units < 0n
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0')
  const whole = digits.slice(0, digits.length - d.scale)
  const fraction = digits.slice(digits.length - d.scale).replace(/0+$/, '')
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`
}

/** Exact text of a ratio: its decimal when finite ("0.125"), else the reduced fraction ("1/3"). */
export function exactText(r: Ratio): string {
  const d = ratioAsDecimal(r)
  return d === undefined ? `${r.num}/${r.den}` : decimalText(d)
}

/** Reads exactText's output back (a decimal or "num/den"); undefined for anything else. */
export function parseExactText(text: string): Ratio | undefined {
  const fraction = /^(-?[0-9]{1,80})\/([0-9]{1,80})$/.exec(text)
  if (fraction !== null)
    return BigInt(fraction[2]!) === 0n ? undefined : ratio(BigInt(fraction[1]!), BigInt(fraction[2]!))
  const d = parseDecimal(text, { allowNegative: true, allowZero: true })
  return d.ok ? ratioOfDecimal(d.value) : undefined
}

/** Rounded to the cent by FIAT_ROUNDING_RULE: the value in cents. */
export function fiatCents(r: Ratio): bigint {
  const scaled = r.num * pow10(CENTS_DIGITS)
  const negative = scaled < 0n
  const abs = negative ? -scaled : scaled
  const quotient = abs / r.den
  const remainder = abs % r.den
  const rounded = remainder * 2n >= r.den ? quotient + 1n : quotient
  return negative ? -rounded : rounded
}

/** "12.35", "-0.07", "0.00": cents written with exactly two decimals, for files that want fiat money. */
export function centsText(cents: bigint): string {
  const negative = cents < 0n
  const digits = (negative ? -cents : cents).toString().padStart(CENTS_DIGITS + 1, '0')
  return `${negative ? '-' : ''}${digits.slice(0, -CENTS_DIGITS)}.${digits.slice(-CENTS_DIGITS)}`
}

export type DecimalParse =
  | { readonly ok: true; readonly value: ExactDecimal }
  | { readonly ok: false; readonly code: DecimalErrorCode; readonly message: string }

/**
 * A decimal typed by a person ("0.9998", "1234.5"): digits with at most one point, nothing else.
 * Grouping, exponents, signs and locale commas are refused rather than guessed.
 */
export function parseDecimal(
  input: string,
  options: { readonly allowNegative?: boolean; readonly allowZero?: boolean } = {}
): DecimalParse {
  const text = input.trim()
  const match = /^(-?)([0-9]*)(?:\.([0-9]*))?$/.exec(text)
  if (text === '' || match === null || (match[2] === '' && (match[3] ?? '') === ''))
    return {
      ok: false,
      code: 'decimal_invalid',
      message: `"${input}" is not a plain decimal number. Write it with digits and one point, e.g. 0.9998.`
    }
  if (match[1] === '-' && options.allowNegative !== true)
    return { ok: false, code: 'decimal_negative', message: `${text} is negative; a rate is always positive.` }
  const whole = match[2] === '' ? '0' : match[2]!
  const fraction = match[3] ?? ''
  if (whole.length + fraction.length > MAX_DECIMAL_DIGITS)
    return { ok: false, code: 'decimal_too_long', message: `${text} has more than ${MAX_DECIMAL_DIGITS} digits.` }
  const magnitude = BigInt(whole + fraction)
  if (magnitude === 0n && options.allowZero !== true)
    return { ok: false, code: 'decimal_zero', message: 'A rate of zero would value every payment at nothing.' }
  return { ok: true, value: { units: match[1] === '-' ? -magnitude : magnitude, scale: fraction.length } }
}

/**
 * Whether a decimal's value is exactly a binary double (0.5, 12.25, 1234; not 0.1): only such
 * values may go into a numeric spreadsheet cell without changing.
 */
export function exactlyRepresentable(r: Ratio): boolean {
  let den = r.den
  let exponent = 0
  while (den % 2n === 0n) {
    den /= 2n
    exponent++
  }
  if (den !== 1n) return false
  const abs = r.num < 0n ? -r.num : r.num
  // A double has 53 significant bits; a power-of-two denominator only moves the point.
  const MANTISSA_LIMIT = 1n << 53n
  const MAX_BINARY_FRACTION_BITS = 1074
  return abs < MANTISSA_LIMIT && exponent <= MAX_BINARY_FRACTION_BITS
}
