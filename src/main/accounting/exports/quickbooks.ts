// Runs in: main (pure, no I/O). QuickBooks Online bank transactions upload (Transactions > Bank
// transactions > Upload from file), in either of the two layouts it accepts:
//   3 columns: Date, Description, Amount (one signed amount, negative for money out);
//   4 columns: Date, Description, Credit, Debit (money in under Credit, money out under Debit, both
//   positive, the other cell of the row left blank).
// Dates as MM/DD/YYYY. Layouts as documented at:
//   https://www.orderproanalytics.com/blog/quickbooks-online-csv-3-column-vs-4-column
//   https://exactstatement.com/blog/qbo-3-vs-4-column
// Amounts are the ledger's fiat values rounded to the cent; the exact crypto amount, payee and
// transaction go into the description (QuickBooks has no payee or reference column in this upload).
import { centsText } from '../exact'
import type { Ledger, LedgerEntry } from '../ledger'
import { csvBytes, empty, num, text, type Cell } from './csvWriter'
import {
  entryDescription,
  fileOf,
  hasValue,
  ledgerFileName,
  outflowCents,
  slashDate,
  statementEntries,
  type ExportResult
} from './common'

export const QBO_3_COLUMN_HEADER = ['Date', 'Description', 'Amount'] as const
export const QBO_4_COLUMN_HEADER = ['Date', 'Description', 'Credit', 'Debit'] as const
export type QuickBooksLayout = 'three_column' | 'four_column'
export const QBO_TARGET = 'quickbooks-online-bank'

function description(e: LedgerEntry): string {
  return e.kind === 'payment' && e.payee.trim() !== '' ? `${e.payee}: ${entryDescription(e)}` : entryDescription(e)
}

export function quickBooksBankCsv(ledger: Ledger, scope: 'payout' | 'range', layout: QuickBooksLayout): ExportResult {
  const { entries: lines, warnings } = statementEntries(ledger, 'QuickBooks Online')
  const rows: Cell[][] = lines.map((e) => {
    if (!hasValue(e.fiat) || e.dateUtc === null) throw new Error('entries are checked before they are written')
    const date = text(slashDate(e.dateUtc, 'mdy'))
    return layout === 'three_column'
      ? [date, text(description(e)), num(outflowCents(e.fiat))]
      : [date, text(description(e)), empty, num(centsText(e.fiat.cents))]
  })
  const header = layout === 'three_column' ? QBO_3_COLUMN_HEADER : QBO_4_COLUMN_HEADER
  const target = `${QBO_TARGET}-${layout === 'three_column' ? '3-column' : '4-column'}`
  return {
    files: [fileOf(ledgerFileName(target, ledger, scope, 'csv'), csvBytes(header, rows, { bom: false }))],
    warnings
  }
}
