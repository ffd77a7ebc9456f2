// Runs in: renderer. "Verify audit log": main re-computes the hash chain of every audit entry,
// checks that every statement people signed at this desk (submissions, approvals, rejections, policy
// signatures) still names an entry the log holds unchanged, and reads every paid row against the
// signed bytes of the transaction that paid it. Someone with the database file can recompute the
// chain after rewriting or cutting it, but not re-sign what people signed nor what was sent.
import { useState } from 'react'
import type { AuditVerificationView } from '../../../../shared/approvals'
import { api, type AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { Address } from '../../components/Address'
import { PaidRowMismatches } from '../../components/PaidRowMismatches'
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
        Every change is written to an append-only log whose entries are chained by hashes, and every signature made here
        names the log’s latest entry at that moment. An entry edited, deleted or cut off outside the app no longer
        matches either. Each paid row is also read against the signed transaction that paid it.
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
      {result === null ? null : <AuditResult result={result} />}
      {error === null ? null : <ErrorAlert error={error} title="The audit log could not be verified" />}
    </section>
  )
}

function AuditResult({ result }: { readonly result: AuditVerificationView }) {
  const { chain, anchors, payments } = result
  const checked = `${plural(anchors.checked, 'signed statement')} checked against the log`
  const paidRows = `${plural(payments.checked, 'paid row')} checked against the transactions that paid them`
  if (result.ok)
    return (
      <p className="notice audit__ok" role="status" data-testid="audit-result" data-ok="true">
        OK: all {plural(result.entries, 'entry', 'entries')} are intact; {checked}; {paidRows}.
      </p>
    )
  const logAltered = !chain.ok || anchors.mismatches.length > 0
  return (
    <div className="notice callout--error" role="alert" data-testid="audit-result" data-ok="false">
      <p className="notice__title">
        {logAltered ? 'The audit log was altered outside the app.' : 'Paid rows were altered outside the app.'}
      </p>
      {chain.ok ? (
        <p data-testid="audit-chain">
          The chain of {plural(result.entries, 'entry', 'entries')} holds
          {anchors.mismatches.length === 0 ? '.' : ', but signed statements do not match it.'}
        </p>
      ) : (
        <p data-testid="audit-chain">
          First broken entry: <strong data-testid="audit-broken-id">#{chain.firstBrokenId}</strong> of{' '}
          {plural(result.entries, 'entry', 'entries')}. {chain.reason}
        </p>
      )}
      <p>
        {checked}:{' '}
        {anchors.mismatches.length === 0
          ? 'all match.'
          : `${plural(anchors.mismatches.length, 'does', 'do')} not match.`}
      </p>
      {anchors.mismatches.length === 0 ? null : (
        <ul className="audit__mismatches" data-testid="audit-mismatches">
          {anchors.mismatches.map((m) => (
            <li key={`${m.statement}-${m.signer}`} data-testid="audit-mismatch">
              <strong>{m.statement}</strong>, signed by {m.signerName ?? 'someone not on the roster'}{' '}
              <Address value={m.signer} />: {m.reason}.
            </li>
          ))}
        </ul>
      )}
      {logAltered ? (
        <p>
          Entries from there on cannot be trusted. Keep a copy of the data folder and tell whoever audits your payments.
        </p>
      ) : null}
      <PaidRowsResult payments={payments} summary={paidRows} />
    </div>
  )
}

/** Paid rows whose recipient or amount is not what paid them: the network's record of the transaction is what was paid. */
function PaidRowsResult({
  payments,
  summary
}: {
  readonly payments: AuditVerificationView['payments']
  readonly summary: string
}) {
  if (payments.differing === 0) return <p data-testid="audit-paid-rows">{summary}: all match.</p>
  return (
    <>
      <p data-testid="audit-paid-rows">
        {summary}: {plural(payments.differing, 'does', 'do')} not show what was paid.
      </p>
      <PaidRowMismatches check={payments} inPayout={false} testId="audit-paid-mismatches" />
    </>
  )
}
