// Runs in: renderer. Which Ledger account signs: a path field with a picker of the first Ledger
// Live and legacy accounts (addresses shown once read from the device plugged in now). Used to
// add an approver and to approve, where the manager's own Ledger is the one connected.
import { useId } from 'react'
import { accountPath, pathProblem } from '../../lib/approvals/accountPath'
import { ACCOUNTS_PER_PAGE, knownAccounts, useDevice } from '../../stores/device'
import '../../styles/approvals.css'

interface Props {
  readonly label: string
  readonly value: string
  readonly onChange: (path: string) => void
  readonly disabled?: boolean
  readonly testId: string
}

const INDICES = Array.from({ length: ACCOUNTS_PER_PAGE }, (_, i) => i)

export function AccountPathField({ label, value, onChange, disabled = false, testId }: Props) {
  const id = useId()
  const { accounts, loadingAccounts, loadAccounts, accountsError } = useDevice()
  const read = knownAccounts(accounts)
  const addressOf = (path: string): string | null => read.find((a) => a.path === path)?.address ?? null
  const problem = pathProblem(value)
  const address = addressOf(value.trim())

  const option = (path: string, name: string) => {
    const a = addressOf(path)
    return (
      <option key={path} value={path}>
        {a === null ? `${name} · ${path}` : `${name} · ${a.slice(0, 8)}…${a.slice(-6)}`}
      </option>
    )
  }

  return (
    <div className="field account-path" data-testid={`${testId}-field`}>
      <label htmlFor={`${id}-path`}>{label}</label>
      <div className="account-path__row">
        <select
          className="input"
          aria-label="Choose a Ledger account"
          value=""
          disabled={disabled}
          onChange={(e) => {
            if (e.target.value !== '') onChange(e.target.value)
          }}
          data-testid={`${testId}-choose`}
        >
          <option value="">Choose an account…</option>
          <optgroup label="Ledger Live">
            {INDICES.map((i) => option(accountPath('ledgerLive', i), `Account ${i + 1}`))}
          </optgroup>
          <optgroup label="Legacy">{INDICES.map((i) => option(accountPath('legacy', i), `Legacy ${i + 1}`))}</optgroup>
        </select>
        <input
          id={`${id}-path`}
          className="input input--mono"
          value={value}
          disabled={disabled}
          spellCheck={false}
          aria-invalid={problem !== null}
          aria-describedby={`${id}-hint`}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        />
        <button
          type="button"
          className="button button--small"
          disabled={disabled || loadingAccounts}
          onClick={() => {
            void loadAccounts('ledgerLive')
            void loadAccounts('legacy')
          }}
          data-testid={`${testId}-read`}
        >
          {loadingAccounts ? 'Reading…' : 'Read addresses'}
        </button>
      </div>
      <p id={`${id}-hint`} className={problem === null ? 'hint' : 'hint text-error'}>
        {problem ??
          (address === null ? (
            'The Ledger plugged in now is used. Read addresses to see which address this path is.'
          ) : (
            <>
              Address on the Ledger plugged in now: <span className="mono">{address}</span>
            </>
          ))}
      </p>
      {accountsError === null ? null : <p className="hint text-error">{accountsError.message}</p>}
    </div>
  )
}
