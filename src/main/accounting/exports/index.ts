// Runs in: main (plain Node). One entry point for every export a handler offers: build the ledger
// of one payout or a range of UTC dates, then write it in the target's own layout. Each file is
// named after its target and date range (and the payout); Xero's may be several files.
import type { Catalogue } from '../../domain/catalogue'
import type { FiatCurrency } from '../../domain/priceFeeds'
import { ACCOUNTING_TARGETS, type AccountingTarget } from '../../../shared/accounting'
import { assertNever } from '../../../shared/result'
import type { OpenedDatabase } from '../../store/db'
import { buildLedger, type LedgerScope } from '../ledger'
import type { DateOrder, ExportResult } from './common'
import { cryptioCustom } from './cryptio'
import { koinlyUniversal } from './koinly'
import { ledgerCsv, ledgerXlsx } from './plainLedger'
import { quickBooksBankCsv } from './quickbooks'
import { xeroStatement } from './xero'

export const EXPORT_TARGETS = ACCOUNTING_TARGETS
export type ExportTarget = AccountingTarget

export interface LedgerExportInput {
  readonly scope: LedgerScope
  readonly target: ExportTarget
  /** The currency fiat values are given in (default USD). */
  readonly currency?: FiatCurrency
  /** Xero: the organisation's date order (default day first). */
  readonly dateOrder?: DateOrder
}

export function exportLedger(db: OpenedDatabase, catalogue: Catalogue, input: LedgerExportInput): ExportResult {
  const ledger = buildLedger(db, catalogue, input.scope, input.currency ?? 'USD')
  const kind = 'payoutId' in input.scope ? 'payout' : 'range'
  let result: ExportResult
  switch (input.target) {
    case 'xero':
      result = xeroStatement(ledger, kind, input.dateOrder === undefined ? {} : { dateOrder: input.dateOrder })
      break
    case 'quickbooks_3_column':
      result = quickBooksBankCsv(ledger, kind, 'three_column')
      break
    case 'quickbooks_4_column':
      result = quickBooksBankCsv(ledger, kind, 'four_column')
      break
    case 'koinly':
      result = koinlyUniversal(ledger, kind)
      break
    case 'cryptio':
      result = cryptioCustom(ledger, kind)
      break
    case 'ledger_csv':
      return ledgerCsv(ledger, kind)
    case 'ledger_xlsx':
      return ledgerXlsx(ledger, kind)
    default:
      return assertNever(input.target, 'export target')
  }
  // The ledger's own warnings (missing rates, uncaptured transactions) apply to every file made from it.
  return { files: result.files, warnings: [...ledger.warnings, ...result.warnings] }
}
