// Runs in: renderer. Rejecting a pending payout: who rejects and why (both required; the reason
// is what the creator reads in the history). Rejection cancels the payout.
import { useId, useState, type FormEvent } from 'react'
import type { ApprovalReviewView } from '../../../../shared/approvals'
import { api, type AppError } from '../../api'
import { Dialog } from '../../components/Dialog'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useSettings } from '../../stores/settings'

interface Props {
  readonly open: boolean
  readonly payoutId: string
  /** Names offered as suggestions for "Rejected by". */
  readonly approvers: readonly string[]
  readonly onClose: () => void
  readonly onRejected: (review: ApprovalReviewView) => void
}

export function RejectDialog(props: Props) {
  return (
    <Dialog open={props.open} title="Reject this payout" onClose={props.onClose} testId="reject-dialog">
      <RejectForm {...props} />
    </Dialog>
  )
}

function RejectForm({ payoutId, approvers, onClose, onRejected }: Props) {
  const id = useId()
  const operator = useSettings((s) => s.settings?.operatorName ?? '')
  const [approver, setApprover] = useState(operator)
  const [reason, setReason] = useState('')
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const reasonProblem = reason.trim() === '' ? 'Say why: the creator reads this reason in the payout’s history.' : null
  const approverProblem = approver.trim() === '' ? 'Enter who rejects the payout.' : null

  const onSubmit = async (e: FormEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault()
    setTried(true)
    if (reasonProblem !== null || approverProblem !== null) return
    setBusy(true)
    const result = await api.rejectPayout({ id: payoutId, approver: approver.trim(), reason: reason.trim() })
    setBusy(false)
    if (result.ok) onRejected(result.value)
    else setError(result.error)
  }

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <p>Rejecting cancels the payout: nothing will be paid, and the creator sees your reason.</p>
      <div className="field">
        <label htmlFor={`${id}-by`}>Rejected by</label>
        <input
          id={`${id}-by`}
          className="input"
          list={`${id}-names`}
          value={approver}
          maxLength={100}
          aria-invalid={tried && approverProblem !== null}
          onChange={(e) => setApprover(e.target.value)}
          data-testid="reject-by"
        />
        <datalist id={`${id}-names`}>
          {approvers.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {tried && approverProblem !== null ? <p className="hint text-error">{approverProblem}</p> : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason</label>
        <textarea
          id={`${id}-reason`}
          className="input"
          rows={3}
          maxLength={1000}
          value={reason}
          aria-invalid={tried && reasonProblem !== null}
          aria-describedby={`${id}-reason-hint`}
          onChange={(e) => setReason(e.target.value)}
          data-testid="reject-reason"
        />
        <p id={`${id}-reason-hint`} className={tried && reasonProblem !== null ? 'hint text-error' : 'hint'}>
          {tried && reasonProblem !== null ? reasonProblem : 'Required. Recorded in the audit log.'}
        </p>
      </div>
      {error === null ? null : <ErrorAlert error={error} title="The payout was not rejected" focus />}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          Keep it pending
        </button>
        <button type="submit" className="button button--danger" disabled={busy} data-testid="confirm-reject">
          {busy ? 'Rejecting…' : 'Reject and cancel'}
        </button>
      </div>
    </form>
  )
}
