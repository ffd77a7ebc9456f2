// Runs in: renderer. "Verify audit log": main re-computes the hash chain of every audit entry and
// reports either that all hold, or the first entry that was altered or removed and why.
import { useState } from 'react'
import type { AuditVerificationView } from '../../../../shared/approvals'
import { api, type AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { plural } from '../../lib/format'
import '../../styles/approvals.css'

export function AuditVerification() {
  const [result, setResult] = useState<AuditVerificationView | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)
  const verify = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    const answer = await api.verifyAuditLog({})
    setBusy(false)
    if (answer.ok) setResult(answer.value)
    else setError(answer.error)
  }
  return (
    <section className="panel audit" aria-labelledby="audit-title" data-testid="audit-verification">
      <h2 id="audit-title">Audit log</h2>
      <p className="hint">
        Every change is written to an append-only log whose entries are chained by hashes, so an entry edited or deleted
        outside the app breaks the chain.
      </p>
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void verify()}
          data-testid="verify-audit-log"
        >
          {busy ? 'Verifying…' : 'Verify audit log'}
        </button>
      </div>
      {result === null ? null : result.ok ? (
        <p className="notice audit__ok" role="status" data-testid="audit-result" data-ok="true">
          OK: all {plural(result.entries, 'entry', 'entries')} are intact.
        </p>
      ) : (
        <div className="notice callout--error" role="alert" data-testid="audit-result" data-ok="false">
          <p className="notice__title">The audit log was altered outside the app.</p>
          <p>
            First broken entry: <strong data-testid="audit-broken-id">#{result.firstBrokenId}</strong> of{' '}
            {plural(result.entries, 'entry', 'entries')}. {result.reason}
          </p>
          <p>
            Entries from there on cannot be trusted. Keep a copy of the data folder and tell whoever audits your
            payments.
          </p>
        </div>
      )}
      {error === null ? null : <ErrorAlert error={error} title="The audit log could not be verified" />}
    </section>
  )
}
