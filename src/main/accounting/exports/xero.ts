// Runs in: main (pure, no I/O). Xero's bank statement import (Accounting > Bank accounts > Manage
// account > Import a statement), in the layout of Xero's own CSV template: columns *Date, *Amount,
// Payee, Description, Reference (an asterisk marks the required ones); the date as DD/MM/YYYY (or
// MM/DD/YYYY for an organisation set up that way); one signed amount, negative for money spent; at
// most 1,000 statement lines per file, so a larger ledger is split into numbered files.
// Layout as documented on pages citing Xero's help:
//   https://online.flippingbook.com/view/399081/34/ (template, DD/MM/YYYY, minus for money spent, 1000 lines a file)
//   https://taxhelp.theaccountancycloud.com/support/solutions/articles/22000180105-import-a-csv-bank-statement-file-into-xero
//     ("split up the file if it contains more than 1,000 bank transactions"; Payee, Description, Reference)
// Every line is money out in the ledger's currency, rounded to the cent (the bank account in Xero
// holds fiat); the exact crypto amount and transaction go into the description.
import type { Ledger, LedgerEntry } from '../ledger'
import { csvBytes, num, text, type Cell } from './csvWriter'
import {
  entryDescription,
  fileOf,
  hasValue,
  ledgerFileName,
  outflowCents,
  slashDate,
  statementEntries,
  type DateOrder,
  type ExportResult
} from './common'

export const XERO_HEADER = ['*Date', '*Amount', 'Payee', 'Description', 'Reference'] as const
/** Statement lines Xero imports from one file. */
export const XERO_MAX_LINES_PER_FILE = 1_000
/** Xero's description field holds 255 characters; a longer memo is shortened (the ledger file keeps it whole). */
const XERO_DESCRIPTION_MAX = 255
export const XERO_TARGET = 'xero-bank-statement'

export interface XeroOptions {
  readonly dateOrder?: DateOrder
}

function line(e: LedgerEntry, order: DateOrder, shortened: { count: number }): Cell[] {
  if (!hasValue(e.fiat) || e.dateUtc === null) throw new Error('entries are checked before they are written')
  let description = entryDescription(e)
  if ([...description].length > XERO_DESCRIPTION_MAX) {
    description = `${[...description].slice(0, XERO_DESCRIPTION_MAX - 1).join('')}…`
    shortened.count++
  }
  return [
    text(slashDate(e.dateUtc, order)),
    num(outflowCents(e.fiat)),
    text(e.payee.trim() === '' ? e.to : e.payee),
    text(description),
    text(e.reference.trim() === '' ? e.txHash : e.reference)
  ]
}

export function xeroStatement(ledger: Ledger, scope: 'payout' | 'range', options: XeroOptions = {}): ExportResult {
  const order = options.dateOrder ?? 'dmy'
  const { entries: lines, warnings } = statementEntries(ledger, 'Xero')
  const shortened = { count: 0 }
  const rows = lines.map((e) => line(e, order, shortened))
  if (shortened.count > 0)
    warnings.push(`${shortened.count} descriptions were shortened to Xero's ${XERO_DESCRIPTION_MAX} characters.`)
  const count = Math.max(1, Math.ceil(rows.length / XERO_MAX_LINES_PER_FILE))
  const files = Array.from({ length: count }, (_, i) =>
    fileOf(
      ledgerFileName(XERO_TARGET, ledger, scope, 'csv', { index: i + 1, count }),
      csvBytes(XERO_HEADER, rows.slice(i * XERO_MAX_LINES_PER_FILE, (i + 1) * XERO_MAX_LINES_PER_FILE), {
        bom: false
      })
    )
  )
  return { files, warnings }
}
