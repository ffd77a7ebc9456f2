// Runs in: renderer. Amounts as the desk types and reads them. A typed amount is read with the
// desk's number format and sent to main in one canonical form ("." before decimals, no grouping,
// never readable as thousands); a shown amount is grouped the desk's way with the asset's decimals;
// an edited amount is its exact value in the desk's marks. String arithmetic only: nothing rounds.
import type { Issue } from '../../../shared/api'
import { DESK_AMOUNT_CODE, readDeskAmount } from '../../../shared/deskAmount'
import { NUMBER_FORMAT_INFO, type NumberFormat } from '../../../shared/numberFormat'
import { formatBaseUnits, groupThousands, MIN_SHOWN_DECIMALS } from '../../../shared/money'

/** The text main and the grid keep for an amount: digits, optionally "." and digits. */
const CANONICAL = /^([0-9]+)(?:\.([0-9]+))?$/

/**
 * How an amount's text is shown in the desk's format: grouped, with at least two decimals (fewer
 * when the asset has fewer) and every significant one up to the asset's decimals. Never rounded:
 * digits beyond the asset's decimals are shown as they are (main flags them). Text that is not a
 * number is shown as typed.
 */
export function displayAmount(text: string, decimals: number, format: NumberFormat): string {
  const match = CANONICAL.exec(text)
  if (match === null) return text
  const { decimal, group } = NUMBER_FORMAT_INFO[format]
  const whole = match[1]!.replace(/^0+(?=[0-9])/, '')
  const significant = (match[2] ?? '').replace(/0+$/, '')
  const fraction =
    significant.length > decimals ? significant : significant.padEnd(Math.min(MIN_SHOWN_DECIMALS, decimals), '0')
  const grouped = groupThousands(whole, group)
  return fraction === '' ? grouped : `${grouped}${decimal}${fraction}`
}

/** The exact value in the desk's decimal mark, without grouping or trailing zeros: what the cell editor and a copy hold. */
export function editableAmount(text: string, format: NumberFormat): string {
  const match = CANONICAL.exec(text)
  if (match === null) return text
  const fraction = (match[2] ?? '').replace(/0+$/, '')
  return fraction === '' ? match[1]! : `${match[1]}${NUMBER_FORMAT_INFO[format].decimal}${fraction}`
}

/** Orders amount texts by value (exactly, as decimal strings); text that is not a number sorts after every number. */
export function compareAmountText(a: string, b: string): number {
  const x = CANONICAL.exec(a)
  const y = CANONICAL.exec(b)
  if (x === null || y === null) return x === null && y === null ? a.localeCompare(b) : x === null ? 1 : -1
  const wx = x[1]!.replace(/^0+/, '')
  const wy = y[1]!.replace(/^0+/, '')
  if (wx.length !== wy.length) return wx.length - wy.length
  if (wx !== wy) return wx < wy ? -1 : 1
  const fx = x[2] ?? ''
  const fy = y[2] ?? ''
  const width = Math.max(fx.length, fy.length)
  const px = fx.padEnd(width, '0')
  const py = fy.padEnd(width, '0')
  return px === py ? 0 : px < py ? -1 : 1
}

/** Base units shown in the desk's format, exactly (at least two decimals, every significant one); null when not base units. */
export function formatDeskBaseUnits(baseUnits: string | bigint, decimals: number, format: NumberFormat): string | null {
  const { group, decimal } = NUMBER_FORMAT_INFO[format]
  return formatBaseUnits(baseUnits, decimals, { groupSeparator: group, decimalMark: decimal })
}

/** The amount text main is sent for what was typed: the canonical form, or the text itself when the desk did not read it. */
export function amountToSend(typed: string, format: NumberFormat): string {
  const reading = readDeskAmount(typed, format)
  return reading.kind === 'refused' ? typed.trim() : reading.text
}

/** The error to show in place for an amount the desk's number format cannot read, or null. */
export function deskAmountIssue(typed: string, format: NumberFormat): Issue | null {
  const reading = readDeskAmount(typed, format)
  return reading.kind === 'refused'
    ? { field: 'amount', severity: 'error', code: DESK_AMOUNT_CODE, message: reading.message }
    : null
}
