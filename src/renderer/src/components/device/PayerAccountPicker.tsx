// Runs in: renderer. Chooses the Ledger account that pays on one network: the accounts read from
// the device (Ledger Live or legacy paths), the choice remembered per network, and "Verify on
// device" to see the address on the Ledger's screen and compare it with the one shown here.
import { useEffect, useId, useState } from 'react'
import type { AppError } from '../../api'
import { ErrorAlert } from '../ErrorAlert'
import type { AccountScheme } from '../../../../shared/execution'
import { knownAccounts, useDevice } from '../../stores/device'
import { usePayerPath, usePreferences } from '../../stores/preferences'
import '../../styles/pay.css'

interface Props {
  readonly chainId: number
  readonly disabled?: boolean
}

type VerifyState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'done'; readonly address: string; readonly matches: boolean | null }
  | { readonly kind: 'error'; readonly error: AppError }

export function PayerAccountPicker({ chainId, disabled = false }: Props) {
  const id = useId()
  const { accounts, accountsError, loadingAccounts, loadAccounts, verify } = useDevice()
  const path = usePayerPath(chainId)
  const choosePayer = usePreferences((s) => s.choosePayer)
  const [scheme, setScheme] = useState<AccountScheme>(path.split('/').length === 5 ? 'ledgerLive' : 'legacy')
  const [verifying, setVerifying] = useState<VerifyState>({ kind: 'idle' })
  const list = accounts[scheme]
  const chosen = knownAccounts(accounts).find((a) => a.path === path) ?? null

  useEffect(() => {
    if (list.length === 0) void loadAccounts(scheme)
    // Only when the scheme changes: a failed read is retried with the button, not in a loop.
  }, [scheme])

  useEffect(() => setVerifying({ kind: 'idle' }), [path])

  const onVerify = async (): Promise<void> => {
    setVerifying({ kind: 'busy' })
    const result = await verify(path)
    if (!result.ok) setVerifying({ kind: 'error', error: result.error })
    else
      setVerifying({
        kind: 'done',
        address: result.value.address,
        matches: chosen === null ? null : chosen.address.toLowerCase() === result.value.address.toLowerCase()
      })
  }

  return (
    <div className="payer" data-testid="payer-picker">
      <div className="payer__row">
        <label className="visually-hidden" htmlFor={`${id}-scheme`}>
          Derivation
        </label>
        <select
          id={`${id}-scheme`}
          className="input payer__scheme"
          value={scheme}
          disabled={disabled}
          onChange={(e) => setScheme(e.target.value === 'legacy' ? 'legacy' : 'ledgerLive')}
          data-testid="payer-scheme"
        >
          <option value="ledgerLive">Ledger Live accounts</option>
          <option value="legacy">Legacy accounts</option>
        </select>
        <label className="visually-hidden" htmlFor={`${id}-account`}>
          Payer account
        </label>
        <select
          id={`${id}-account`}
          className="input input--mono payer__account"
          value={list.some((a) => a.path === path) ? path : ''}
          disabled={disabled || list.length === 0}
          onChange={(e) => choosePayer(chainId, e.target.value)}
          data-testid="payer-account"
        >
          {list.some((a) => a.path === path) ? null : (
            <option value="">{loadingAccounts ? 'Reading accounts…' : `${path} (not read yet)`}</option>
          )}
          {list.map((a) => (
            <option key={a.path} value={a.path}>
              {`Account ${a.index + 1} · ${a.address.slice(0, 8)}…${a.address.slice(-6)}`}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--small"
          disabled={disabled || loadingAccounts}
          onClick={() => void loadAccounts(scheme)}
          data-testid="payer-reload"
        >
          {loadingAccounts ? 'Reading…' : 'Read from Ledger'}
        </button>
      </div>
      <p className="payer__chosen">
        <span className="muted">Path</span> <span className="mono">{path}</span>
        {chosen === null ? null : (
          <>
            {' '}
            <span className="muted">Address</span>{' '}
            <span className="mono" data-testid="payer-address">
              {chosen.address}
            </span>
          </>
        )}
      </p>
      <p className="hint">This choice is remembered for this network on this computer.</p>
      <div className="payer__verify">
        <button
          type="button"
          className="button button--small"
          disabled={disabled || verifying.kind === 'busy'}
          onClick={() => void onVerify()}
          data-testid="verify-account"
        >
          {verifying.kind === 'busy' ? 'Check your Ledger…' : 'Verify on device'}
        </button>
        <VerifyResult state={verifying} />
      </div>
      {accountsError === null ? null : (
        <ErrorAlert error={accountsError} title="Accounts could not be read from the Ledger" />
      )}
    </div>
  )
}

function VerifyResult({ state }: { readonly state: VerifyState }) {
  switch (state.kind) {
    case 'idle':
      return null
    case 'busy':
      return (
        <span className="hint">
          The address is shown on your Ledger: compare it with the one here, then confirm on the device.
        </span>
      )
    case 'error':
      return <ErrorAlert error={state.error} title="The address was not verified" />
    case 'done':
      return (
        <span className={state.matches === false ? 'text-error' : 'text-ok'} role="status" data-testid="verify-result">
          {state.matches === false
            ? `The Ledger shows ${state.address}, which is not the address listed here. Do not use this account.`
            : `Verified on the Ledger: ${state.address}`}
        </span>
      )
  }
}
