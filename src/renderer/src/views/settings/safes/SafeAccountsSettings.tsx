// Runs in: renderer. Settings → Treasury accounts: the Safes this desk pays from. Adding one asks
// main to read the address on the chosen network and verify it is a known Safe (a refusal says
// why); each Safe shows its owners (roster names where known), threshold, nonce, any module or
// guard (flagged: they can move funds around the owners) and its balances.
import { useEffect, useId, useState, type FormEvent } from 'react'
import type { SafeAccountView, SafePayoutView } from '../../../../../shared/safe'
import '../../../styles/approvals.css'
import '../../../styles/safe.css'
import { api, type AppError } from '../../../api'
import { JsonFileButton } from '../../../components/JsonFileButton'
import { Address } from '../../../components/Address'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { Money } from '../../../components/Money'
import { useCatalogue } from '../../../stores/catalogue'
import { chosenFileBase64 } from '../../approvals/fileActions'
import { SafeSignerPicker } from '../../pay/safe/SafeSignerPicker'
import { SafeTransactionList } from '../../pay/safe/SafeTransactionList'

export function SafeAccountsSettings() {
  const id = useId()
  const { networks, loadNetworks } = useCatalogue()
  const [safes, setSafes] = useState<readonly SafeAccountView[] | null>(null)
  const [error, setError] = useState<{ title: string; error: AppError } | null>(null)
  const [chainId, setChainId] = useState<number | null>(null)
  const [address, setAddress] = useState('')
  const [busy, setBusy] = useState(false)
  const [imported, setImported] = useState<SafePayoutView | null>(null)

  const load = async (): Promise<void> => {
    const result = await api.listSafeAccounts({})
    if (result.ok) setSafes(result.value)
    else setError({ title: 'The treasury accounts could not be read', error: result.error })
  }
  useEffect(() => {
    void loadNetworks()
    void load()
  }, [loadNetworks])
  const network = chainId ?? networks?.[0]?.chainId ?? null

  const add = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    if (network === null) return
    setBusy(true)
    setError(null)
    const result = await api.addSafeAccount({ chainId: network, address: address.trim() })
    setBusy(false)
    if (!result.ok) return setError({ title: 'The Safe was not added', error: result.error })
    setAddress('')
    await load()
  }

  /** An owner's desk: a Safe transaction another desk planned, to check and sign here. */
  const importTransaction = async (input: HTMLInputElement): Promise<void> => {
    const name = input.files?.[0]?.name ?? 'safe-transaction.json'
    const file = await chosenFileBase64(input)
    if (file === null) return
    if (!file.ok) return setError({ title: 'The file was not read', error: file.error })
    setError(null)
    const result = await api.importSafeTransaction({ fileName: name, contentBase64: file.value })
    if (result.ok) setImported(result.value)
    else setError({ title: 'The Safe transaction was not accepted', error: result.error })
  }

  const remove = async (safeId: string): Promise<void> => {
    const result = await api.removeSafeAccount({ safeId })
    if (result.ok) setSafes(result.value)
    else setError({ title: 'The Safe was not removed', error: result.error })
  }

  return (
    <section className="panel safe-accounts" aria-labelledby="safe-accounts-title" data-testid="safe-accounts">
      <h2 id="safe-accounts-title">Treasury accounts</h2>
      <p className="muted">
        Safe multisigs this desk pays from. The Safe’s owners and threshold are the approval: each owner signs on their
        own Ledger, and the Safe refuses to pay without enough signatures.
      </p>
      {error === null ? null : <ErrorAlert error={error.error} title={error.title} />}
      <form className="safe-add" onSubmit={(e) => void add(e)}>
        <label htmlFor={`${id}-network`}>Network</label>
        <select
          id={`${id}-network`}
          className="input safe-add__network"
          value={network ?? ''}
          onChange={(e) => setChainId(Number(e.currentTarget.value))}
          data-testid="safe-network"
        >
          {(networks ?? []).map((n) => (
            <option key={n.chainId} value={n.chainId}>
              {n.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-address`}>Safe address</label>
        <input
          id={`${id}-address`}
          className="input input--mono"
          value={address}
          placeholder="0x…"
          spellCheck={false}
          onChange={(e) => setAddress(e.currentTarget.value)}
          data-testid="safe-address"
        />
        <button type="submit" className="button button--primary" disabled={busy || address.trim() === ''}>
          {busy ? 'Reading the Safe…' : 'Add Safe'}
        </button>
      </form>
      {safes === null ? null : safes.length === 0 ? (
        <p className="muted" data-testid="safe-accounts-empty">
          No Safe yet: payouts are paid from a Ledger account.
        </p>
      ) : (
        <ul className="safe-list">
          {safes.map((s) => (
            <SafeCard key={s.id} safe={s} onRemove={() => void remove(s.id)} />
          ))}
        </ul>
      )}
      <h3>Signing as an owner</h3>
      <p className="muted">
        A Safe transaction planned on another desk: import its file, check what it pays, sign on your Ledger and send
        the signature file back.
      </p>
      <JsonFileButton
        label="Import Safe transaction…"
        importing={false}
        onFile={(input) => void importTransaction(input)}
        testId="safe-import-transaction"
      />
      {imported === null ? null : (
        <>
          <SafeSignerPicker chainId={imported.chainId} owners={imported.owners} />
          <SafeTransactionList view={imported} onChanged={setImported} />
        </>
      )}
    </section>
  )
}

function SafeCard({ safe, onRemove }: { readonly safe: SafeAccountView; readonly onRemove: () => void }) {
  return (
    <li className="safe-card" data-testid="safe-account">
      <div className="safe-card__head">
        <strong>Safe</strong> <Address value={safe.address} full /> <span className="muted">on {safe.networkName}</span>
        <button type="button" className="button button--small" onClick={onRemove}>
          Remove
        </button>
      </div>
      {safe.readError === null ? null : (
        <p className="text-warning" role="status">
          Could not read the Safe just now: {safe.readError}
        </p>
      )}
      <p>
        Version {safe.version}
        {safe.l2 ? ' (L2)' : ''} · {safe.threshold} of {safe.owners.length} owners must sign · next Safe transaction
        number {safe.nonce === '' ? 'unknown' : safe.nonce}
      </p>
      <ul className="safe-card__owners" aria-label="Owners">
        {safe.owners.map((o) => (
          <li key={o.address}>
            {o.name === null ? <span className="muted">Not on the team roster</span> : <strong>{o.name}</strong>}{' '}
            <Address value={o.address} full />
          </li>
        ))}
      </ul>
      {safe.flags.map((f) => (
        <p key={`${f.kind}:${f.address}`} className="text-warning" data-testid="safe-flag">
          ⚠ {f.reason}
        </p>
      ))}
      <p className="safe-card__balances">
        {safe.balances.map((b) => (
          <span key={b.assetId}>
            <Money baseUnits={b.balanceBaseUnits} decimals={b.decimals} symbol={b.symbol} />
          </span>
        ))}
      </p>
    </li>
  )
}
