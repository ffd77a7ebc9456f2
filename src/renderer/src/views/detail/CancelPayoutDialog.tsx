// Runs in: renderer. Asks before cancelling a payout, with an optional reason kept in the audit log.
import { useState } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import { api, type AppError } from '../../api'
import { Dialog } from '../../components/Dialog'
import { ErrorAlert } from '../../components/ErrorAlert'

interface Props {
  readonly payout: PayoutDetail
  readonly open: boolean
  readonly onClose: () => void
  readonly onCancelled: (payout: PayoutDetail) => void
}

export function CancelPayoutDialog({ payout, open, onClose, onCancelled }: Props) {
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | null>(null)

  const close = (): void => {
    if (busy) return
    setError(null)
    onClose()
  }
  const confirm = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    const trimmed = reason.trim()
    const result = await api.cancelPayout({ id: payout.id, ...(trimmed === '' ? {} : { reason: trimmed }) })
    setBusy(false)
    if (result.ok) {
      setReason('')
      onCancelled(result.value)
    } else setError(result.error)
  }

  return (
    <Dialog open={open} title="Cancel this payout?" onClose={close} testId="cancel-dialog">
      {payout.status === 'in_progress' ? (
        <p data-testid="cancel-rest-explanation">
          The rows not paid yet will not be paid: the payout will be marked <strong>Cancelled</strong>. Rows already
          paid stay paid ({payout.itemCounts.paid.toLocaleString('en-US')} of{' '}
          {payout.recipientCount.toLocaleString('en-US')}). Its history is kept.
        </p>
      ) : (
        <p>
          The payout will be marked <strong>Cancelled</strong> and can no longer be edited or sent. It stays in the list
          and its history is kept.
        </p>
      )}
      <label className="field">
        <span>Reason (optional)</span>
        <textarea
          className="input"
          rows={3}
          maxLength={1000}
          value={reason}
          placeholder="e.g. Paid by bank transfer instead"
          data-testid="cancel-reason"
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {error === null ? null : <ErrorAlert error={error} title="The payout was not cancelled" focus />}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={close} disabled={busy}>
          Keep payout
        </button>
        <button
          type="button"
          className="button button--danger"
          onClick={() => void confirm()}
          disabled={busy}
          data-testid="confirm-cancel"
        >
          {busy ? 'Cancelling…' : 'Cancel payout'}
        </button>
      </div>
    </Dialog>
  )
}
