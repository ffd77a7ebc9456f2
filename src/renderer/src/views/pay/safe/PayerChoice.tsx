// Runs in: renderer. Who pays an approved payout: a Ledger account (the existing review and
// signing) or a Safe of this desk (its plan, then the owners' signatures and execution). A payout
// that already has Safe transactions opens on the Safe.
import { useEffect, useId, useState, type ReactNode } from 'react'
import type { PayoutDetail } from '../../../../../shared/api'
import type { SafePayoutView } from '../../../../../shared/safe'
import '../../../styles/safe.css'
import { api } from '../../../api'
import { PayerAccountPicker } from '../../../components/device/PayerAccountPicker'
import { PAYER_KIND_LABELS } from '../../../lib/pay/payerLabels'
import { SafePlanStep } from './SafePlanStep'
import { SafeTransactionList } from './SafeTransactionList'

interface Props {
  readonly payout: PayoutDetail
  /** The Ledger account flow (review, sign and send). */
  readonly ledger: ReactNode
}

type PayerKind = 'ledger' | 'safe'

export function PayerChoice({ payout, ledger }: Props) {
  const id = useId()
  const [view, setView] = useState<SafePayoutView | null | undefined>(undefined)
  const [kind, setKind] = useState<PayerKind | null>(null)
  useEffect(() => {
    void api.getSafePayout({ id: payout.id }).then((r) => setView(r.ok ? r.value : null))
  }, [payout.id, payout.updatedAt])
  if (view === undefined) return null
  const chosen = kind ?? (view === null ? 'ledger' : 'safe')
  const live = view?.transactions.some((t) => t.state === 'awaiting_signatures' || t.state === 'executing') ?? false
  return (
    <div data-testid="payer-choice">
      <fieldset className="payer-kind" disabled={live}>
        <legend className="pay-step__title">Pay from</legend>
        {(['ledger', 'safe'] as const).map((k) => (
          <label key={k}>
            <input
              type="radio"
              name={`${id}-payer`}
              checked={chosen === k}
              onChange={() => setKind(k)}
              data-testid={`payer-kind-${k}`}
            />{' '}
            {PAYER_KIND_LABELS[k]}
          </label>
        ))}
      </fieldset>
      {chosen === 'ledger' ? (
        ledger
      ) : (
        <>
          {view === null || !live ? (
            <SafePlanStep payout={payout} replanNeeded={view?.replanNeeded ?? null} onPlanned={setView} />
          ) : null}
          {view === null ? null : (
            <>
              <h3 className="pay-step__title">Executing account (pays the network fee)</h3>
              <PayerAccountPicker chainId={payout.chainId} />
              <SafeTransactionList view={view} onChanged={setView} />
            </>
          )}
        </>
      )}
    </div>
  )
}
