// Runs in: renderer. A settled payout in the books: its captured fiat values (payments and fees),
// a rate to type where the network has no feed, "Export for accounting" and "Reconcile" with the
// differences row by row. A payout not yet paid shows its estimated fiat total instead.
import { useCallback, useEffect, useState } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import { groupDecimalText } from '../../../../shared/money'
import type {
  BookCurrency,
  FiatEstimateView,
  PayoutAccountingView,
  ReconciliationView
} from '../../../../shared/accounting'
import { api, type AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useTreasuryEvent } from '../../hooks/useTreasuryEvent'
import { ExportBooksDialog } from './ExportBooksDialog'
import { TypedRateForm } from './TypedRateForm'
import { ReconciliationResult } from './ReconciliationResult'
import '../../styles/books.css'

const SETTLED = new Set(['completed', 'failed'])

export function BooksSection({ payout }: { readonly payout: PayoutDetail }) {
  return SETTLED.has(payout.status) ? <SettledBooks payout={payout} /> : <EstimateLine payout={payout} />
}

function usePayoutValues(id: string, currency: BookCurrency) {
  const [values, setValues] = useState<PayoutAccountingView | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const load = useCallback(async () => {
    const result = await api.getPayoutAccounting({ id, currency })
    if (result.ok) setValues(result.value)
    setError(result.ok ? null : result.error)
  }, [id, currency])
  useEffect(() => {
    void load()
  }, [load])
  useTreasuryEvent((event) => {
    if (event.type === 'accounting.captured' && event.id === id) void load()
  })
  return { values, error, setValues, load }
}

function SettledBooks({ payout }: { readonly payout: PayoutDetail }) {
  const [currency, setCurrency] = useState<BookCurrency>('USD')
  const { values, error, setValues, load } = usePayoutValues(payout.id, currency)
  const [exporting, setExporting] = useState(false)
  const [reconciling, setReconciling] = useState(false)
  const [reconcileError, setReconcileError] = useState<AppError | null>(null)
  const [fresh, setFresh] = useState<ReconciliationView | null>(null)

  const reconcile = async (): Promise<void> => {
    setReconciling(true)
    setReconcileError(null)
    const result = await api.reconcilePayouts({ scope: { payoutId: payout.id } })
    setReconciling(false)
    if (!result.ok) return setReconcileError(result.error)
    setFresh(result.value)
    void load()
  }
  const reconciliation = fresh ?? values?.reconciliation ?? null

  return (
    <section className="panel books" aria-labelledby="books-title" data-testid="books-section">
      <header className="books__header">
        <h2 id="books-title">Books</h2>
        <div className="actions">
          <select
            className="input input--compact"
            aria-label="Currency"
            value={currency}
            onChange={(e) => setCurrency(e.target.value as BookCurrency)}
            data-testid="books-view-currency"
          >
            <option>USD</option>
            <option>EUR</option>
          </select>
          <button type="button" className="button" onClick={() => setExporting(true)} data-testid="open-books-export">
            Export for accounting
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void reconcile()}
            disabled={reconciling}
            data-testid="reconcile"
          >
            {reconciling ? 'Reading the chain…' : 'Reconcile'}
          </button>
        </div>
      </header>
      {error === null ? null : (
        <ErrorAlert error={error} title="The values could not be read" onRetry={() => void load()} />
      )}
      {values === null ? null : (
        <>
          {!values.captured ? (
            <p className="muted" data-testid="books-capturing">
              Block times, fees and rates are being read from the network…
            </p>
          ) : null}
          <dl className="fields" data-testid="books-values">
            <div>
              <dt>Payments ({currency})</dt>
              <dd data-testid="books-payments-value">
                {values.paymentsValue === null ? '—' : groupDecimalText(values.paymentsValue)}
              </dd>
            </div>
            <div>
              <dt>Network fees ({currency})</dt>
              <dd data-testid="books-fees-value">
                {values.feesValue === null ? '—' : groupDecimalText(values.feesValue)}
              </dd>
            </div>
            <div>
              <dt>Entries valued</dt>
              <dd>
                {values.valuedEntries} of {values.entryCount}
              </dd>
            </div>
          </dl>
          <p className="muted books__rate" data-testid="books-rate">
            Rate: {values.entries.find((e) => e.kind === 'payment')?.rateDescription ?? '—'}
          </p>
          {values.missingRates.map((m) => (
            <TypedRateForm
              key={m.base}
              payoutId={payout.id}
              base={m.base}
              currency={currency}
              reason={m.reason}
              onSaved={setValues}
            />
          ))}
        </>
      )}
      {reconcileError === null ? null : (
        <ErrorAlert error={reconcileError} title="The reconciliation did not run" focus />
      )}
      {reconciliation === null ? null : <ReconciliationResult reconciliation={reconciliation} />}
      <ExportBooksDialog payoutId={payout.id} open={exporting} onClose={() => setExporting(false)} />
    </section>
  )
}

function EstimateLine({ payout }: { readonly payout: PayoutDetail }) {
  const [estimate, setEstimate] = useState<FiatEstimateView | null>(null)
  useEffect(() => {
    let live = true
    void api.estimatePayoutFiat({ id: payout.id, currency: 'USD' }).then((r) => {
      if (live && r.ok) setEstimate(r.value)
    })
    return () => {
      live = false
    }
  }, [payout.id, payout.totalBaseUnits])
  if (estimate === null) return null
  return (
    <p className="books-estimate" data-testid="fiat-estimate">
      {estimate.total === null ? (
        <span className="muted">No fiat estimate: {estimate.reason}</span>
      ) : (
        <>
          Estimated <strong data-testid="fiat-estimate-total">{groupDecimalText(estimate.total)} USD</strong>{' '}
          <span className="muted">
            at {estimate.rate} USD per {payout.assetSymbol} ({estimate.rateDescription}); the books take the rate at the
            block of payment.
          </span>
        </>
      )}
    </p>
  )
}
