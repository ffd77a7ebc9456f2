// Runs in: renderer. Rejecting a pending payout: why (required: the submitter reads it) and the
// approver's Ledger account. The approver signs the rejection with the reason in it; main accepts
// it only from an approver of the payout's policy version. Rejection cancels the payout.
import { useId, useState, type FormEvent } from 'react'
import type { ApprovalReviewView } from '../../../../shared/approvals'
import { api, type AppError } from '../../api'
import { Dialog } from '../../components/Dialog'
import { ErrorAlert } from '../../components/ErrorAlert'
import { DEFAULT_ACCOUNT_PATH, pathProblem } from '../../lib/approvals/accountPath'
import { AccountPathField } from './AccountPathField'

interface Props {
  readonly open: boolean
  readonly payoutId: string
  readonly onClose: () => void
  readonly onRejected: (review: ApprovalReviewView) => void
}

export function RejectDialog(props: Props) {
  const [busy, setBusy] = useState(false)
  return (
    <Dialog
      open={props.open}
      title="Reject this payout"
      onClose={() => (busy ? undefined : props.onClose())}
      testId="reject-dialog"
      wide
    >
      <RejectForm {...props} busy={busy} setBusy={setBusy} />
    </Dialog>
  )
}

function RejectForm({
  payoutId,
  onClose,
  onRejected,
  busy,
  setBusy
}: Props & { readonly busy: boolean; readonly setBusy: (b: boolean) => void }) {
  const id = useId()
  const [reason, setReason] = useState('')
  const [path, setPath] = useState(DEFAULT_ACCOUNT_PATH)
  const [tried, setTried] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const reasonProblem =
    reason.trim() === '' ? 'Say why: the submitter reads this reason in the payout’s history.' : null

  const onSubmit = async (e: FormEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault()
    setTried(true)
    if (reasonProblem !== null || pathProblem(path) !== null) return
    setBusy(true)
    setError(null)
    const result = await api.rejectPayout({ id: payoutId, accountPath: path.trim(), reason: reason.trim() })
    setBusy(false)
    if (result.ok) onRejected(result.value)
    else setError(result.error)
  }

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <p>Rejecting cancels the payout: nothing will be paid. You sign the rejection and its reason on your Ledger.</p>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason</label>
        <textarea
          id={`${id}-reason`}
          className="input"
          rows={3}
          maxLength={1000}
          value={reason}
          disabled={busy}
          aria-invalid={tried && reasonProblem !== null}
          aria-describedby={`${id}-reason-hint`}
          onChange={(e) => setReason(e.target.value)}
          data-testid="reject-reason"
        />
        <p id={`${id}-reason-hint`} className={tried && reasonProblem !== null ? 'hint text-error' : 'hint'}>
          {tried && reasonProblem !== null
            ? reasonProblem
            : 'Required. Part of what you sign, and kept in the audit log.'}
        </p>
      </div>
      <AccountPathField
        label="Your account on the Ledger connected now"
        value={path}
        onChange={setPath}
        disabled={busy}
        testId="reject-path"
      />
      {busy ? (
        <p className="notice" role="status" data-testid="reject-confirm-on-ledger">
          Your Ledger shows “Reject Treasury payout”, the payout’s total and digest, and your reason. Check them, then
          sign.
        </p>
      ) : null}
      {error === null ? null : <ErrorAlert error={error} title="The payout was not rejected" focus />}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          Keep it pending
        </button>
        <button type="submit" className="button button--danger" disabled={busy} data-testid="confirm-reject">
          {busy ? 'Confirm on your Ledger…' : 'Sign rejection on Ledger'}
        </button>
      </div>
    </form>
  )
}
