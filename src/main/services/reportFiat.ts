// Runs in: main (plain Node). The fiat values a payout report shows, taken from the ledger (so the
// report and every accounting export agree): each paid row's value and each final transaction's fee
// value, with the rate and where it came from. Written as exact decimal text (cents, and the exact
// value beside them), never as a float; empty where nothing was captured.
import type { BookCurrency } from '../../shared/accounting'
import { centsText, exactText } from '../accounting/exact'
import { buildLedger, type LedgerEntry, type LedgerFiat } from '../accounting/ledger'
import type { Catalogue } from '../domain/catalogue'
import type { OpenedDatabase } from '../store/db'

export const ROW_FIAT_HEADERS = [
  'fiat_currency',
  'fiat_value',
  'fiat_value_exact',
  'fiat_rate',
  'rate_source',
  'rate_description'
] as const
export const FEE_FIAT_HEADERS = ['fee_fiat_value', 'fee_fiat_value_exact', 'fee_fiat_rate', 'fee_rate_source'] as const

export interface ReportFiat {
  /** The row's value cells (ROW_FIAT_HEADERS), all empty when the row has no captured value. */
  row(row: number): string[]
  /** The transaction's fee value cells (FEE_FIAT_HEADERS), empty when none was captured. */
  fee(txHash: string): string[]
  /** Summary lines: the currency, payments and fees valued (in cents), and what could not be valued. */
  summary(): string[][]
}

const valued = (e: LedgerEntry): LedgerFiat | undefined => ('missing' in e.fiat ? undefined : e.fiat)

export function reportFiat(
  db: OpenedDatabase,
  catalogue: Catalogue,
  payoutId: string,
  currency: BookCurrency
): ReportFiat {
  const { entries } = buildLedger(db, catalogue, { payoutId }, currency)
  const byRow = new Map<number, LedgerFiat>()
  const byFee = new Map<string, LedgerFiat>()
  let payments = 0n
  let fees = 0n
  let valuedCount = 0
  const missing = new Map<string, string>()
  for (const e of entries) {
    const fiat = valued(e)
    if (fiat === undefined) {
      if ('missing' in e.fiat && !missing.has(e.asset.symbol)) missing.set(e.asset.symbol, e.fiat.missing)
      continue
    }
    valuedCount++
    if (e.kind === 'payment' && e.row !== null) {
      byRow.set(e.row, fiat)
      payments += fiat.cents
    } else if (e.kind === 'fee') {
      byFee.set(e.txHash, fiat)
      fees += fiat.cents
    }
  }
  const captured = valuedCount > 0
  return {
    row(row) {
      const f = byRow.get(row)
      if (f === undefined) return ROW_FIAT_HEADERS.map(() => '')
      return [f.currency, centsText(f.cents), exactText(f.value), exactText(f.rate), f.rateSource, f.rateDescription]
    },
    fee(txHash) {
      const f = byFee.get(txHash)
      if (f === undefined) return FEE_FIAT_HEADERS.map(() => '')
      return [centsText(f.cents), exactText(f.value), exactText(f.rate), f.rateSource]
    },
    summary() {
      return [
        ['fiat currency', captured ? currency : ''],
        [`payments value (${currency})`, captured ? centsText(payments) : ''],
        [`network fees value (${currency})`, captured ? centsText(fees) : ''],
        ['fiat values missing', [...missing].map(([base, reason]) => `${base}: ${reason}`).join('; ')]
      ]
    }
  }
}
