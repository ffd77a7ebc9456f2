// Runs in: renderer. Amounts as the desk types and reads them. A typed amount is read with the
// desk's number format and sent to main in one canonical form ("." before decimals, no grouping,
// never readable as thousands); a shown amount is grouped the desk's way with the asset's decimals;
// an edited amount is its exact value in the desk's marks. String arithmetic only: nothing rounds.
import type { Issue } from '../../../shared/api'
import { mayBeThousandsGrouping, type NumberFormat } from '../../../shared/numberFormat'
import { formatBaseUnits, groupThousands, MIN_SHOWN_DECIMALS } from '../../../shared/money'
import { NUMBER_FORMAT_INFO } from './numberFormat'

export type DeskReading =
  /** Read: the canonical text main is sent. */
  | { readonly kind: 'number'; readonly text: string }
  /** Not a question of separators (letters, signs, exponent, empty): sent as typed, main says what is wrong. */
  | { readonly kind: 'other'; readonly text: string }
  /** Separators this desk's format cannot read: nothing is guessed. */
  | { readonly kind: 'refused'; readonly message: string }

/** The text main and the grid keep for an amount: digits, optionally "." and digits. */
const CANONICAL = /^([0-9]+)(?:\.([0-9]+))?$/
const SEPARATOR_TEXT = /^[0-9., ']+$/
const ANY_SPACE = /[\s\u00a0\u202f\u2009]/g

/** Reads a typed amount with the desk's number format. */
export function readDeskAmount(input: string, format: NumberFormat): DeskReading {
  const typed = input.trim()
  const text = typed.replace(ANY_SPACE, ' ').replace(/\u2019/g, "'")
  if (!SEPARATOR_TEXT.test(text) || !/[0-9]/.test(text)) return { kind: 'other', text: typed }
  const { decimal } = NUMBER_FORMAT_INFO[format]
  const refuse = (what: string): DeskReading => ({ kind: 'refused', message: refusal(typed, format, what) })
  const marks = text.split(decimal).length - 1
  if (marks > 1) return refuse(`"${decimal}" separates decimals and can appear only once`)
  const at = text.indexOf(decimal)
  const wholeText = at < 0 ? text : text.slice(0, at)
  const fraction = at < 0 ? '' : text.slice(at + 1)
  const late = [...fraction].find((ch) => !/[0-9]/.test(ch))
  if (late !== undefined) return refuse(`"${late}" comes after the decimal ${markName(decimal)}`)
  const groupMarks = groupMarksOf(format)
  const stray = [...wholeText].find((ch) => !/[0-9]/.test(ch) && !groupMarks.has(ch))
  if (stray !== undefined) return refuse(`"${stray}" is not used in numbers written this way`)
  const groups = splitGroups(wholeText, groupMarks)
  if (groups.length > 1 && (!/^[0-9]{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^[0-9]{3}$/.test(g))))
    return refuse('thousands separators must come between groups of three digits')
  const whole = groups.join('') === '' ? '0' : groups.join('')
  if (fraction === '') return { kind: 'number', text: whole }
  // "1.234" would be read by main as possibly thousands: the trailing zero says decimals, exactly.
  const padded = mayBeThousandsGrouping(whole, fraction) ? `${fraction}0` : fraction
  return { kind: 'number', text: `${whole}.${padded}` }
}

function refusal(text: string, format: NumberFormat, what: string): string {
  const { example } = NUMBER_FORMAT_INFO[format]
  return `Amount ${text} cannot be read in this desk's number format (${example}): ${what}. Type it like ${example}, or change the number format in Settings.`
}

function markName(mark: '.' | ','): string {
  return mark === '.' ? 'point' : 'comma'
}

/** Marks read as thousands grouping: the format's own, and spaces and apostrophes, which are never decimals. */
function groupMarksOf(format: NumberFormat): ReadonlySet<string> {
  const { group } = NUMBER_FORMAT_INFO[format]
  return new Set([' ', "'", group === '\u00a0' ? ' ' : group])
}

function splitGroups(whole: string, marks: ReadonlySet<string>): string[] {
  const groups: string[] = ['']
  for (const ch of whole) {
    if (marks.has(ch)) groups.push('')
    else groups[groups.length - 1] += ch
  }
  return groups
}

/**
 * How an amount's text is shown in the desk's format: grouped, with at least two decimals (fewer
 * when the asset has fewer) and every significant one up to the asset's decimals. Never rounded:
 * digits beyond the asset's decimals are shown as they are (main flags them). Text that is not a
 * number is shown as typed.
 */
export function displayAmount(text: string, decimals: number, format: NumberFormat): string {
  const match = CANONICAL.exec(text)
  if (match === null) return text
  const { decimal, group } = NUMBER_FORMAT_INFO[format]
  const whole = match[1]!.replace(/^0+(?=[0-9])/, '')
  const significant = (match[2] ?? '').replace(/0+$/, '')
  const fraction =
    significant.length > decimals ? significant : significant.padEnd(Math.min(MIN_SHOWN_DECIMALS, decimals), '0')
  const grouped = groupThousands(whole, group)
  return fraction === '' ? grouped : `${grouped}${decimal}${fraction}`
}

/** The exact value in the desk's decimal mark, without grouping or trailing zeros: what the cell editor and a copy hold. */
export function editableAmount(text: string, format: NumberFormat): string {
  const match = CANONICAL.exec(text)
  if (match === null) return text
  const fraction = (match[2] ?? '').replace(/0+$/, '')
  return fraction === '' ? match[1]! : `${match[1]}${NUMBER_FORMAT_INFO[format].decimal}${fraction}`
}

/** Orders amount texts by value (exactly, as decimal strings); text that is not a number sorts after every number. */
export function compareAmountText(a: string, b: string): number {
  const x = CANONICAL.exec(a)
  const y = CANONICAL.exec(b)
  if (x === null || y === null) return x === null && y === null ? a.localeCompare(b) : x === null ? 1 : -1
  const wx = x[1]!.replace(/^0+/, '')
  const wy = y[1]!.replace(/^0+/, '')
  if (wx.length !== wy.length) return wx.length - wy.length
  if (wx !== wy) return wx < wy ? -1 : 1
  const fx = x[2] ?? ''
  const fy = y[2] ?? ''
  const width = Math.max(fx.length, fy.length)
  const px = fx.padEnd(width, '0')
  const py = fy.padEnd(width, '0')
  return px === py ? 0 : px < py ? -1 : 1
}

/** Base units shown in the desk's format, exactly (at least two decimals, every significant one); null when not base units. */
export function formatDeskBaseUnits(baseUnits: string | bigint, decimals: number, format: NumberFormat): string | null {
  const { group, decimal } = NUMBER_FORMAT_INFO[format]
  return formatBaseUnits(baseUnits, decimals, { groupSeparator: group, decimalMark: decimal })
}

/** The amount text main is sent for what was typed: the canonical form, or the text itself when the desk did not read it. */
export function amountToSend(typed: string, format: NumberFormat): string {
  const reading = readDeskAmount(typed, format)
  return reading.kind === 'refused' ? typed.trim() : reading.text
}

export const DESK_AMOUNT_CODE = 'amount_desk_format'

/** The error to show in place for an amount the desk's number format cannot read, or null. */
export function deskAmountIssue(typed: string, format: NumberFormat): Issue | null {
  const reading = readDeskAmount(typed, format)
  return reading.kind === 'refused'
    ? { field: 'amount', severity: 'error', code: DESK_AMOUNT_CODE, message: reading.message }
    : null
}
