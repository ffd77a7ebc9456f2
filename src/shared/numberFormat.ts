// Runs in: every process. How the desk writes numbers: which mark separates decimals and which
// groups thousands. A setting (chosen in Settings, first taken from the computer's locale) that
// the renderer reads typed amounts with; files keep their own separator and import options.

export const NUMBER_FORMATS = ['dot-decimal', 'comma-decimal', 'space-comma', 'space-dot', 'apostrophe-dot'] as const
export type NumberFormat = (typeof NUMBER_FORMATS)[number]

export function isNumberFormat(value: unknown): value is NumberFormat {
  return typeof value === 'string' && (NUMBER_FORMATS as readonly string[]).includes(value)
}

/** Digits in a thousands group. */
export const GROUP_DIGITS = 3

/**
 * Whether plain amount text "whole.fraction" could be read as thousands grouping ("1.234",
 * "12.345", "999.000": one to three digits before the point, not a lone zero, exactly three
 * after). Such text needs a trailing zero ("1.2340") to be read as decimals without a hint.
 */
export function mayBeThousandsGrouping(whole: string, fraction: string): boolean {
  return fraction.length === GROUP_DIGITS && whole.length >= 1 && whole.length <= GROUP_DIGITS && whole !== '0'
}

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
