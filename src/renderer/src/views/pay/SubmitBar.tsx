// Runs in: renderer. "Submit for payment" for a draft: refused with the reason while rows have
// errors or there are none; after it, the payout waits for approval or goes straight to paying.
import { useState } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import { api, type AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { plural } from '../../lib/format'

export function submitBlocker(payout: Pick<PayoutDetail, 'errorCount' | 'recipientCount'>): string | null {
  if (payout.recipientCount === 0) return 'Add at least one recipient before submitting.'
  if (payout.errorCount > 0)
    return `${plural(payout.errorCount, 'row has', 'rows have')} errors. Correct them before submitting.`
  return null
}

export function SubmitBar({
  payout,
  onChanged
}: {
  readonly payout: PayoutDetail
  readonly onChanged: (p: PayoutDetail) => void
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const blocker = submitBlocker(payout)
  const submit = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    const result = await api.submitPayout({ id: payout.id })
    setBusy(false)
    if (result.ok) onChanged(result.value)
    else setError(result.error)
  }
  return (
    <div className="pay-step">
      <p>When every row is right, submit the payout. Its rows can then no longer be edited.</p>
      <div className="pay-step__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy || blocker !== null}
          aria-describedby={blocker === null ? undefined : 'submit-blocker'}
          onClick={() => void submit()}
          data-testid="submit-payout"
        >
          {busy ? 'Submitting…' : 'Submit for payment'}
        </button>
        {blocker === null ? null : (
          <span id="submit-blocker" className="text-error" data-testid="submit-blocker">
            {blocker}
          </span>
        )}
      </div>
      {error === null ? null : <ErrorAlert error={error} title="The payout was not submitted" focus />}
    </div>
  )
}
