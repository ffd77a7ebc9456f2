// Runs in: main (pure, no I/O). Cryptio's custom CSV import template. Columns, in this order and
// spelling (Cryptio refuses any other case): transactionDate, orderType, txhash, incomingAsset,
// incomingVolume, incomingUnitRate, incomingTransactionValue, outgoingAsset, outgoingVolume,
// outgoingUnitRate, outgoingTransactionValue, feeAsset, feeVolume, feeUnitRate,
// feeTransactionValue, otherParties, note. transactionDate in UTC as "YYYY-MM-DD HH:MM:SS";
// orderType lower case ("withdraw" for money out, filling only the outgoing columns); a unit rate
// or a transaction value, never both. Layout as documented by Cryptio:
//   https://cryptio.support.site/article/how-to-import-transactions-using-the-custom-csv-template
//   https://support.cryptio.co/hc/en-gb/articles/7063951851921-The-Ultimate-CSV-import-guide
// The unit rate is given exactly where it is a finite decimal (a feed answer, a typed rate); a rate
// converted through two feeds that is not one gives the value instead, rounded to the cent. A
// transaction's fee goes in the fee columns of its first payment line; a transaction that paid
// nobody (a token approval) is a withdrawal of its fee.
import { centsText, ratioAsDecimal, decimalText } from '../exact'
import type { Ledger, LedgerEntry } from '../ledger'
import { csvBytes, empty, num, text, type Cell } from './csvWriter'
import { amountText, fileOf, hasValue, isoDateTime, ledgerFileName, linesWithFees, type ExportResult } from './common'

export const CRYPTIO_HEADER = [
  'transactionDate',
  'orderType',
  'txhash',
  'incomingAsset',
  'incomingVolume',
  'incomingUnitRate',
  'incomingTransactionValue',
  'outgoingAsset',
  'outgoingVolume',
  'outgoingUnitRate',
  'outgoingTransactionValue',
  'feeAsset',
  'feeVolume',
  'feeUnitRate',
  'feeTransactionValue',
  'otherParties',
  'note'
] as const
export const CRYPTIO_TARGET = 'cryptio-custom'
const ORDER_WITHDRAW = 'withdraw'
const FEE_COLUMNS = 11

/** [unit rate, transaction value]: exactly one filled when there is a value. */
function valuation(e: LedgerEntry): [Cell, Cell] {
  if (!hasValue(e.fiat)) return [empty, empty]
  const rate = ratioAsDecimal(e.fiat.rate)
  return rate === undefined ? [empty, num(centsText(e.fiat.cents))] : [num(decimalText(rate)), empty]
}

function note(e: LedgerEntry): string {
  const parts = [
    e.kind === 'payment' ? `${e.payoutId} row ${e.row}` : `network fee of ${e.payoutId}`,
    e.payee,
    e.reference,
    e.memo,
    e.category === '' ? '' : `category ${e.category}`,
    e.costCenter === '' ? '' : `cost center ${e.costCenter}`
  ]
  return parts.filter((p) => p.trim() !== '').join('; ')
}

function withdrawal(e: LedgerEntry): Cell[] {
  return [
    text(isoDateTime(e.dateUtc!)),
    text(ORDER_WITHDRAW),
    text(e.txHash),
    empty,
    empty,
    empty,
    empty,
    text(e.asset.symbol),
    num(amountText(e)),
    ...valuation(e),
    empty,
    empty,
    empty,
    empty,
    text(e.to),
    text(note(e))
  ]
}

export function cryptioCustom(ledger: Ledger, scope: 'payout' | 'range'): ExportResult {
  const { rows, warnings } = linesWithFees(ledger, withdrawal, (line, fee) =>
    line.splice(FEE_COLUMNS, 4, text(fee.asset.symbol), num(amountText(fee)), ...valuation(fee))
  )
  return {
    files: [
      fileOf(ledgerFileName(CRYPTIO_TARGET, ledger, scope, 'csv'), csvBytes(CRYPTIO_HEADER, rows, { bom: false }))
    ],
    warnings
  }
}
