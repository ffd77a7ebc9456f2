// Runs in: renderer. Settings: this desk's label (recorded for what no signature covers), how many
// block confirmations make a payment final, how the desk writes numbers (how typed amounts are read
// and amounts are shown), the team's signed approval policy and the audit log.
import { useEffect, useId, useState, type FormEvent } from 'react'
import type { Settings } from '../../../../shared/api'
import { isNumberFormat, type NumberFormat } from '../../../../shared/numberFormat'
import type { AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { NUMBER_FORMAT_INFO } from '../../../../shared/numberFormat'
import { NUMBER_FORMAT_CHOICES } from '../../lib/numberFormat'
import { useCatalogue } from '../../stores/catalogue'
import { useDeskNumberFormat, useSettings } from '../../stores/settings'
import { EndpointSettings } from './endpoints/EndpointSettings'
import { SafeAccountsSettings } from './safes/SafeAccountsSettings'
import { AuditVerification } from '../approvals/AuditVerification'
import { PolicySettings } from '../approvals/policy/PolicySettings'
import { AutomationSettings } from './automation/AutomationSettings'
import { SettingsIndex } from './SettingsIndex'
import {
  operatorNameProblem,
  parseConfirmations,
  raisedMinimums,
  MAX_CONFIRMATIONS,
  MIN_CONFIRMATIONS
} from './settingsForm'

export function SettingsScreen() {
  const { settings, error, load } = useSettings()
  useEffect(() => {
    void load()
  }, [load])
  return (
    <section className="screen screen--narrow" aria-labelledby="settings-title">
      <header className="screen__header">
        <h1 id="settings-title" tabIndex={-1}>
          Settings
        </h1>
      </header>
      <SettingsIndex />
      {error === null ? null : (
        <ErrorAlert error={error} title="Settings could not be loaded" onRetry={() => void load()} />
      )}
      {settings === null ? (
        error === null ? (
          <p className="loading" role="status">
            Loading…
          </p>
        ) : null
      ) : (
        <SettingsForm saved={settings} />
      )}
      <PolicySettings />
      <SafeAccountsSettings />
      <AuditVerification />
      <EndpointSettings />
      <AutomationSettings />
    </section>
  )
}

function SettingsForm({ saved }: { readonly saved: Settings }) {
  const id = useId()
  const save = useSettings((s) => s.save)
  const deskFormat = useDeskNumberFormat()
  const [operatorName, setOperatorName] = useState(saved.operatorName)
  const [confirmations, setConfirmations] = useState(String(saved.confirmations))
  const [numberFormat, setNumberFormat] = useState<NumberFormat>(deskFormat)
  const [error, setError] = useState<AppError | null>(null)
  const [status, setStatus] = useState('')
  const [busy, setBusy] = useState(false)
  const { networks, loadNetworks } = useCatalogue()
  useEffect(() => {
    void loadNetworks()
  }, [loadNetworks])

  // When the saved settings change (this form's save, or another window), show what is saved now.
  useEffect(() => {
    setOperatorName(saved.operatorName)
    setConfirmations(String(saved.confirmations))
    if (saved.numberFormat !== null) setNumberFormat(saved.numberFormat)
  }, [saved])

  const nameProblem = operatorNameProblem(operatorName)
  const confirmationsResult = parseConfirmations(confirmations)

  const onSubmit = async (e: FormEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault()
    if (nameProblem !== null || !confirmationsResult.ok) return
    setBusy(true)
    setError(null)
    setStatus('')
    const result = await save({
      operatorName: operatorName.trim(),
      confirmations: confirmationsResult.value,
      numberFormat
    })
    setBusy(false)
    if (result.ok) setStatus('Settings saved.')
    else setError(result.error)
  }

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="settings-form">
      {error === null ? null : <ErrorAlert error={error} title="Settings were not saved" focus />}
      <div className="field">
        <label htmlFor={`${id}-operator`}>Desk label</label>
        <input
          id={`${id}-operator`}
          className="input"
          value={operatorName}
          maxLength={100}
          aria-invalid={nameProblem !== null}
          aria-describedby={`${id}-operator-hint`}
          data-testid="field-operator"
          onChange={(e) => setOperatorName(e.target.value)}
        />
        <p id={`${id}-operator-hint`} className={nameProblem === null ? 'hint' : 'hint text-error'}>
          {nameProblem ??
            'Recorded for what this desk does without a Ledger signature (drafting, editing, cancelling). Submitting, approving and the policy are signed by people’s Ledgers and named from the team policy.'}
        </p>
      </div>
      <div className="field field--short">
        <label htmlFor={`${id}-confirmations`}>Confirmations</label>
        <input
          id={`${id}-confirmations`}
          className="input"
          inputMode="numeric"
          value={confirmations}
          aria-invalid={!confirmationsResult.ok}
          aria-describedby={`${id}-confirmations-hint`}
          data-testid="field-confirmations"
          onChange={(e) => setConfirmations(e.target.value)}
        />
        <p id={`${id}-confirmations-hint`} className={confirmationsResult.ok ? 'hint' : 'hint text-error'}>
          {confirmationsResult.ok
            ? `Blocks to wait after a payment is included before it counts as paid (${MIN_CONFIRMATIONS}–${MAX_CONFIRMATIONS}).`
            : confirmationsResult.message}
        </p>
        {confirmationsResult.ok && networks !== null && raisedMinimums(networks, confirmationsResult.value) !== '' ? (
          <p className="hint" data-testid="confirmations-minimums">
            Networks that need more wait for their own minimum instead:{' '}
            {raisedMinimums(networks, confirmationsResult.value)}.
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-number-format`}>Number format</label>
        <select
          id={`${id}-number-format`}
          className="input"
          value={numberFormat}
          aria-describedby={`${id}-number-format-hint`}
          data-testid="field-number-format"
          onChange={(e) => {
            if (isNumberFormat(e.target.value)) setNumberFormat(e.target.value)
          }}
        >
          {NUMBER_FORMAT_CHOICES.map((f) => (
            <option key={f} value={f}>
              {NUMBER_FORMAT_INFO[f].example} — {NUMBER_FORMAT_INFO[f].label}
            </option>
          ))}
        </select>
        <p id={`${id}-number-format-hint`} className="hint">
          How amounts typed into payouts are read, and how amounts are shown. Imported files keep their own separator,
          chosen when they are imported.
        </p>
      </div>
      <div className="form__footer">
        <p className="form__status" role="status" data-testid="settings-status">
          {status}
        </p>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy} data-testid="save-settings">
            {busy ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      </div>
    </form>
  )
}
