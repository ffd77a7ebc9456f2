// Runs in: main (pure, no I/O) and the registry worker thread.
// Mapped table rows -> validation inputs: the text of each mapped field, the exact value of numeric
// amount cells, and the spreadsheet cell problems of mapped columns as issues on the row, as are a
// row hidden in the workbook and a value read from a hidden column (see hiddenRowIssue and
// hiddenColumnIssue). In a text file, a row longer than its first row is an error on the amount
// (see overflowIssue). An amount with a problem is not imported: its text is left empty, so no later save can read a
// number from it (the grid keeps only text, and validates it again). Also finds which decimal
// separator the file's own amounts reveal (shown to the user, never applied silently).
import type { Issue } from '../../shared/api'
import { type AssetCells } from './assetColumns'
import { columnLetter } from './csv'
import { unescapeFormula } from './formulaEscape'
import { type ColumnMap } from './headers'
import { sourceRowOf, type RawTable } from './table'
import { SEVERITY_ERROR, type DecimalSeparator, type RegistryField } from './types'
import { type RowInput } from './validate'

/** Which issue field a mapped column's cell problem belongs to. */
function issueField(field: RegistryField): string {
  switch (field) {
    case 'token_type':
    case 'token_address':
    case 'currency':
    case 'chain_id':
      return 'asset'
    default:
      return field
  }
}

/**
 * The shape of a delimited text file's rows: as many cells as its first row (the header, or the
 * first record of a file without one). A value in a cell past that width, in a column no field is
 * read from, means a separator inside some value split it: "1,200" written without quotes in a
 * comma file is read as the amount 1 and a stray 200 (see strayCell).
 */
export interface TextRowShape {
  readonly width: number
  readonly delimiter: string
  readonly hasHeader: boolean
}

/** Longest cell text quoted in the message. */
const QUOTED_CELL_CHARS = 40
/** Text that can be one piece of a number split by a separator: digits, with points or commas. */
const NUMBER_PIECE = /^[0-9][0-9.,]*$/
/** The part of a number before its first thousands separator. */
const LEADING_DIGITS = /^[0-9]{1,3}$/
/** What follows a thousands separator: three digits, perhaps with decimals. */
const THOUSANDS_GROUP = /^[0-9]{3}([.,][0-9]+)?$/
const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'vertical bar',
  ' ': 'space'
}

/**
 * Where a row shows a separator split a value: a value past the first row's width, in a column no
 * field is read from; or, in a file without a header (whose first row may be split the same way),
 * an amount of one to three digits followed, in a column no field is read from, by a group of three
 * digits ("1" then "200" or "250.00"), as "1,200" splits. The column, the stray text, and how the
 * row shows it.
 */
function strayCell(
  cells: readonly string[],
  shape: TextRowShape,
  mapped: ReadonlyMap<number, RegistryField>,
  amount: { readonly column: number; readonly text: string }
): { readonly column: number; readonly text: string; readonly past: boolean } | undefined {
  for (let c = shape.width; c < cells.length; c++) {
    const text = cells[c]!.trim()
    if (text !== '' && !mapped.has(c)) return { column: c, text, past: true }
  }
  const next = amount.column + 1
  if (shape.hasHeader || next >= cells.length || mapped.has(next)) return undefined
  const text = cells[next]!.trim()
  return LEADING_DIGITS.test(amount.text.trim()) && THOUSANDS_GROUP.test(text)
    ? { column: next, text, past: false }
    : undefined
}

/**
 * The error of a row a separator split, on the amount: whatever shifted, the amount read may be
 * part of a number, and it is never counted as if it were the whole of one.
 */
function splitRowIssue(
  cells: readonly string[],
  shape: TextRowShape,
  mapped: ReadonlyMap<number, RegistryField>,
  amount: { readonly column: number; readonly text: string },
  sourceRow: number
): Issue | undefined {
  const stray = strayCell(cells, shape, mapped, amount)
  if (stray === undefined) return undefined
  const { column: c, text } = stray
  const quoted = text.length > QUOTED_CELL_CHARS ? `${text.slice(0, QUOTED_CELL_CHARS)}…` : text
  const name = DELIMITER_NAMES[shape.delimiter] ?? `"${shape.delimiter}"`
  const read = amount.text.trim()
  const where = !stray.past
    ? `the amount is followed by "${quoted}" in column ${columnLetter(c)}, which is not read`
    : shape.hasHeader
      ? `this row has more cells than the header (column ${columnLetter(c)}, which has no heading, holds "${quoted}")`
      : `this row has more cells than the first row (column ${columnLetter(c)}, which the first row does not have, holds "${quoted}")`
  // Two pieces of one number side by side, as a separator inside it splits it: say which number it may be.
  const joined =
    c === amount.column + 1 && NUMBER_PIECE.test(read) && NUMBER_PIECE.test(text)
      ? `${read}${shape.delimiter}${text}`
      : undefined
  const cause =
    joined === undefined
      ? `A ${name} inside a value splits it in two and shifts what follows`
      : `If the amount is ${joined}, the ${name} split it in two`
  return {
    field: 'amount',
    severity: SEVERITY_ERROR,
    code: 'cell_past_header',
    message:
      `Row ${sourceRow}: ${where}. ${cause}; ` +
      `${read === '' ? 'the amount was' : `the amount "${read}" was`} not imported. ` +
      `Put values that hold a ${name} in quotes${joined === undefined ? '' : ` ("${joined}")`} and import the file again, or enter the amount here.`
  }
}

/**
 * The error of a row hidden in the workbook, by hand or by a filter: a sheet filtered to the rows
 * someone approved still holds the others, and whoever checked it did not see them. It is on the
 * row, not a cell, and keeps the amount read: editing the row here, as with any cell problem, is
 * the user's decision to pay it.
 */
function hiddenRowIssue(sourceRow: number): Issue {
  return {
    field: 'row',
    severity: SEVERITY_ERROR,
    code: 'cell_row_hidden',
    message:
      `Row ${sourceRow}: this row is hidden in the workbook (sheet row ${sourceRow}, hidden or filtered out by a filter): ` +
      'a hidden row is paid like any other. If it should be paid, show it in the workbook and import again ' +
      '(or edit it here); if not, delete it from the file and import again.'
  }
}

/**
 * The error of a value read from a column hidden in the workbook: whoever checked the sheet saw the
 * columns beside it, not this one (a hidden "amount" behind a visible "Amount to pay" would be paid).
 */
function hiddenColumnIssue(sourceRow: number, column: number, field: RegistryField, value: string): Issue {
  const letter = columnLetter(column)
  return {
    field: issueField(field),
    severity: SEVERITY_ERROR,
    code: 'cell_column_hidden',
    message:
      `Row ${sourceRow}: ${letter}${sourceRow} (${value.trim()}) is in column ${letter}, which is hidden in the workbook, so whoever ` +
      `reviewed the sheet did not see it. Show column ${letter} in the workbook and import again, or read the ${field.replace('_', ' ')} from another column.`
  }
}

export function buildRowInputs(
  table: RawTable,
  start: number,
  map: ColumnMap,
  unescape: boolean,
  textShape?: TextRowShape
): RowInput[] {
  const col = (field: RegistryField): number => map.get(field) ?? -1
  const cAddress = col('address')
  const cAmount = col('amount')
  const cName = col('name')
  const cReference = col('reference')
  const cNote = col('note')
  const cCategory = col('category')
  const cCostCenter = col('cost_center')
  const assetColumns: Array<[keyof AssetCells, number]> = [
    ['tokenType', col('token_type')],
    ['tokenAddress', col('token_address')],
    ['currency', col('currency')],
    ['chainId', col('chain_id')]
  ]
  const hasAsset = assetColumns.some(([, c]) => c >= 0)
  const fieldOfColumn = new Map<number, RegistryField>()
  for (const [field, c] of map) fieldOfColumn.set(c, field)
  const get = (cells: string[], c: number): string => {
    if (c < 0) return ''
    const v = cells[c] ?? ''
    return unescape ? unescapeFormula(v) : v
  }
  const inputs: RowInput[] = []
  for (let i = start; i < table.records.length; i++) {
    const cells = table.records[i]!
    const sourceRow = sourceRowOf(table, i)
    let amount = get(cells, cAmount)
    let issues: Issue[] | undefined
    const details = table.details?.get(i)
    if (details !== undefined) {
      for (const detail of details) {
        const field = fieldOfColumn.get(detail.column)
        if (field === undefined) continue
        if (field === 'amount' && detail.exact !== undefined) amount = detail.exact
        const problem = detail.problem
        if (problem === undefined || (problem.appliesTo === 'amount' && field !== 'amount')) continue
        issues ??= []
        issues.push({
          field: issueField(field),
          severity: SEVERITY_ERROR,
          code: problem.code,
          message: `Row ${sourceRow}: ${problem.message}`
        })
      }
    }
    if (table.hiddenColumns !== undefined)
      for (const [c, field] of fieldOfColumn)
        if (table.hiddenColumns.has(c) && (cells[c] ?? '').trim() !== '')
          (issues ??= []).push(hiddenColumnIssue(sourceRow, c, field, cells[c]!))
    // A hidden row with nothing in the columns read is a blank row, skipped as any other.
    if (table.hiddenRows?.has(i) === true && (issues !== undefined || fillsColumn(cells, fieldOfColumn)))
      (issues ??= []).push(hiddenRowIssue(sourceRow))
    if (textShape !== undefined && (cells.length > textShape.width || !textShape.hasHeader)) {
      const split = splitRowIssue(cells, textShape, fieldOfColumn, { column: cAmount, text: amount }, sourceRow)
      if (split !== undefined) (issues ??= []).push(split)
    }
    if (issues !== undefined && issues.some((i) => i.field === 'amount')) amount = ''
    const input: { -readonly [K in keyof RowInput]: RowInput[K] } = { sourceRow, address: get(cells, cAddress), amount }
    if (cName >= 0) input.name = get(cells, cName)
    if (cReference >= 0) input.reference = get(cells, cReference)
    if (cNote >= 0) input.note = get(cells, cNote)
    if (cCategory >= 0) input.category = get(cells, cCategory)
    if (cCostCenter >= 0) input.costCenter = get(cells, cCostCenter)
    if (hasAsset) {
      const asset: { -readonly [K in keyof AssetCells]: AssetCells[K] } = {}
      for (const [key, c] of assetColumns) if (c >= 0) asset[key] = get(cells, c)
      input.asset = asset
    }
    if (issues !== undefined) input.issues = issues
    inputs.push(input)
  }
  return inputs
}

function fillsColumn(cells: readonly string[], mapped: ReadonlyMap<number, RegistryField>): boolean {
  for (const c of mapped.keys()) if ((cells[c] ?? '').trim() !== '') return true
  return false
}

/**
 * The decimal separator the amounts reveal: "1.234,56" or "12,5" show a decimal comma, "1,234.56"
 * or "12.5" a decimal point. "1,234" shows nothing. Undefined when there is no evidence or the
 * evidence disagrees.
 */
export function detectDecimalSeparator(amounts: readonly string[]): DecimalSeparator | undefined {
  let comma = 0
  let point = 0
  for (const raw of amounts) {
    const text = raw.trim()
    const lastDot = text.lastIndexOf('.')
    const lastComma = text.lastIndexOf(',')
    if (lastDot < 0 && lastComma < 0) continue
    if (lastDot >= 0 && lastComma >= 0) {
      if (lastDot > lastComma) point++
      else comma++
      continue
    }
    const sep = lastDot >= 0 ? '.' : ','
    const at = lastDot >= 0 ? lastDot : lastComma
    if (text.indexOf(sep) !== at) continue
    const digitsAfter = text.length - at - 1
    const before = text.slice(0, at).replace(/[^0-9]/g, '')
    if (digitsAfter !== 3 || before === '' || before === '0' || before.length > 3) {
      if (sep === '.') point++
      else comma++
    }
  }
  if (comma > 0 && point === 0) return ','
  if (point > 0 && comma === 0) return '.'
  return undefined
}
