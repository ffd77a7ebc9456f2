// Runs in: main (pure, no I/O) and the registry worker thread.
// One spreadsheet cell -> the text the user sees, plus what an amount column must know about it.
//
// Decision on numbers: a numeric cell stores a binary double. Its shortest round-trip decimal is
// what the user typed whenever that decimal has at most 15 significant digits (Excel keeps no more),
// so that decimal, not the shown text, is the amount. Refused instead, with the cell named:
// - more than 15 significant digits (0.30000000000000004, 12345678901234567890): not exact;
// - shown in exponent form (1.23457E+11): the user cannot check the number they see;
// - an explicit number format that shows something else (1,234.57 for 1234.5678): paying the
//   stored value would pay an amount the user never saw;
// - a format that shows a currency, a percent sign or a word ("€1,234.50", "50%"): the amount
//   would be paid in the payout's currency whatever the sheet says it is in;
// - date formats, formulas (their cached value is not trusted) and error values.
// In General format the shown text is only the column width's rounding, so it is not compared.
import type * as XLSX from '@e965/xlsx'
import { sheetLibrary } from './sheetLibrary'
import { type CellDetail } from './table'

export interface DescribedCell {
  readonly text: string
  readonly detail?: Omit<CellDetail, 'column'>
}

/** A number shown in exponent form: "1.23457E+11", "2.50E-01". */
const EXPONENT_SHOWN = /[0-9]E[+-]?[0-9]/i
/**
 * What a number's format adds that changes what the amount means: a currency ("$", "€", "EUR"), a
 * percent sign, any word. The stored number carries none of it, so paying it as the payout's
 * currency would be a guess; a spreadsheet's General format never shows one.
 */
const UNIT_SHOWN = /[\p{Sc}%\p{L}]+/u

/** Excel keeps 15 significant decimal digits. */
export const MAX_SIGNIFICANT_DIGITS = 15
const GENERAL_FORMAT = 'general'

/** `at` is the cell's reference ("B7"), or how to make it: only a cell with a problem names itself, so most cells never build one. */
export function describeCell(cell: XLSX.CellObject, at: string | (() => string)): DescribedCell {
  if (cell.t === 's' && cell.f === undefined && cell.F === undefined && typeof cell.v === 'string')
    return { text: cell.v }
  const ref = typeof at === 'string' ? at : at()
  const shown = typeof cell.w === 'string' ? cell.w : undefined
  if (cell.f !== undefined || cell.F !== undefined) {
    const formula = typeof cell.f === 'string' ? ` (=${cell.f.slice(0, 60)})` : ''
    return {
      text: shown ?? (cell.v === undefined ? '' : String(cell.v)),
      detail: {
        problem: {
          appliesTo: 'any',
          code: 'cell_formula',
          message: `${ref} contains a formula${formula}. Formulas are not imported because their saved result may be out of date; copy the column and paste it back as values.`
        }
      }
    }
  }
  switch (cell.t) {
    case 's':
      return { text: typeof cell.v === 'string' ? cell.v : (shown ?? '') }
    case 'b':
      return { text: cell.v === true ? 'TRUE' : 'FALSE' }
    case 'e':
      return {
        text: shown ?? '#ERROR',
        detail: {
          problem: {
            appliesTo: 'any',
            code: 'cell_error_value',
            message: `${ref} shows the spreadsheet error ${shown ?? ''}. Fix the cell in the spreadsheet.`
          }
        }
      }
    case 'd':
      return { text: shown ?? String(cell.v), detail: { problem: dateProblem(ref, shown) } }
    case 'n':
      return describeNumber(cell, ref, shown)
    case 'z':
      return { text: '' }
    default:
      return { text: shown ?? (cell.v === undefined ? '' : String(cell.v)) }
  }
}

function describeNumber(cell: XLSX.CellObject, ref: string, shown: string | undefined): DescribedCell {
  const v = typeof cell.v === 'number' ? cell.v : Number.NaN
  if (!Number.isFinite(v))
    return {
      text: shown ?? '',
      detail: {
        problem: { appliesTo: 'any', code: 'cell_number_invalid', message: `${ref} does not hold a usable number.` }
      }
    }
  const format = typeof cell.z === 'string' ? cell.z : undefined
  const exact = exactDecimal(v)
  const text = shown ?? exact.text
  if (format !== undefined && sheetLibrary().SSF.is_date(format))
    return { text, detail: { problem: dateProblem(ref, shown) } }
  if (exact.significant > MAX_SIGNIFICANT_DIGITS) {
    return {
      text,
      detail: {
        problem: {
          appliesTo: 'any',
          code: 'cell_number_inexact',
          message: `${ref} holds ${exact.text}, which has more than ${MAX_SIGNIFICANT_DIGITS} significant digits, so the spreadsheet cannot store it exactly. Format the column as Text and type the value again.`
        }
      }
    }
  }
  if (shown !== undefined && EXPONENT_SHOWN.test(shown)) {
    return {
      text,
      detail: {
        problem: {
          appliesTo: 'any',
          code: 'cell_number_exponent',
          message: `${ref} shows ${shown} in exponent form, so the full number cannot be checked. Format the column as Text or Number and type the value again.`
        }
      }
    }
  }
  /** The exact value is kept, and the problem refuses it as an amount only. */
  const amountProblem = (code: string, message: string) => ({
    text,
    detail: { exact: exact.text, problem: { appliesTo: 'amount' as const, code, message } }
  })
  const unit = shown === undefined ? null : UNIT_SHOWN.exec(shown)
  if (unit !== null)
    return amountProblem(
      'cell_unit_shown',
      `${ref} shows ${shown}: its format adds "${unit[0]}", which the amount paid would not keep (a payout pays in its own currency). Check the column's amounts are meant in the payout's currency, format it as Number without "${unit[0]}", and import again.`
    )
  const general = format === undefined || format.toLowerCase() === GENERAL_FORMAT
  if (!general && shown !== undefined && !showsValue(shown, exact.text))
    return amountProblem(
      'cell_display_differs',
      `${ref} shows ${shown} but holds ${exact.text}. Change the cell's format so it shows every decimal, or type the amount you mean.`
    )
  return { text, detail: { exact: exact.text } }
}

function dateProblem(ref: string, shown: string | undefined): CellDetail['problem'] {
  return {
    appliesTo: 'amount',
    code: 'cell_date',
    message: `${ref} is a date${shown === undefined ? '' : ` (${shown})`}, not an amount. Format the cell as Number or Text and type the amount.`
  }
}

/** The shortest decimal that reads back as `v`, written without exponent, and its significant digits. */
export function exactDecimal(v: number): { text: string; significant: number } {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(v))
  if (m === null) return { text: String(v), significant: Number.POSITIVE_INFINITY }
  const sign = m[1] === '-' ? '-' : ''
  let digits = (m[2] ?? '') + (m[3] ?? '')
  let point = (m[2] ?? '').length + Number(m[4] ?? '0')
  const lead = digits.length - digits.replace(/^0+/, '').length
  digits = digits.slice(lead)
  point -= lead
  if (digits === '') return { text: '0', significant: 0 }
  const significant = digits.replace(/0+$/, '').length
  let text: string
  if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`
  else if (point >= digits.length) text = digits + '0'.repeat(point - digits.length)
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`
  return { text: sign + canonical(text), significant }
}

/** "0012.500" -> "12.5", "-0" -> "0": decimal text compared by value. */
function canonical(text: string): string {
  const negative = text.startsWith('-')
  const body = negative ? text.slice(1) : text
  const [whole = '', fraction = ''] = body.split('.')
  const w = whole.replace(/^0+/, '') || '0'
  const f = fraction.replace(/0+$/, '')
  const value = f === '' ? w : `${w}.${f}`
  return negative && value !== '0' ? `-${value}` : value
}

/**
 * Whether a formatted number ("1,234.50", "(12.00)") shows the value `exact`. A spreadsheet saved
 * in a decimal-comma locale shows "1.234,50" (LibreOffice keeps the text it showed), so the text is
 * read with either decimal mark: the text is the value's own rendering, and a rendering that
 * rounded cannot read as the value under the other mark.
 */
function showsValue(shown: string, exact: string): boolean {
  const negative = /^\s*\(.*\)\s*$/.test(shown) || /-/.test(shown)
  const body = shown.replace(/[^0-9.,]/g, '')
  if (!/[0-9]/.test(body)) return false
  const readings = [body.replace(/,/g, '')]
  if (body.indexOf(',') === body.lastIndexOf(',')) readings.push(body.replace(/\./g, '').replace(',', '.'))
  const value = canonical(exact)
  return readings.some((r) => /^[0-9]*\.?[0-9]*$/.test(r) && canonical(negative ? `-${r}` : r) === value)
}
