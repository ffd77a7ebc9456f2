// Runs in: renderer. The policy editor's amount rules: per currency, payouts totalling at most the
// amount typed (in the currency's units, e.g. "5000" USDC) need no approval. Main parses the amount
// exactly and refuses one above its cap.
import { useEffect, useId } from 'react'
import { draftKey, type RuleDraft } from '../../../lib/approvals/policyDraft'
import { useCatalogue } from '../../../stores/catalogue'

interface Props {
  readonly rules: readonly RuleDraft[]
  readonly disabled: boolean
  readonly onChange: (rules: readonly RuleDraft[]) => void
}

export function AmountRulesEditor({ rules, disabled, onChange }: Props) {
  const id = useId()
  const { networks, allAssets, loadNetworks, loadAllAssets } = useCatalogue()
  useEffect(() => {
    void loadNetworks()
    void loadAllAssets()
  }, [loadNetworks, loadAllAssets])
  const assets = allAssets ?? []
  const networkName = (chainId: number): string =>
    networks?.find((n) => n.chainId === chainId)?.name ?? `chain ${chainId}`
  const symbolOf = (assetId: string): string => assets.find((a) => a.id === assetId)?.symbol ?? ''
  const set = (key: string, patch: Partial<RuleDraft>): void =>
    onChange(rules.map((r) => (r.key === key ? { ...r, ...patch } : r)))
  const unused = assets.find((a) => !rules.some((r) => r.assetId === a.id))

  return (
    <fieldset className="policy-editor__group" data-testid="rules-editor">
      <legend>No approval up to an amount (optional)</legend>
      <p className="hint">
        Payouts in a currency totalling at most its amount skip approval. Amounts in the currency’s units.
      </p>
      {rules.map((r, i) => (
        <div key={r.key} className="policy-rule-row" data-testid="rule-row">
          <label className="visually-hidden" htmlFor={`${id}-${r.key}-asset`}>
            Currency of rule {i + 1}
          </label>
          <select
            id={`${id}-${r.key}-asset`}
            className="input"
            value={r.assetId}
            disabled={disabled}
            onChange={(e) => set(r.key, { assetId: e.target.value })}
            data-testid="rule-asset"
          >
            {assets.some((a) => a.id === r.assetId) ? null : <option value={r.assetId}>{r.assetId}</option>}
            {assets.map((a) => (
              <option key={a.id} value={a.id}>
                {a.symbol} · {networkName(a.chainId)}
              </option>
            ))}
          </select>
          <div className="input-group">
            <label className="visually-hidden" htmlFor={`${id}-${r.key}-amount`}>
              Amount of rule {i + 1}
            </label>
            <input
              id={`${id}-${r.key}-amount`}
              className="input input--amount"
              inputMode="decimal"
              value={r.amount}
              maxLength={100}
              disabled={disabled}
              onChange={(e) => set(r.key, { amount: e.target.value })}
              data-testid="rule-amount"
            />
            <span className="input-group__suffix">{symbolOf(r.assetId)}</span>
          </div>
          <button
            type="button"
            className="button button--small"
            disabled={disabled}
            onClick={() => onChange(rules.filter((x) => x.key !== r.key))}
            data-testid="remove-rule"
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button--small"
        disabled={disabled || unused === undefined}
        onClick={() =>
          unused !== undefined && onChange([...rules, { key: draftKey(), assetId: unused.id, amount: '' }])
        }
        data-testid="add-rule"
      >
        Add an amount rule
      </button>
    </fieldset>
  )
}
