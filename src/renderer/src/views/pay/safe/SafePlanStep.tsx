// Runs in: renderer. Choosing the Safe that pays and how: the Safes of this desk on the payout's
// network, "Review" asks main for the options (Safe transactions, owner signatures needed, gas,
// network fee, and in words how many Safe transactions each owner signs and why) and the Safe's
// balance, then "Plan Safe transactions" keeps the chosen one. When a nonce was used elsewhere,
// planning again needs the user to tick that they saw what happened.
import { useEffect, useId, useState } from 'react'
import type { PayoutDetail } from '../../../../../shared/api'
import type { SafeAccountView, SafePayoutView, SafeQuoteView, SafeRouteName } from '../../../../../shared/safe'
import { safeOptionExplanation, safeRouteLabel } from '../../../lib/pay/safePlanText'
import { formatFee } from '../../../lib/pay/planComparison'
import { safeChoiceLabel } from '../../../lib/pay/payerLabels'
import { api, type AppError } from '../../../api'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { Money } from '../../../components/Money'
import { useCatalogue } from '../../../stores/catalogue'

interface Props {
  readonly payout: PayoutDetail
  /** Set when a nonce was used elsewhere: what happened, shown before planning again. */
  readonly replanNeeded: string | null
  readonly onPlanned: (view: SafePayoutView) => void
}

export function SafePlanStep({ payout, replanNeeded, onPlanned }: Props) {
  const id = useId()
  const { networks } = useCatalogue()
  const native = networks?.find((n) => n.chainId === payout.chainId)?.nativeSymbol ?? ''
  const [safes, setSafes] = useState<readonly SafeAccountView[] | null>(null)
  const [safeId, setSafeId] = useState<string | null>(null)
  const [quote, setQuote] = useState<SafeQuoteView | null>(null)
  const [route, setRoute] = useState<SafeRouteName | null>(null)
  const [confirmed, setConfirmed] = useState(false)
  const [busy, setBusy] = useState<'quote' | 'plan' | null>(null)
  const [error, setError] = useState<{ title: string; error: AppError } | null>(null)

  useEffect(() => {
    void api.listSafeAccounts({}).then((r) => {
      if (!r.ok) return setError({ title: 'The Safes could not be read', error: r.error })
      const here = r.value.filter((s) => s.chainId === payout.chainId)
      setSafes(here)
      setSafeId((current) => current ?? here[0]?.id ?? null)
    })
  }, [payout.chainId])

  const review = async (): Promise<void> => {
    if (safeId === null) return
    setBusy('quote')
    setError(null)
    const r = await api.quoteSafePayout({ id: payout.id, safeId })
    setBusy(null)
    if (!r.ok) return setError({ title: 'The Safe plans could not be made', error: r.error })
    setQuote(r.value)
    setRoute(r.value.proposed)
  }

  const plan = async (): Promise<void> => {
    if (safeId === null || route === null) return
    setBusy('plan')
    setError(null)
    const r = await api.planSafePayout({ id: payout.id, safeId, route, replanConfirmed: confirmed })
    setBusy(null)
    if (!r.ok) return setError({ title: 'The Safe transactions were not planned', error: r.error })
    setQuote(null)
    onPlanned(r.value)
  }

  if (safes !== null && safes.length === 0)
    return (
      <p className="notice" data-testid="safe-none">
        This desk has no Safe on this network. Add one in Settings → Treasury accounts.
      </p>
    )
  const short = quote === null ? false : quote.missingBaseUnits !== '0'
  return (
    <div className="pay-step" data-testid="safe-plan-step">
      {replanNeeded === null ? null : (
        <div className="notice notice--warning" role="alert" data-testid="safe-replan">
          <p>{replanNeeded}</p>
          <label>
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} /> I
            reviewed what happened in the Safe; plan the affected rows again on a new Safe transaction.
          </label>
        </div>
      )}
      <h3 className="pay-step__title">1. Safe</h3>
      <label htmlFor={`${id}-safe`} className="visually-hidden">
        Safe
      </label>
      <select
        id={`${id}-safe`}
        className="input input--compact"
        value={safeId ?? ''}
        onChange={(e) => {
          setSafeId(e.currentTarget.value)
          setQuote(null)
        }}
        data-testid="safe-choice"
      >
        {(safes ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {safeChoiceLabel(s)}
          </option>
        ))}
      </select>
      <h3 className="pay-step__title">2. Review Safe transactions and fees</h3>
      <div className="pay-step__actions">
        <button
          type="button"
          className="button"
          disabled={busy !== null || safeId === null}
          onClick={() => void review()}
          data-testid="safe-review"
        >
          {busy === 'quote' ? 'Planning…' : 'Review'}
        </button>
      </div>
      {error === null ? null : <ErrorAlert error={error.error} title={error.title} />}
      {quote === null ? null : (
        <>
          <div className="table-wrap">
            <table className="table plan-table" data-testid="safe-plan-table">
              <caption className="visually-hidden">Ways to pay this payout from the Safe</caption>
              <thead>
                <tr>
                  <th scope="col">Plan</th>
                  <th scope="col" className="num">
                    Safe transactions
                  </th>
                  <th scope="col" className="num">
                    Owner signatures needed
                  </th>
                  <th scope="col" className="num">
                    Gas
                  </th>
                  <th scope="col" className="num">
                    Network fee (estimated / at most)
                  </th>
                </tr>
              </thead>
              <tbody>
                {quote.options.map((o) => (
                  <tr key={o.route}>
                    <td>
                      <label>
                        <input
                          type="radio"
                          name={`${id}-route`}
                          disabled={!o.available}
                          checked={route === o.route}
                          onChange={() => setRoute(o.route)}
                        />{' '}
                        {safeRouteLabel(o)}
                        {quote.proposed === o.route ? <span className="badge">Proposed</span> : null}
                      </label>
                      <p className="muted safe-option__why" data-testid="safe-option-explanation">
                        {o.available
                          ? safeOptionExplanation(o, {
                              threshold: quote.threshold,
                              ownerCount: quote.owners.length,
                              rows: payout.recipientCount
                            })
                          : o.reason}
                      </p>
                    </td>
                    <td className="num">{o.available ? o.transactions : '—'}</td>
                    <td className="num">
                      {o.available ? `${o.signaturesNeeded} (${quote.threshold} of ${quote.owners.length} each)` : '—'}
                    </td>
                    <td className="num">{o.available ? Number(o.gas).toLocaleString('en-US') : '—'}</td>
                    <td className="num">
                      {o.available ? (
                        <>
                          {formatFee(o.estimatedFeeBaseUnits, native)}
                          <span className="plan-max">at most {formatFee(o.maximumFeeBaseUnits, native)}</span>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className={short ? 'text-error' : 'muted'} data-testid="safe-balance">
            The Safe holds{' '}
            <Money baseUnits={quote.safeBalanceBaseUnits} decimals={quote.decimals} symbol={quote.assetSymbol} />
            {short ? (
              <>
                {' '}
                — <Money baseUnits={quote.missingBaseUnits} decimals={quote.decimals} symbol={quote.assetSymbol} />{' '}
                short of the total.
              </>
            ) : (
              '.'
            )}{' '}
            The account that executes pays the network fee.
          </p>
          <div className="pay-step__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={busy !== null || route === null || short || (replanNeeded !== null && !confirmed)}
              onClick={() => void plan()}
              data-testid="safe-plan"
            >
              {busy === 'plan' ? 'Checking with the Safe…' : 'Plan Safe transactions'}
            </button>
          </div>
        </>
      )}
    </div>
  )
}
