// Runs in: renderer. The desk's number formats as people see them (which mark separates decimals,
// which groups thousands, an example), and the one this computer's locale uses, read from
// Intl.NumberFormat's parts so it matches what the user's spreadsheets show.
import { NUMBER_FORMATS, type NumberFormat } from '../../../shared/numberFormat'

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
