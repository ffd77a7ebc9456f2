// Runs in: renderer. Optional per-currency rule "approval only above amount X": a payout whose
// total in that currency is at most X needs no approval. The amount is typed as text and parsed
// exactly by main (base units, no floating point); shown back with the renderer's formatter.
import { useEffect, useId, useState, type FormEvent } from 'react'
import type { Asset, Network } from '../../../../shared/api'
import type { ApprovalPolicyView } from '../../../../shared/approvals'
import { api } from '../../api'
import { formatMoney } from '../../lib/money'

interface Props {
  readonly policy: ApprovalPolicyView
  readonly busy: boolean
  readonly onSet: (assetId: string, maxWithoutApproval: string | null) => Promise<boolean>
}

export function AmountRules({ policy, busy, onSet }: Props) {
  const id = useId()
  const [assets, setAssets] = useState<readonly Asset[]>([])
  const [networks, setNetworks] = useState<readonly Network[]>([])
  const [assetId, setAssetId] = useState('')
  const [amount, setAmount] = useState('')
  useEffect(() => {
    void api.listAssets({}).then((r) => {
      if (r.ok) setAssets(r.value)
    })
    void api.listNetworks({}).then((r) => {
      if (r.ok) setNetworks(r.value)
    })
  }, [])
  const assetOf = (aid: string): Asset | undefined => assets.find((a) => a.id === aid)
  const networkName = (chainId: number): string =>
    networks.find((n) => n.chainId === chainId)?.name ?? `chain ${chainId}`
  const chosen = assetId === '' ? (assets[0]?.id ?? '') : assetId

  const onSubmit = async (e: FormEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault()
    if (chosen === '' || amount.trim() === '') return
    if (await onSet(chosen, amount.trim())) setAmount('')
  }

  return (
    <div className="amount-rules" data-testid="amount-rules">
      <h3 className="digest-block__title">Only above an amount (optional)</h3>
      {policy.amountRules.length === 0 ? (
        <p className="muted">Every submitted payout needs approval, whatever its amount.</p>
      ) : (
        <ul className="approvers">
          {policy.amountRules.map((r) => {
            const asset = assetOf(r.assetId)
            return (
              <li key={r.assetId} className="approvers__row" data-testid="amount-rule">
                <span>
                  {asset === undefined ? r.assetId : `${asset.symbol} on ${networkName(asset.chainId)}`}: approval only
                  above{' '}
                  <strong className="money">
                    {asset === undefined
                      ? `${r.maxWithoutApprovalBaseUnits} base units`
                      : formatMoney(r.maxWithoutApprovalBaseUnits, asset.decimals, asset.symbol)}
                  </strong>
                </span>
                <button
                  type="button"
                  className="button button--small"
                  disabled={busy}
                  onClick={() => void onSet(r.assetId, null)}
                  data-testid="remove-amount-rule"
                >
                  Remove
                </button>
              </li>
            )
          })}
        </ul>
      )}
      <form className="form__row--two amount-rules__form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-asset`}>Currency</label>
          <select
            id={`${id}-asset`}
            className="input"
            value={chosen}
            disabled={busy || assets.length === 0}
            onChange={(e) => setAssetId(e.target.value)}
            data-testid="rule-asset"
          >
            {assets.map((a) => (
              <option key={a.id} value={a.id}>
                {a.symbol} · {networkName(a.chainId)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-amount`}>No approval up to</label>
          <div className="account-path__row">
            <input
              id={`${id}-amount`}
              className="input input--amount"
              inputMode="decimal"
              value={amount}
              maxLength={100}
              onChange={(e) => setAmount(e.target.value)}
              data-testid="rule-amount"
            />
            <button
              type="submit"
              className="button button--small"
              disabled={busy || amount.trim() === '' || chosen === ''}
              data-testid="save-amount-rule"
            >
              Save rule
            </button>
          </div>
        </div>
      </form>
    </div>
  )
}
