// Runs in: main (pure, no I/O) and the registry worker thread.
// Mapped table rows -> validation inputs: the text of each mapped field, the exact value of numeric
// amount cells, and the spreadsheet cell problems of mapped columns as issues on the row. Also
// finds which decimal separator the file's own amounts reveal (shown to the user, never applied
// silently).
import type { Issue } from '../../shared/api'
import { type AssetCells } from './assetColumns'
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

export function buildRowInputs(table: RawTable, start: number, map: ColumnMap, unescape: boolean): RowInput[] {
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
