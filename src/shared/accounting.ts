// Runs in: every process. What the books side of the contract carries: the files an accounting
// system imports, a payout's captured fiat values, reconciliations with their differences row by
// row, the estimated fiat total of a draft, and payout schedules. Fiat amounts are text (exact
// decimals or cents), never JS numbers.
import type { FileContent } from './api'

/** Files accounting systems import, each in its documented layout, and the plain ledger. */
export const ACCOUNTING_TARGETS = [
  'xero',
  'quickbooks_3_column',
  'quickbooks_4_column',
  'koinly',
  'cryptio',
  'ledger_csv',
  'ledger_xlsx'
] as const
export type AccountingTarget = (typeof ACCOUNTING_TARGETS)[number]

export const ACCOUNTING_TARGET_LABELS: Readonly<Record<AccountingTarget, string>> = {
  xero: 'Xero bank statement (CSV)',
  quickbooks_3_column: 'QuickBooks Online bank CSV, 3 columns',
  quickbooks_4_column: 'QuickBooks Online bank CSV, 4 columns',
  koinly: 'Koinly universal CSV',
  cryptio: 'Cryptio custom CSV',
  ledger_csv: 'Ledger (CSV)',
  ledger_xlsx: 'Ledger (XLSX)'
}

/** Currencies the books are kept in: USD from the feeds directly, EUR through the EUR/USD feed. */
export const BOOK_CURRENCIES = ['USD', 'EUR'] as const
export type BookCurrency = (typeof BOOK_CURRENCIES)[number]

/** Xero reads dates in the organisation's order. */
export const DATE_ORDERS = ['dmy', 'mdy'] as const

export const SCHEDULE_CADENCES = ['monthly', 'weekly'] as const
export type ScheduleCadence = (typeof SCHEDULE_CADENCES)[number]

export const RECONCILIATION_OUTCOMES = ['matched', 'differences', 'incomplete'] as const
export type ReconciliationOutcomeView = (typeof RECONCILIATION_OUTCOMES)[number]

export interface AccountingExportView {
  readonly files: readonly FileContent[]
  /** What the files leave out or could not value, in words. */
  readonly warnings: readonly string[]
}

export interface ReconciliationDifferenceView {
  readonly payoutId: string
  readonly row: number | null
  readonly txHash: string | null
  readonly code: string
  readonly expected: string
  readonly found: string
  readonly message: string
}

export interface ReconciliationView {
  readonly id: number
  readonly payoutId: string | null
  readonly rangeFrom: string | null
  readonly rangeTo: string | null
  readonly outcome: ReconciliationOutcomeView
  readonly payoutsChecked: number
  readonly rowsChecked: number
  readonly transactionsChecked: number
  readonly summary: string
  readonly runBy: string
  readonly finishedAt: string
  readonly differenceCount: number
  readonly differences: readonly ReconciliationDifferenceView[]
}

export interface LedgerValueView {
  readonly kind: 'payment' | 'fee'
  readonly row: number | null
  readonly txHash: string
  readonly dateUtc: string | null
  readonly assetSymbol: string
  /** The amount moved, exact decimal of the asset. */
  readonly amount: string
  /** The fiat value to the cent, or null when no rate is known. */
  readonly value: string | null
  /** Fiat per whole unit, exact; null when missing. */
  readonly rate: string | null
  readonly rateDescription: string | null
  readonly rateIssues: readonly string[]
  readonly missing: string | null
}

export interface MissingRateView {
  /** The symbol without a rate: the payout's asset or the network's coin. */
  readonly base: string
  readonly reason: string
}

export interface PayoutAccountingView {
  readonly payoutId: string
  readonly currency: BookCurrency
  /** Every final transaction has its block time and fee read. */
  readonly captured: boolean
  readonly entryCount: number
  /** The first entries (a large payout's ledger is exported, not shown whole). */
  readonly entries: readonly LedgerValueView[]
  /** Sums to the cent of the entries that have a value; null when none has. */
  readonly paymentsValue: string | null
  readonly feesValue: string | null
  readonly valuedEntries: number
  readonly missingRates: readonly MissingRateView[]
  readonly warnings: readonly string[]
  readonly reconciliation: ReconciliationView | null
}

export interface FiatEstimateView {
  readonly payoutId: string
  readonly currency: BookCurrency
  /** The estimated total to the cent, or null with the reason. */
  readonly total: string | null
  readonly rate: string | null
  readonly rateDescription: string | null
  readonly reason: string | null
}

export interface ScheduleView {
  readonly id: string
  readonly templatePayoutId: string
  readonly templateDescription: string
  readonly cadence: ScheduleCadence
  readonly day: number
  readonly timeZone: string
  readonly startsOn: string
  readonly active: boolean
  /** "Monthly on day 25", "Weekly on Friday". */
  readonly description: string
  readonly createdBy: string
  readonly lastRun: { readonly dueOn: string; readonly payoutId: string; readonly missed: readonly string[] } | null
}
