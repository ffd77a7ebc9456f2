// Runs in: renderer. Paying the queued rows of an approved payout: choose the payer account,
// "Review" asks main for the plans, fees and balances (nothing is signed), the planner's proposal
// is preselected and can be switched, and "Sign and send" opens the signing walk-through. A
// shortfall or an unavailable plan blocks signing with the reason; a refusal for transactions of the
// payer this folder has no record of offers the statement that they were looked at.
import { useMemo, useState } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import type { DeviceDisplay, ExecutionQuoteView, PlanKindName } from '../../../../shared/execution'
import { api, type AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { PayerAccountPicker } from '../../components/device/PayerAccountPicker'
import { describeDevice } from '../../lib/pay/deviceStatus'
import { buildQuoteView, checkCanSign } from '../../lib/pay/planComparison'
import { useDevice } from '../../stores/device'
import { usePayerPath } from '../../stores/preferences'
import { QuoteTable } from './QuoteTable'
import { useSigningSessions } from '../../stores/signingSessions'
import { useCatalogue } from '../../stores/catalogue'
import { unrecordedSendsOf } from '../../lib/pay/unrecordedSends'
import { UnrecordedSendsCheck } from './UnrecordedSendsCheck'

interface Props {
  readonly payout: PayoutDetail
  /** Starts signing with the chosen plan; the owner shows the signing dialog. */
  readonly onSign: (request: {
    readonly accountPath: string
    readonly plan: PlanKindName
    readonly transactions: number
    readonly display: DeviceDisplay
  }) => void
}

export function ReviewPanel({ payout, onSign }: Props) {
  const accountPath = usePayerPath(payout.chainId)
  const device = useDevice((s) => s.status)
  const [quote, setQuote] = useState<ExecutionQuoteView | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [loading, setLoading] = useState(false)
  const [plan, setPlan] = useState<PlanKindName | null>(null)
  const session = useSigningSessions((s) => s.sessions[payout.id])
  const view = useMemo(() => (quote === null ? null : buildQuoteView(quote)), [quote])
  const quoteIsForAccount = quote !== null && quote.accountPath === accountPath
  const unrecorded = unrecordedSendsOf(error)
  const explorerUrl = useCatalogue((s) => s.networks?.find((n) => n.chainId === payout.chainId)?.explorerUrl ?? null)

  const review = async (): Promise<void> => {
    setLoading(true)
    setError(null)
    const result = await api.quotePayout({ id: payout.id, accountPath })
    setLoading(false)
    if (!result.ok) {
      setQuote(null)
      setError(result.error)
      return
    }
    setQuote(result.value)
    setPlan(buildQuoteView(result.value).initialPlan)
  }

  const chosen = view?.plans.find((p) => p.kind === plan) ?? null
  const check = view === null ? null : checkCanSign(view, plan)
  const blindOff =
    device?.kind === 'ready' &&
    !device.blindSigningEnabled &&
    chosen !== null &&
    chosen.display !== null &&
    chosen.display !== 'clear'
  const signing = session?.outcome.kind === 'running'

  const startSigning = (): void => {
    if (chosen === null || chosen.transactions === null || chosen.display === null || plan === null) return
    setQuote(null) // a quote is good for one signing: the next one is checked afresh
    onSign({ accountPath, plan, transactions: chosen.transactions, display: chosen.display })
  }

  return (
    <div className="pay-step" data-testid="review-panel">
      <h3 className="pay-step__title">1. Payer account</h3>
      <PayerAccountPicker chainId={payout.chainId} disabled={loading || signing} />
      <h3 className="pay-step__title">2. Review fees and balances</h3>
      <div className="pay-step__actions">
        <button
          type="button"
          className={quoteIsForAccount ? 'button' : 'button button--primary'}
          disabled={loading || signing}
          onClick={() => void review()}
          data-testid="review-payout"
        >
          {loading ? 'Checking…' : quoteIsForAccount ? 'Review again' : 'Review'}
        </button>
        <span className="hint">
          Plans, the network fee and the payer's balances, checked now on the network. Nothing is signed.
        </span>
      </div>
      {error === null ? null : (
        <ErrorAlert
          error={error}
          title={
            unrecorded === null
              ? 'The payout could not be reviewed'
              : "Before paying, check the account's transactions this app did not send"
          }
          focus
        />
      )}
      {unrecorded === null ? null : (
        <UnrecordedSendsCheck
          payoutId={payout.id}
          accountPath={accountPath}
          check={unrecorded}
          explorerUrl={explorerUrl}
          onChecked={() => void review()}
        />
      )}
      {view === null || quote === null || !quoteIsForAccount ? null : (
        <div className="quote" data-testid="quote">
          <QuoteTable view={view} selected={plan} onSelect={setPlan} disabled={signing} />
          <dl className="fields quote__totals">
            <div>
              <dt>Total to be paid</dt>
              <dd className="fields__total" data-testid="quote-total">
                {view.totalText}
              </dd>
            </div>
            <div>
              <dt>Network fee (estimated)</dt>
              <dd data-testid="quote-fee">{chosen?.feeText ?? '—'}</dd>
            </div>
            <div>
              <dt>Payer balance</dt>
              <dd data-testid="quote-balances">
                <span className="money" title={view.nativeBalance.exact}>
                  {view.nativeBalance.text}
                </span>
                {view.tokenBalance === null ? null : (
                  <>
                    {' · '}
                    <span className="money" title={view.tokenBalance.exact}>
                      {view.tokenBalance.text}
                    </span>
                  </>
                )}
              </dd>
            </div>
            <div>
              <dt>Payer</dt>
              <dd className="mono">{view.payer}</dd>
            </div>
          </dl>
          {chosen === null || chosen.shortfalls.length === 0 ? null : (
            <div className="alert alert--error" role="alert" data-testid="shortfall">
              <p className="alert__title">The payer account cannot cover this payout</p>
              {chosen.shortfalls.map((s) => (
                <p key={s} className="alert__message">
                  {s}
                </p>
              ))}
            </div>
          )}
          {blindOff ? (
            <div className="alert alert--error" role="alert" data-testid="blind-signing-off">
              <p className="alert__title">Blind signing is off on your Ledger</p>
              <p className="alert__message">{describeDevice(device).next}</p>
            </div>
          ) : null}
          <h3 className="pay-step__title">3. Sign on your Ledger</h3>
          <div className="pay-step__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={signing || check === null || !check.ok}
              onClick={startSigning}
              data-testid="sign-and-send"
            >
              {signing ? 'Signing…' : 'Sign and send'}
            </button>
            {check === null || check.ok ? (
              chosen === null || chosen.confirmations === null ? null : (
                <span className="hint">
                  Your Ledger will ask you to confirm {chosen.confirmations} time{chosen.confirmations === 1 ? '' : 's'}
                  .
                </span>
              )
            ) : (
              <span className="text-error" data-testid="sign-blocker">
                {check.reason}
              </span>
            )}
          </div>
        </div>
      )}
    </div>
  )
}
