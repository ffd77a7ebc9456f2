// Runs in: the registry worker and main (plain Node). Files exported from spreadsheets and payroll
// tools often end with a total line: "Total" and the sum of the amounts, with no address. Read as a
// row, it is an error ("Address is empty") and its amount doubles the file's total. When the last
// row names itself a total, holds no address and its amount is exactly the sum of the amounts
// above it, it is the file's own check sum: it is left out and said so. When its amount differs,
// it stays (the file disagrees with itself) and a notice says by how much, for a person to look.
// A spreadsheet's total line whose amount is a formula (never read as an amount) names no
// recipient and pays nothing: it is left out on its label alone, and said so.
import { formatMoney } from '../../shared/money'
import { looksLikeAddress } from './headers'
import type { RegistryAsset, RegistryRow } from './types'

/** The notice of a total line left out. */
export const TOTAL_ROW_LEFT_OUT = 'total_row_left_out'

/** A cell that names its row a total, in the languages registries come in. */
const TOTAL_LABEL = /^\s*(?:grand\s+|sub-?)?totals?\b|^\s*(?:sum|summe|gesamt(?:summe)?|totaal|totale|итого)\s*:?\s*$/i

/** A total line: the row and its amount, or null when the amount is a formula (never imported). */
export interface TotalRow {
  readonly row: RegistryRow
  readonly amount: bigint | null
}

/**
 * The last row of a file when it names itself a total and holds no address, else undefined. A
 * spreadsheet's total is usually a formula, which is never imported as an amount (its saved result
 * may be stale, rowInputs.ts): such a line can be told by its label and formula only.
 */
export function totalRowCandidate(row: RegistryRow | undefined): TotalRow | undefined {
  if (row === undefined || looksLikeAddress(row.address)) return undefined
  if (labelOf(row) === undefined) return undefined
  if (row.amount !== null) return { row, amount: row.amount }
  return row.issues.some((i) => i.field === 'amount' && i.code === 'cell_formula') ? { row, amount: null } : undefined
}

/** The cell that names the row a total (the address cell, when it holds words, included), or undefined. */
function labelOf(row: RegistryRow): string | undefined {
  const cells = [row.address, row.name, row.reference, row.note, row.category, row.costCenter]
  return cells.find((c) => c !== undefined && TOTAL_LABEL.test(c))?.trim()
}

/** Whether the total row is the sum of the rows above it (`above`, base units), and the notice saying what was done. */
export function totalRowVerdict(
  total: TotalRow,
  above: bigint,
  asset: Pick<RegistryAsset, 'decimals' | 'symbol'>
): { readonly leaveOut: boolean; readonly notice: { readonly code: string; readonly message: string } } {
  const amount = (v: bigint): string => formatMoney(v, asset.decimals, asset.symbol)
  const { row } = total
  if (total.amount === null)
    return {
      leaveOut: true,
      notice: {
        code: TOTAL_ROW_LEFT_OUT,
        message: `Row ${row.sourceRow} (“${labelOf(row) ?? ''}”) is the file's total line: its amount is a formula, which is never imported, and it names no recipient. It was left out.`
      }
    }
  if (total.amount === above)
    return {
      leaveOut: true,
      notice: {
        code: TOTAL_ROW_LEFT_OUT,
        message: `Row ${row.sourceRow} (“${labelOf(row) ?? ''}”, ${amount(total.amount)}) is the file's total of the rows above it, which add up to exactly that, and was left out.`
      }
    }
  return {
    leaveOut: false,
    notice: {
      code: 'total_row_differs',
      message: `Row ${row.sourceRow} (“${labelOf(row) ?? ''}”) looks like the file's total, but its ${amount(total.amount)} is not what the rows above add up to (${amount(above)}). Check the file: a row may be missing or changed. The row stays, with its error, until you delete it.`
    }
  }
}
