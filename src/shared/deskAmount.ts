// Runs in: every process. Reading an amount typed at a desk with the desk's number format: the
// renderer reads what is typed before sending it, and main reads again, by the same rules, an
// amount sent as typed because the desk could not read it (RecipientInput.amountFormat), so a
// refusal holds whoever re-sends the text. Anything the format does not settle is refused, never
// guessed; string arithmetic only.
import { mayBeThousandsGrouping, NUMBER_FORMAT_INFO, type NumberFormat } from './numberFormat'

/** The code of the error on an amount the desk's number format cannot read. */
export const DESK_AMOUNT_CODE = 'amount_desk_format'

export type DeskReading =
  /** Read: the canonical text ("." before decimals, no grouping, never readable as thousands). */
  | { readonly kind: 'number'; readonly text: string }
  /** Not a question of separators (letters, signs, exponent, empty): read by the general rules, which say what is wrong. */
  | { readonly kind: 'other'; readonly text: string }
  /** Separators this desk's format cannot read: nothing is guessed. */
  | { readonly kind: 'refused'; readonly message: string }

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
