// Runs in: main (pure, no I/O). Koinly's universal CSV import template: Date, Sent Amount, Sent
// Currency, Received Amount, Received Currency, Fee Amount, Fee Currency, Net Worth Amount, Net
// Worth Currency, Label, Description, TxHash. Dates in UTC written "YYYY-MM-DD HH:mm UTC"; amounts
// sent as positive numbers in the Sent columns. Layout as documented by Koinly:
//   https://support.koinly.io/en/articles/9489976-how-to-create-a-custom-csv-file-with-your-data
//   (Simple, Trades and Universal templates; dates in UTC; optional Net Worth, Label, Description, TxHash)
// A transaction's network fee goes in the Fee columns of its first payment line; a transaction that
// paid nobody (a token approval) becomes its own line sending the fee, labelled "cost". Net worth is
// the fiat value rounded to the cent, left blank where there is none.
import { centsText } from '../exact'
import type { Ledger, LedgerEntry } from '../ledger'
import { csvBytes, empty, num, text, type Cell } from './csvWriter'
import {
  amountText,
  entryDescription,
  fileOf,
  hasValue,
  ledgerFileName,
  linesWithFees,
  type ExportResult
} from './common'

export const KOINLY_HEADER = [
  'Date',
  'Sent Amount',
  'Sent Currency',
  'Received Amount',
  'Received Currency',
  'Fee Amount',
  'Fee Currency',
  'Net Worth Amount',
  'Net Worth Currency',
  'Label',
  'Description',
  'TxHash'
] as const
export const KOINLY_TARGET = 'koinly-universal'
/** Koinly's label for an outgoing transaction that is a cost (fees, expenses). */
const LABEL_COST = 'cost'
const FEE_AMOUNT = 5
const FEE_CURRENCY = 6

function koinlyDate(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

function netWorth(e: LedgerEntry): [Cell, Cell] {
  return hasValue(e.fiat) ? [num(centsText(e.fiat.cents)), text(e.fiat.currency)] : [empty, empty]
}

function sentLine(e: LedgerEntry, label: string, description: string): Cell[] {
  return [
    text(koinlyDate(e.dateUtc!)),
    num(amountText(e)),
    text(e.asset.symbol),
    empty,
    empty,
    empty,
    empty,
    ...netWorth(e),
    text(label),
    text(description),
    text(e.txHash)
  ]
}

export function koinlyUniversal(ledger: Ledger, scope: 'payout' | 'range'): ExportResult {
  const { rows, warnings } = linesWithFees(
    ledger,
    (e) =>
      e.kind === 'payment'
        ? sentLine(e, '', `${e.payee.trim() === '' ? '' : `${e.payee}: `}${entryDescription(e)}`)
        : sentLine(e, LABEL_COST, entryDescription(e)),
    (line, fee) => {
      line[FEE_AMOUNT] = num(amountText(fee))
      line[FEE_CURRENCY] = text(fee.asset.symbol)
    }
  )
  return {
    files: [fileOf(ledgerFileName(KOINLY_TARGET, ledger, scope, 'csv'), csvBytes(KOINLY_HEADER, rows, { bom: false }))],
    warnings
  }
}
