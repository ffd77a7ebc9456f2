// Runs in: renderer. The desk's number formats as people see them (which mark separates decimals,
// which groups thousands, an example), and the one this computer's locale uses, read from
// Intl.NumberFormat's parts so it matches what the user's spreadsheets show.
import { NUMBER_FORMATS, type NumberFormat } from '../../../shared/numberFormat'

export interface NumberFormatInfo {
  readonly decimal: '.' | ','
  /** The thousands separator written when amounts are shown. */
  readonly group: string
  readonly example: string
  readonly label: string
}

/** A space that does not break a number across lines. */
const NO_BREAK_SPACE = '\u00a0'

export const NUMBER_FORMAT_INFO: Readonly<Record<NumberFormat, NumberFormatInfo>> = {
  'dot-decimal': {
    decimal: '.',
    group: ',',
    example: '1,234.50',
    label: 'Point for decimals, comma between thousands'
  },
  'comma-decimal': {
    decimal: ',',
    group: '.',
    example: '1.234,50',
    label: 'Comma for decimals, point between thousands'
  },
  'space-comma': {
    decimal: ',',
    group: NO_BREAK_SPACE,
    example: '1 234,50',
    label: 'Comma for decimals, space between thousands'
  },
  'space-dot': {
    decimal: '.',
    group: NO_BREAK_SPACE,
    example: '1 234.50',
    label: 'Point for decimals, space between thousands'
  },
  'apostrophe-dot': {
    decimal: '.',
    group: "'",
    example: "1'234.50",
    label: 'Point for decimals, apostrophe between thousands'
  }
}

export const NUMBER_FORMAT_CHOICES: readonly NumberFormat[] = NUMBER_FORMATS

const SPACES = /^[\s\u00a0\u202f\u2009]$/
const APOSTROPHES = new Set(["'", '\u2019'])

/** The format whose marks are these (from a locale's formatted parts); a point or comma decides when the group is unusual. */
export function formatFromParts(decimal: string, group: string): NumberFormat {
  if (decimal === ',') return SPACES.test(group) ? 'space-comma' : 'comma-decimal'
  if (SPACES.test(group)) return 'space-dot'
  if (APOSTROPHES.has(group)) return 'apostrophe-dot'
  return 'dot-decimal'
}

/** The number format this computer's locale (or `locale`) uses. */
export function detectNumberFormat(locale?: string): NumberFormat {
  try {
    // Latin digits: a locale with its own digits still has a decimal and a group mark to learn from.
    const parts = new Intl.NumberFormat(locale, { useGrouping: true, numberingSystem: 'latn' }).formatToParts(1234567.5)
    const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.'
    const group = parts.find((p) => p.type === 'group')?.value ?? ','
    return formatFromParts(decimal, group)
  } catch {
    return 'dot-decimal' // an unknown locale tag: the format the app's own examples use
  }
}
