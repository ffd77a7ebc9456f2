// Runs in: main (plain Node). Report cells a spreadsheet can sum: amounts, fees, blocks and row
// numbers become number cells formatted to the asset's decimals whenever a double holds the value
// exactly as written (at most 15 significant digits, what Excel keeps); anything longer stays text,
// and the exact base units always sit in a text column beside the amount.
import type { NumberCell, SheetCell } from '../registry/export'
import { formatAmountUnambiguous } from '../domain/money'

/** Significant digits a double carries and Excel shows without change. */
export const EXACT_DIGITS = 15

/** "#,##0.00" for two decimals, "#,##0" for none: the asset's own number of decimals. */
export function amountFormat(decimals: number): string {
  return decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`
}

/** Whether a double holds base units / 10^decimals exactly as that decimal reads. */
export function fitsInDouble(baseUnits: bigint): boolean {
  const digits = (baseUnits < 0n ? -baseUnits : baseUnits).toString().replace(/0+$/, '')
  return digits.length <= EXACT_DIGITS
}

/** An amount as a number cell in the asset's format, or as its exact text when a double cannot hold it. */
export function amountCell(baseUnits: bigint, decimals: number): SheetCell {
  const text = formatAmountUnambiguous(baseUnits, decimals)
  return fitsInDouble(baseUnits) ? { kind: 'number', text, format: amountFormat(decimals) } : text
}

/** A whole number (row, nonce, block, count) as a number cell; text past 15 digits. */
export function integerCell(value: bigint | number | string): SheetCell {
  const n = BigInt(value)
  return fitsInDouble(n) && n.toString().length <= EXACT_DIGITS
    ? ({ kind: 'number', text: n.toString(), format: '0' } satisfies NumberCell)
    : n.toString()
}

/** The cell's text as a CSV holds it. */
export function cellText(cell: SheetCell): string {
  return typeof cell === 'string' ? cell : cell.text
}
