// Runs in: renderer. "Retry failed rows" of a failed payout: a confirm that says exactly which rows
// go again (the failed ones) and that paid rows are never paid again, then retryPayout puts the
// payout back in progress with only those rows queued; they are reviewed and signed as before.
import { useState } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import { api, type AppError } from '../../api'
import { Dialog } from '../../components/Dialog'
import { ErrorAlert } from '../../components/ErrorAlert'
import { retryExplanation } from '../../lib/pay/replacement'

interface Props {
  readonly payout: PayoutDetail
  readonly onChanged: (payout: PayoutDetail) => void
}

export function RetryFailedRows({ payout, onChanged }: Props) {
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const failed = payout.itemCounts.failed
  if (payout.status !== 'failed' || failed === 0) return null

  const retry = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    const result = await api.retryPayout({ id: payout.id })
    setBusy(false)
    if (!result.ok) {
      setError(result.error)
      return
    }
    setOpen(false)
    onChanged(result.value)
  }

  return (
    <div className="pay-step__actions">
      <button type="button" className="button button--primary" onClick={() => setOpen(true)} data-testid="retry-failed">
        Retry failed rows
      </button>
      <span className="hint">
        Only the {failed === 1 ? 'row that failed goes' : `${failed} rows that failed go`} again.
      </span>
      <Dialog
        open={open}
        title="Retry the failed rows"
        onClose={() => (busy ? undefined : setOpen(false))}
        testId="retry-dialog"
      >
        {retryExplanation({ failed, paid: payout.itemCounts.paid }).map((line) => (
          <p key={line} data-testid="retry-explanation">
            {line}
          </p>
        ))}
        {error === null ? null : <ErrorAlert error={error} title="The failed rows were not queued again" focus />}
        <div className="dialog__actions">
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => setOpen(false)}
            data-testid="retry-back"
          >
            Back
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void retry()}
            data-testid="retry-confirm"
          >
            {busy ? 'Queuing…' : `Queue ${failed === 1 ? 'the failed row' : `the ${failed} failed rows`} again`}
          </button>
        </div>
      </Dialog>
    </div>
  )
}
