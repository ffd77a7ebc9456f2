// Runs in: renderer. The paying account approvers approve, named in the submission: a Ledger
// account of this desk, or, where the desk has Safes on the payout's network, one of them (its
// owners then sign each Safe transaction on their own Ledgers). The choice is offered only when
// there is a Safe to choose; otherwise it is the Ledger account picker alone.
import { useEffect, useId, useState } from 'react'
import type { SafeAccountView } from '../../../../shared/safe'
import { api } from '../../api'
import { PayerAccountPicker } from '../../components/device/PayerAccountPicker'
import { PAYER_KIND_LABELS, safeChoiceLabel } from '../../lib/pay/payerLabels'

interface Props {
  readonly chainId: number
  readonly disabled: boolean
  /** The Safe chosen to pay, by address; null when a Ledger account pays. */
  readonly safe: string | null
  readonly onSafe: (address: string | null) => void
}

export function PayingAccount({ chainId, disabled, safe, onSafe }: Props) {
  const id = useId()
  const [safes, setSafes] = useState<readonly SafeAccountView[]>([])
  useEffect(() => {
    void api.listSafeAccounts({}).then((r) => setSafes(r.ok ? r.value.filter((s) => s.chainId === chainId) : []))
  }, [chainId])
  const chosen = safes.find((s) => s.address === safe) ?? null
  return (
    <fieldset className="submit-signer" data-testid="submit-payer">
      <legend>Paying account</legend>
      <p className="hint">
        Approvers approve paying from this account and no other; paying from another voids their approvals.
      </p>
      {safes.length === 0 ? null : (
        <div className="payer-kind">
          <label>
            <input
              type="radio"
              name={`${id}-kind`}
              checked={safe === null}
              disabled={disabled}
              onChange={() => onSafe(null)}
              data-testid="submit-payer-ledger"
            />{' '}
            {PAYER_KIND_LABELS.ledger}
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-kind`}
              checked={safe !== null}
              disabled={disabled}
              onChange={() => onSafe(safes[0]!.address)}
              data-testid="submit-payer-safe"
            />{' '}
            {PAYER_KIND_LABELS.safe}
          </label>
        </div>
      )}
      {safe === null ? (
        <PayerAccountPicker chainId={chainId} disabled={disabled} />
      ) : (
        <>
          <label className="visually-hidden" htmlFor={`${id}-safe`}>
            Safe
          </label>
          <select
            id={`${id}-safe`}
            className="input input--compact"
            value={safe}
            disabled={disabled}
            onChange={(e) => onSafe(e.currentTarget.value)}
            data-testid="submit-payer-safe-choice"
          >
            {safes.map((s) => (
              <option key={s.id} value={s.address}>
                {safeChoiceLabel(s)}
              </option>
            ))}
          </select>
          {chosen === null ? null : (
            <p className="hint" data-testid="submit-payer-safe-owners">
              Once approved, {chosen.threshold} of its {chosen.owners.length} owners (
              {chosen.owners.map((o) => o.name ?? `${o.address.slice(0, 8)}…`).join(', ')}) sign each Safe transaction
              on their own Ledgers.
            </p>
          )}
        </>
      )}
    </fieldset>
  )
}
