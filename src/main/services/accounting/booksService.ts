// Runs in: main (plain Node). The books side of a payout as the app offers it: the ledger exported
// in a target's layout, a payout's captured fiat values, a rate typed where no feed gives one,
// reconciliation against the chain (stored, and written to the audit log), and the estimated fiat
// total of a payout not yet paid. The engine in src/main/accounting does the work; this service
// adds who did it, the audit entries and the views the contract carries.
import type {
  AccountingExportView,
  BookCurrency,
  FiatEstimateView,
  LedgerValueView,
  MissingRateView,
  PayoutAccountingView,
  ReconciliationView
} from '../../../shared/accounting'
import type { ParsedInputOf } from '../../../shared/api'
import type { Catalogue } from '../../domain/catalogue'
import type { FeedDirectory } from '../../domain/priceFeeds'
import { formatAmountUnambiguous } from '../../domain/money'
import type { EthRpc } from '../../chain/ethRpc'
import { centsText, decimalText, exactText, fiatCents, fiatValue } from '../../accounting/exact'
import { exportLedger } from '../../accounting/exports'
import { buildLedger, ledgerPayouts, type LedgerEntry } from '../../accounting/ledger'
import { auditDetail, reconcile, type ReconcileScope } from '../../accounting/reconcile'
import { setTypedRate } from '../../accounting/valuation'
import { finalTransactions, transactionFacts } from '../../store/accountingRepo'
import { appendAudit } from '../../store/auditLog'
import { inTransaction, type OpenedDatabase } from '../../store/db'
import { notFound } from '../../errors'
import { getPayoutRow } from '../../store/payoutRepo'
import {
  latestReconciliationOf,
  reconciliationDifferences,
  type StoredReconciliation
} from '../../store/reconciliationRepo'
import { latestRate } from './latestRate'
import { refuseAlteredPaidRows } from '../execution/paidRows'

export interface BooksServiceDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  readonly feeds: FeedDirectory
  readonly rpcFor: (chainId: number) => EthRpc
  readonly now: () => Date
  /** The desk's label: who exported, reconciled or typed a rate. */
  readonly actor: () => string
}

/** Entries a payout's values view carries; a larger ledger is exported, not shown whole. */
export const ENTRIES_SHOWN = 500
export const AUDIT_ACTION = {
  reconciled: 'reconciled',
  rateTyped: 'rate_typed',
  exported: 'exported_for_books'
} as const

function reconciliationView(db: OpenedDatabase, r: StoredReconciliation): ReconciliationView {
  return {
    id: r.id,
    payoutId: r.payoutId,
    rangeFrom: r.rangeFrom,
    rangeTo: r.rangeTo,
    outcome: r.outcome,
    payoutsChecked: r.payoutsChecked,
    rowsChecked: r.rowsChecked,
    transactionsChecked: r.transactionsChecked,
    summary: r.summary,
    runBy: r.runBy,
    finishedAt: r.finishedAt,
    differenceCount: r.differenceCount,
    differences: reconciliationDifferences(db.read, r.id)
  }
}

function valueView(e: LedgerEntry): LedgerValueView {
  const valued = !('missing' in e.fiat)
  return {
    kind: e.kind,
    row: e.row,
    txHash: e.txHash,
    dateUtc: e.dateUtc,
    assetSymbol: e.asset.symbol,
    amount: formatAmountUnambiguous(e.amount, e.asset.decimals),
    value: 'missing' in e.fiat ? null : centsText(e.fiat.cents),
    rate: 'missing' in e.fiat ? null : exactText(e.fiat.rate),
    rateDescription: 'missing' in e.fiat ? null : e.fiat.rateDescription,
    rateIssues: 'missing' in e.fiat ? [] : e.fiat.rateIssues,
    missing: valued ? null : (e.fiat as { missing: string }).missing
  }
}

export function createBooksService(deps: BooksServiceDeps) {
  const { db, catalogue } = deps

  function audit(payoutId: string | null, action: string, detail: string): void {
    inTransaction(db.write, () =>
      appendAudit(db.write, { actor: deps.actor(), action, payoutId, at: deps.now().toISOString(), detail })
    )
  }

  function payoutValues(payoutId: string, currency: BookCurrency): PayoutAccountingView {
    const ledger = buildLedger(db, catalogue, { payoutId }, currency)
    let payments = 0n
    let fees = 0n
    let valued = 0
    const missing = new Map<string, string>()
    for (const e of ledger.entries) {
      if ('missing' in e.fiat) {
        if (!missing.has(e.asset.symbol)) missing.set(e.asset.symbol, e.fiat.missing)
        continue
      }
      valued++
      if (e.kind === 'payment') payments += e.fiat.cents
      else fees += e.fiat.cents
    }
    const missingRates: MissingRateView[] = [...missing].map(([base, reason]) => ({ base, reason }))
    const latest = latestReconciliationOf(db.read, payoutId)
    return {
      payoutId,
      currency,
      captured: finalTransactions(db.read, payoutId).every((t) => transactionFacts(db.read, t.hash) !== undefined),
      entryCount: ledger.entries.length,
      entries: ledger.entries.slice(0, ENTRIES_SHOWN).map(valueView),
      paymentsValue: valued === 0 ? null : centsText(payments),
      feesValue: valued === 0 ? null : centsText(fees),
      valuedEntries: valued,
      missingRates,
      warnings: ledger.warnings,
      reconciliation: latest === undefined ? null : reconciliationView(db, latest)
    }
  }

  return {
    async exportLedger(input: ParsedInputOf<'exportAccounting'>): Promise<AccountingExportView> {
      for (const id of ledgerPayouts(db, input.scope).payoutIds)
        await refuseAlteredPaidRows(db.read, catalogue, id, 'The export for the books')
      const result = exportLedger(db, catalogue, {
        scope: input.scope,
        target: input.target,
        currency: input.currency,
        ...(input.dateOrder === undefined ? {} : { dateOrder: input.dateOrder })
      })
      const names = result.files.map((f) => f.fileName).join(', ')
      audit('payoutId' in input.scope ? input.scope.payoutId : null, AUDIT_ACTION.exported, `Exported ${names}`)
      return { files: result.files, warnings: result.warnings }
    },

    async reconcile(scope: ReconcileScope): Promise<ReconciliationView> {
      const result = await reconcile({ db, catalogue, rpcFor: deps.rpcFor, now: deps.now, actor: deps.actor() }, scope)
      audit(result.reconciliation.payoutId, AUDIT_ACTION.reconciled, auditDetail(result))
      return reconciliationView(db, result.reconciliation)
    },

    payoutValues,

    typeRate(input: ParsedInputOf<'setTypedRate'>): PayoutAccountingView {
      const typed = setTypedRate(
        db,
        catalogue,
        {
          payoutId: input.id,
          base: input.base,
          currency: input.currency,
          rate: input.rate,
          enteredBy: deps.actor(),
          ...(input.note === undefined ? {} : { note: input.note })
        },
        deps.now
      )
      audit(input.id, AUDIT_ACTION.rateTyped, typed.auditDetail)
      return payoutValues(input.id, input.currency)
    },

    /** The payout's total valued at the feed's latest round (or the rate typed for it): an estimate, never booked. */
    async estimate(payoutId: string, currency: BookCurrency): Promise<FiatEstimateView> {
      const payout = getPayoutRow(db.read, payoutId)
      if (payout === undefined) throw notFound('Payout', payoutId)
      const asset = catalogue.requireAsset(payout.assetId)
      const rate = await latestRate(
        { db, feeds: deps.feeds, rpc: () => deps.rpcFor(payout.chainId) },
        payout,
        asset.symbol,
        currency
      )
      if (!rate.ok) return { payoutId, currency, total: null, rate: null, rateDescription: null, reason: rate.reason }
      return {
        payoutId,
        currency,
        total: centsText(fiatCents(fiatValue(payout.total, asset.decimals, rate.rate))),
        rate: rate.decimal === undefined ? exactText(rate.rate) : decimalText(rate.decimal),
        rateDescription: rate.description,
        reason: null
      }
    }
  }
}

export type BooksService = ReturnType<typeof createBooksService>
