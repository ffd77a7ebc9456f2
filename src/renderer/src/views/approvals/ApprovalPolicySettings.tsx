// Runs in: renderer. Settings' approval policy: the approvers (name and the address their own
// Ledger showed when they were added), how many must approve (M of N), and per-currency amounts
// below which no approval is needed. "Require approval" itself is the switch in the form above.
// Ends with the audit log check, which belongs with the controls an auditor looks at.
import { useEffect, useId, useState, type FormEvent } from 'react'
import type { ApprovalPolicyView } from '../../../../shared/approvals'
import { api, type AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useTreasuryEvent } from '../../hooks/useTreasuryEvent'
import { DEFAULT_ACCOUNT_PATH, pathProblem } from '../../lib/approvals/accountPath'
import { useSettings } from '../../stores/settings'
import { AccountPathField } from './AccountPathField'
import { AmountRules } from './AmountRules'
import { AuditVerification } from './AuditVerification'
import '../../styles/approvals.css'

export function ApprovalPolicySettings() {
  const required = useSettings((s) => s.settings?.requireApproval ?? false)
  const [policy, setPolicy] = useState<ApprovalPolicyView | null>(null)
  const [error, setError] = useState<{ readonly title: string; readonly error: AppError } | null>(null)
  const [busy, setBusy] = useState(false)

  const load = async (): Promise<void> => {
    const result = await api.getApprovalPolicy({})
    if (result.ok) setPolicy(result.value)
    else setError({ title: 'The approval policy could not be loaded', error: result.error })
  }
  useEffect(() => {
    void load()
  }, [])
  useTreasuryEvent((event) => {
    if (event.type === 'settings.changed') void load()
  })

  /** Runs one policy change; main answers with the whole policy as it now stands. */
  const change = async (title: string, run: () => ReturnType<typeof api.getApprovalPolicy>): Promise<boolean> => {
    setBusy(true)
    setError(null)
    const result = await run()
    setBusy(false)
    if (result.ok) setPolicy(result.value)
    else setError({ title, error: result.error })
    return result.ok
  }

  return (
    <>
      <section className="panel policy" aria-labelledby="policy-title" data-testid="approval-policy">
        <h2 id="policy-title">Approval policy</h2>
        <p className={required ? 'text-ok' : 'muted'} data-testid="policy-required">
          {required
            ? 'Submitted payouts wait for approval.'
            : 'Approval is off: submitted payouts go straight to signing. Turn on "Require approval" above to use this policy.'}
        </p>
        {error === null ? null : <ErrorAlert error={error.error} title={error.title} focus />}
        {policy === null ? null : (
          <>
            <Approvers
              policy={policy}
              busy={busy}
              onRemove={(address) => void change('The approver was not removed', () => api.removeApprover({ address }))}
            />
            <AddApprover
              busy={busy}
              onAdd={(name, path) => change('The approver was not added', () => api.addApprover({ name, path }))}
            />
            <Threshold
              policy={policy}
              busy={busy}
              onSet={(threshold) =>
                void change('The number of approvals was not changed', () => api.setApprovalThreshold({ threshold }))
              }
            />
            <AmountRules
              policy={policy}
              busy={busy}
              onSet={(assetId, maxWithoutApproval) =>
                change('The amount rule was not saved', () =>
                  api.setApprovalAmountRule({ assetId, maxWithoutApproval })
                )
              }
            />
          </>
        )}
      </section>
      <AuditVerification />
    </>
  )
}

function Approvers({
  policy,
  busy,
  onRemove
}: {
  readonly policy: ApprovalPolicyView
  readonly busy: boolean
  readonly onRemove: (address: string) => void
}) {
  if (policy.approvers.length === 0)
    return (
      <p className="muted" data-testid="no-approvers">
        No approvers yet. Add the managers who approve payouts, each with their own Ledger.
      </p>
    )
  return (
    <ul className="approvers" data-testid="approvers">
      {policy.approvers.map((a) => (
        <li key={a.address} className="approvers__row" data-testid="approver" data-address={a.address}>
          <span className="approvers__name" data-testid="approver-name">
            {a.name}
          </span>
          <span className="mono" data-testid="approver-address">
            {a.address}
          </span>
          <button
            type="button"
            className="button button--small button--danger-outline"
            disabled={busy}
            onClick={() => onRemove(a.address)}
            aria-label={`Remove ${a.name}`}
            data-testid="remove-approver"
          >
            Remove
          </button>
        </li>
      ))}
    </ul>
  )
}

function AddApprover({
  busy,
  onAdd
}: {
  readonly busy: boolean
  readonly onAdd: (name: string, path: string) => Promise<boolean>
}) {
  const id = useId()
  const [name, setName] = useState('')
  const [path, setPath] = useState(DEFAULT_ACCOUNT_PATH)
  const [adding, setAdding] = useState(false)
  const problem = name.trim() === '' ? 'Enter the approver’s name.' : pathProblem(path)

  const onSubmit = async (e: FormEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault()
    if (problem !== null) return
    setAdding(true)
    const ok = await onAdd(name.trim(), path.trim())
    setAdding(false)
    if (ok) setName('')
  }

  return (
    <form className="add-approver" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="add-approver-form">
      <h3 className="digest-block__title">Add an approver</h3>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          data-testid="approver-name-input"
        />
      </div>
      <AccountPathField
        label="Account on the approver's Ledger"
        value={path}
        onChange={setPath}
        disabled={busy}
        testId="approver-path"
      />
      <div className="actions">
        <button type="submit" className="button" disabled={busy || problem !== null} data-testid="add-approver">
          {adding ? 'Confirm the address on the Ledger…' : 'Add and verify on Ledger'}
        </button>
      </div>
      {adding ? (
        <p className="notice" role="status" data-testid="add-approver-prompt">
          The approver’s Ledger shows the address. They check it and confirm on the device; that address is what their
          approvals must be signed with.
        </p>
      ) : null}
    </form>
  )
}

function Threshold({
  policy,
  busy,
  onSet
}: {
  readonly policy: ApprovalPolicyView
  readonly busy: boolean
  readonly onSet: (threshold: number) => void
}) {
  const id = useId()
  const n = policy.approvers.length
  const options = Array.from({ length: Math.max(n, policy.threshold, 1) }, (_, i) => i + 1)
  return (
    <div className="threshold">
      <label htmlFor={`${id}-m`}>Approvals needed</label>
      <select
        id={`${id}-m`}
        className="input"
        value={policy.threshold}
        disabled={busy}
        onChange={(e) => onSet(Number.parseInt(e.target.value, 10))}
        data-testid="approval-threshold"
      >
        {options.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <span data-testid="threshold-summary">
        of {n} approver{n === 1 ? '' : 's'}
        {policy.threshold > n ? (
          <span className="text-error"> — add approvers: fewer are listed than must approve.</span>
        ) : null}
      </span>
    </div>
  )
}
