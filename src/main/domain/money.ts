// Runs in: main (pure, no I/O).
// Money: amounts are bigint base units of one asset. Human text is parsed once, here, with the
// asset's decimals; anything that would need a guess or a rounding is refused with a reason. Stored
// amounts are read and written here too.
import { formatAmountUnambiguous } from '../../shared/money'
import { DESK_AMOUNT_CODE, readDeskAmount } from '../../shared/deskAmount'
import { mayBeThousandsGrouping, type NumberFormat } from '../../shared/numberFormat'

// Amounts are written by the formatter main and renderer share.
export { formatAmount, formatAmountGrouped, formatAmountUnambiguous } from '../../shared/money'

export const UINT256_MAX = (1n << 256n) - 1n

export type AmountErrorCode =
  | 'amount_empty'
  | 'amount_negative'
  | 'amount_zero'
  | 'amount_not_a_number'
  | 'amount_exponent'
  | 'amount_non_ascii_digit'
  | 'amount_ambiguous_separator'
  | 'amount_bad_grouping'
  | 'amount_too_many_decimals'
  | 'amount_too_large'
  | 'amount_invalid'
  | typeof DESK_AMOUNT_CODE

export type AmountParse =
  | {
      readonly ok: true
      readonly value: bigint
      /** The plain number the text was read as, when it was not plain: "1234.5" for "1.234,5". */ readonly readAs?: string
    }
  | { readonly ok: false; readonly code: AmountErrorCode; readonly message: string }

export interface AmountParseOptions {
  /** The file's decimal separator when it is known (e.g. a semicolon CSV from a decimal-comma locale). */
  readonly decimalSeparator?: '.' | ','
  /** Zero is valid for some inputs (fees, balances); payouts never allow it. */
  readonly allowZero?: boolean
  /** The text comes from a file being imported: an ambiguous amount's message also offers choosing the file's decimal separator. */
  readonly readingFile?: boolean
  /** The text is as typed at a desk writing numbers this way: its separators are read by the desk's rules, not guessed. */
  readonly deskFormat?: NumberFormat
}

const GROUP_SPACES = /[ \u00a0\u202f\u2009']/
const ASCII_NUMBER = /^[0-9.,\u00a0\u202f\u2009' ]+$/
/** Characters that show as nothing or as a blank (zero-width space, direction marks, other spaces). */
const INVISIBLE = /[\p{Cf}\p{Zs}\p{Cc}]/u

type AmountFailure = Extract<AmountParse, { ok: false }>
const fail = (code: AmountErrorCode, message: string): AmountFailure => ({ ok: false, code, message })

/** Parses a human amount ("1,234.56", "1 234,56", "0.000001") into base units of an asset with `decimals`. */
export function parseAmount(
  input: string,
  decimals: number,
  symbol: string,
  options: AmountParseOptions = {}
): AmountParse {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 77)
    throw new RangeError(`Invalid asset decimals ${decimals}`)
  if (options.deskFormat !== undefined) return parseDeskTyped(input, decimals, symbol, options.deskFormat, options)
  const text = input.trim()
  if (text === '') return fail('amount_empty', 'Amount is empty. Enter how much to pay, e.g. 125.50.')
  // Most amounts are plain ("1250.5"): read them without the checks that only other forms need.
  // "1.234" is not plain: it may be grouping, and the general path decides (or refuses) that.
  const point = plainPoint(text)
  if (point >= 0) {
    const whole = text.slice(0, point)
    const hasFraction = point < text.length
    const fraction = hasFraction ? text.slice(point + 1) : ''
    const unambiguous = !mayBeThousandsGrouping(whole, fraction) || options.decimalSeparator === '.'
    if (unambiguous) return toBaseUnits(text, whole, fraction, decimals, symbol, options, undefined)
  }
  if (/^[+-]?(nan|inf|infinity)$/i.test(text))
    return fail('amount_not_a_number', `"${text}" is not an amount. Enter a number such as 125.50.`)
  if (/^-|^\(.*\)$|-$/.test(text))
    return fail('amount_negative', `Amount ${text} is negative. Payouts pay positive amounts only.`)
  const unsigned = text.startsWith('+') ? text.slice(1) : text
  if (/^[0-9.,]+e[+-]?[0-9]+$/i.test(unsigned)) {
    return fail(
      'amount_exponent',
      `Amount ${text} is in exponent notation, which spreadsheets use after rounding. Enter the full number, e.g. 1500 instead of 1.5E+3.`
    )
  }
  const nonAscii = [...unsigned].find((ch) => /\p{Nd}/u.test(ch) && !/[0-9]/.test(ch))
  if (nonAscii !== undefined) {
    const cp = nonAscii.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
    return fail(
      'amount_non_ascii_digit',
      `Amount ${text} contains the digit "${nonAscii}" (U+${cp}), which is not an ASCII digit 0-9. Retype the amount with 0-9.`
    )
  }
  const hidden = [...unsigned].find((ch) => INVISIBLE.test(ch) && !GROUP_SPACES.test(ch))
  if (hidden !== undefined) {
    const cp = hidden.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
    return fail(
      'amount_invalid',
      `Amount ${text} contains an invisible character (U+${cp}), often pasted along with a number. Delete the amount and type it again.`
    )
  }
  const quote = [...unsigned].find((ch) => TYPOGRAPHIC_QUOTE.test(ch))
  if (quote !== undefined)
    return fail(
      'amount_invalid',
      `Amount ${text} contains the typographic quote "${quote}" (U+${quote.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}), which word processors and chat apps put around pasted text. Remove the quotes and enter the number alone.`
    )
  if (!ASCII_NUMBER.test(unsigned) || !/[0-9]/.test(unsigned)) {
    const named = currencyNamed(unsigned)
    if (named !== undefined)
      return fail(
        'amount_invalid',
        named.toLowerCase() === symbol.toLowerCase()
          ? `Amount "${text}" names its currency. Enter the number alone: the payout pays ${symbol} already.`
          : `Amount "${text}" is in ${named}, but this payout pays ${symbol}. Check which currency the file means; if it is ${symbol}, enter the number alone.`
      )
    return fail(
      'amount_invalid',
      `"${text}" is not an amount. Use digits with one decimal separator, without currency symbols (e.g. 125.50).`
    )
  }
  const split = splitDecimal(unsigned, options.decimalSeparator, options.readingFile === true)
  if (!split.ok) return split
  return toBaseUnits(text, split.whole, split.fraction, decimals, symbol, options, split.readAs)
}

/**
 * An amount as typed at a desk: separators the desk's format settles are read its way (the
 * canonical text is then parsed as usual); separators it cannot read are refused with the desk's
 * reason; text that is not a question of separators (letters, signs, empty) gets the usual reasons.
 */
function parseDeskTyped(
  input: string,
  decimals: number,
  symbol: string,
  format: NumberFormat,
  options: AmountParseOptions
): AmountParse {
  const { deskFormat: _read, ...rest } = options
  const reading = readDeskAmount(input, format)
  switch (reading.kind) {
    case 'refused':
      return fail(DESK_AMOUNT_CODE, reading.message)
    case 'number':
    case 'other':
      return parseAmount(reading.text, decimals, symbol, rest)
    default: {
      const never: never = reading
      throw new Error(`Unknown desk reading ${String(never)}`)
    }
  }
}

/**
 * A currency written before or after the number ("10 USDC", "$20", "20 €", "USD 5"): a currency
 * sign, or a code of 2 to 10 letters. Only named in the refusal, never taken off: the file may mean
 * another currency (or fiat) than the payout pays.
 */
const CURRENCY_BEFORE = /^(\p{Sc}|[A-Za-z]{2,10})\s*[0-9][0-9.,\u00a0\u202f\u2009' ]*$/u
const CURRENCY_AFTER = /^[0-9][0-9.,\u00a0\u202f\u2009' ]*?\s*(\p{Sc}|[A-Za-z]{2,10})$/u

function currencyNamed(unsigned: string): string | undefined {
  return (CURRENCY_BEFORE.exec(unsigned) ?? CURRENCY_AFTER.exec(unsigned))?.[1]
}

/** Opening and closing quotation marks of any script ("‘1.5’", "„2“", "«3»"). */
const TYPOGRAPHIC_QUOTE = /[\p{Pi}\p{Pf}\u201A\u201E\u301D-\u301F\uFF02\uFF07]/u

const CHAR_0 = 0x30
const CHAR_9 = 0x39
const CHAR_POINT = 0x2e

/**
 * Where the point is in a plain amount: one or more digits, then optionally "." and digits
 * ("12.5" gives 2, "12." gives 2, "12" gives its length). -1 when the text is anything else.
 * A scan instead of a regular expression: it runs for every row of every import.
 */
function plainPoint(text: string): number {
  let point = text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= CHAR_0 && c <= CHAR_9) continue
    if (c !== CHAR_POINT || point !== text.length || i === 0) return -1
    point = i
  }
  return point
}

function toBaseUnits(
  text: string,
  whole: string,
  written: string,
  decimals: number,
  symbol: string,
  options: AmountParseOptions,
  readAs: string | undefined
): AmountParse {
  let fraction = written
  if (fraction.length > decimals) {
    // Zeros beyond the asset's decimals change nothing, so they are exact ("1.2340" is how 1.234 is
    // written unambiguously); any other digit there would need rounding, which is refused.
    if (!onlyZerosFrom(fraction, decimals)) {
      return fail(
        'amount_too_many_decimals',
        `Amount ${text} has ${fraction.length} decimal places; ${symbol} has ${decimals}. Remove the extra digits yourself: nothing is rounded.`
      )
    }
    fraction = fraction.slice(0, decimals)
  }
  const digits = (whole === '' ? '0' : whole) + fraction.padEnd(decimals, '0')
  if (digits.length > 80)
    return fail('amount_too_large', `Amount ${text} is larger than any ${symbol} amount a chain can hold.`)
  const value = BigInt(digits)
  if (value > UINT256_MAX)
    return fail('amount_too_large', `Amount ${text} is larger than any ${symbol} amount a chain can hold.`)
  if (value === 0n && options.allowZero !== true)
    return fail('amount_zero', 'Amount is zero. Enter a positive amount or delete the row.')
  return readAs === undefined
    ? { ok: true, value }
    : { ok: true, value, readAs: formatAmountUnambiguous(value, decimals) }
}

function onlyZerosFrom(text: string, start: number): boolean {
  for (let i = start; i < text.length; i++) if (text.charCodeAt(i) !== CHAR_0) return false
  return true
}

type Split = { ok: true; whole: string; fraction: string; readAs?: string } | AmountFailure

/** Finds the decimal separator and strips thousands grouping, refusing every reading that is ambiguous. */
function splitDecimal(text: string, hint: '.' | ',' | undefined, readingFile: boolean): Split {
  const compact = text.replace(new RegExp(GROUP_SPACES.source, 'g'), (m) => (m === "'" ? "'" : ' '))
  const hasSpaceGroups = / |'/.test(compact)
  const dots = count(compact, '.')
  const commas = count(compact, ',')
  let decimalSep: '.' | ',' | null
  if (dots > 0 && commas > 0) {
    // Both present: the last one is the decimal separator and must appear once.
    decimalSep = compact.lastIndexOf('.') > compact.lastIndexOf(',') ? '.' : ','
    if (count(compact, decimalSep) > 1)
      return fail(
        'amount_bad_grouping',
        `Amount ${text} mixes separators in a way that cannot be read safely. Write it as 1234.56.`
      )
  } else if (dots + commas === 0) {
    decimalSep = null
  } else {
    const sep = dots > 0 ? '.' : ','
    const n = dots + commas
    const after = compact.slice(compact.lastIndexOf(sep) + 1)
    const before = compact.slice(0, compact.indexOf(sep)).replace(/[ ']/g, '')
    if (n > 1)
      decimalSep = null // "1,234,567": repeated, so grouping
    else if (after.length !== 3 || before === '' || before === '0' || before.length > 3 || hasSpaceGroups)
      decimalSep = sep // "1,5", "0,123", "1234,567" cannot be grouping
    else if (hint !== undefined) decimalSep = hint === sep ? sep : null
    else return fail('amount_ambiguous_separator', ambiguousMessage(text, sep, before, after, readingFile))
  }
  const [rawWhole, fraction = ''] = decimalSep === null ? [compact] : splitOnce(compact, decimalSep)
  const groupSep = decimalSep === '.' ? ',' : decimalSep === ',' ? '.' : dots > 0 ? '.' : ','
  const whole = stripGroups(rawWhole ?? '', groupSep)
  if (whole === null || !/^[0-9]*$/.test(fraction) || (whole === '' && fraction === '')) {
    return fail(
      'amount_bad_grouping',
      `Amount ${text} has thousands separators in the wrong places. Write it as 1234.56.`
    )
  }
  // Plain text read plainly needs no note; "1.234" read as grouping (the file's separator is ",") does.
  const plainlyRead = /^[0-9]*(\.[0-9]*)?$/.test(text) && !(decimalSep === null && dots > 0)
  return plainlyRead ? { ok: true, whole, fraction } : { ok: true, whole, fraction, readAs: 'grouped' }
}

/**
 * Why "1.234" is refused and how to write each reading so it cannot be misread: the thousands
 * reading without a separator, the decimal one with a point and a trailing zero ("1.2340": four
 * decimals cannot be grouping). Only while a file is read can its decimal separator be chosen instead.
 */
function ambiguousMessage(text: string, sep: '.' | ',', before: string, after: string, readingFile: boolean): string {
  const message = `Amount ${text} is ambiguous: "${sep}" could separate thousands or decimals. Write ${before}${after} if it separates thousands, or ${before}.${after}0 if it separates decimals.`
  return readingFile ? `${message} Or choose the file's decimal separator.` : message
}

/** Removes thousands grouping from the integer part; null when the groups are not of three digits. */
function stripGroups(whole: string, groupSep: string): string | null {
  const parts = whole.split(new RegExp(`[ '${groupSep === '.' ? '\\.' : ','}]`))
  if (parts.length === 1) return /^[0-9]*$/.test(whole) ? whole : null
  const [first, ...rest] = parts
  if (first === undefined || !/^[0-9]{1,3}$/.test(first) || rest.some((p) => !/^[0-9]{3}$/.test(p))) return null
  return parts.join('')
}

function splitOnce(text: string, sep: string): [string, string] {
  const i = text.lastIndexOf(sep)
  return [text.slice(0, i), text.slice(i + 1)]
}

function count(text: string, ch: string): number {
  let n = 0
  for (const c of text) if (c === ch) n++
  return n
}

/** The one way money is written to SQLite: TEXT of decimal digits. */
export function toStoredAmount(value: bigint): string {
  if (value < 0n) throw new RangeError('Stored amounts are never negative')
  return value.toString()
}

/** The one way money is read from SQLite; anything but digits is corruption, not a number to guess. */
export function fromStoredAmount(text: string): bigint {
  if (!/^[0-9]{1,78}$/.test(text)) throw new Error(`Stored amount "${text}" is not base-unit digits`)
  return BigInt(text)
}

export function sumAmounts(values: Iterable<bigint>): bigint {
  let total = 0n
  for (const v of values) total += v
  return total
}
