// Runs in: every process (pure). Which characters a name, label or note may not contain, and the
// message that says so. One rule for the contract's schemas (what the renderer may send) and for
// registry validation (what a file or the grid holds), so a character is refused the same way
// wherever it comes from.
//
// Refused everywhere: control characters (C0, DEL, C1) and the bidirectional embeddings, overrides
// and isolates (U+202A–U+202E, U+2066–U+2069). An override makes text display in another order
// than it is stored ("Bob" followed by U+202E can show a different reference than the one paid),
// and a control character can break a line in the audit log, a report or a spreadsheet.
// Labels (names, references, purposes, address labels) are one line and also refuse the direction
// marks U+200E, U+200F and U+061C: a label is compared and shown in one line where an invisible
// mark only hides a difference between two otherwise equal-looking names.
// Free text (notes, reasons) keeps tab, line feed and carriage return, because people write notes
// in lines and columns, and keeps the direction marks, which mixed right-to-left prose needs to
// place its punctuation; a mark only moves neutral characters next to it and cannot reverse a run
// of letters the way an override or isolate can.
import type { TextErrorCode } from './errors'

export type TextKind = 'label' | 'freeText'

export const TEXT_KIND = { label: 'label', freeText: 'freeText' } as const satisfies Record<TextKind, TextKind>

/** Issue and error codes: the character controls layout or the terminal, or it changes the display direction. */
export const TEXT_ERROR = {
  controlCharacter: 'text_control_character',
  directionCharacter: 'text_direction_character'
} as const satisfies Record<string, TextErrorCode>
export type { TextErrorCode }

/** Whether `code` is one of the codes this module answers with. */
export function isTextErrorCode(code: unknown): code is TextErrorCode {
  return code === TEXT_ERROR.controlCharacter || code === TEXT_ERROR.directionCharacter
}

export interface ForbiddenCharacter {
  /** Index (UTF-16) of the first refused character in the text. */
  readonly index: number
  /** "U+202E" */
  readonly codePoint: string
  /** "right-to-left override" */
  readonly name: string
  readonly code: TextErrorCode
}

const LABEL_REFUSED = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/
const FREE_TEXT_REFUSED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'null',
  0x09: 'tab',
  0x0a: 'line feed',
  0x0d: 'carriage return',
  0x1b: 'escape',
  0x7f: 'delete',
  0x061c: 'Arabic letter mark',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate'
}

const CONTROL_LIMIT = 0xa0

/** The first character `text` may not contain as a `kind`, or undefined when it is clean. */
export function findForbiddenCharacter(text: string, kind: TextKind): ForbiddenCharacter | undefined {
  const match = (kind === TEXT_KIND.label ? LABEL_REFUSED : FREE_TEXT_REFUSED).exec(text)
  if (match === null) return undefined
  const value = text.charCodeAt(match.index)
  const control = value < CONTROL_LIMIT
  return {
    index: match.index,
    codePoint: `U+${value.toString(16).toUpperCase().padStart(4, '0')}`,
    name: NAMES[value] ?? 'control character',
    code: control ? TEXT_ERROR.controlCharacter : TEXT_ERROR.directionCharacter
  }
}

/**
 * What to tell the user: `field` as they know it ("the operator name"), the character, why it is
 * refused and what to do. Starts with a lower-case field so callers can prefix a row ("Row 7: ").
 */
export function forbiddenCharacterMessage(field: string, found: ForbiddenCharacter, kind: TextKind): string {
  const position = `character ${found.index + 1}`
  const why =
    found.code === TEXT_ERROR.controlCharacter
      ? kind === TEXT_KIND.label
        ? 'a control character; it must be one line of plain text'
        : 'a control character that is not a tab or line break'
      : 'an invisible character that changes the order in which text is displayed'
  return `${field} contains ${found.codePoint} (${found.name}) at ${position}, ${why}. Delete it, or type the text again instead of pasting it.`
}

/** Upper-cases the first letter, for a message that stands alone. */
export function sentence(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1)
}
