// Runs in: renderer. The payout page's Approval section: the digest and the exact message a
// manager's Ledger signs, the approvals so far (signer, signature), how many remain, and the
// actions of a pending payout: approve on the Ledger plugged in now, reject with a reason, and the
// files that carry the request to another desktop and the approval back. Main enforces every
// rule (listed approvers, never the creator); this screen shows main's answers.
import { useCallback, useEffect, useState } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import type { ApprovalReviewView } from '../../../../shared/approvals'
import { api, type AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { plural } from '../../lib/format'
import { DEFAULT_ACCOUNT_PATH, pathProblem } from '../../lib/approvals/accountPath'
import { AccountPathField } from './AccountPathField'
import { ApprovalList } from './ApprovalList'
import { DigestBlock } from './DigestBlock'
import { chosenFileBase64, saveFile } from './fileActions'
import { RejectDialog } from './RejectDialog'
import '../../styles/approvals.css'

const PENDING = 'pending'

interface Props {
  readonly payout: PayoutDetail
  /** Asks the page to load the payout again after an action changed it. */
  readonly onChanged?: () => void
}

export function ApprovalSection({ payout, onChanged }: Props) {
  const [review, setReview] = useState<ApprovalReviewView | null>(null)
  const [loadError, setLoadError] = useState<AppError | null>(null)
  const [actionError, setActionError] = useState<{ readonly title: string; readonly error: AppError } | null>(null)
  const [busy, setBusy] = useState<'approve' | 'export' | 'import' | null>(null)
  const [path, setPath] = useState(DEFAULT_ACCOUNT_PATH)
  const [rejecting, setRejecting] = useState(false)
  const [notice, setNotice] = useState('')
  const pending = payout.status === PENDING

  const load = useCallback(async () => {
    const result = await api.getApprovalReview({ id: payout.id })
    if (result.ok) {
      setReview(result.value)
      setLoadError(null)
    } else setLoadError(result.error)
  }, [payout.id])

  useEffect(() => {
    void load()
  }, [load, payout.status, payout.updatedAt])

  const afterAction = (next: ApprovalReviewView, message: string): void => {
    setReview(next)
    setActionError(null)
    setNotice(message)
    onChanged?.()
  }

  const approve = async (): Promise<void> => {
    setBusy('approve')
    setActionError(null)
    setNotice('')
    const result = await api.approvePayout({ id: payout.id, accountPath: path.trim() })
    setBusy(null)
    if (result.ok)
      afterAction(
        result.value,
        result.value.remaining === 0
          ? 'Approved. The payout has every approval it needs and can now be paid.'
          : `Approved. ${plural(result.value.remaining, 'more approval is', 'more approvals are')} needed.`
      )
    else setActionError({ title: 'The approval was not recorded', error: result.error })
  }

  const exportRequest = async (): Promise<void> => {
    setBusy('export')
    setActionError(null)
    const problem = saveFile(await api.exportForApproval({ id: payout.id }))
    setBusy(null)
    if (problem !== null) setActionError({ title: 'The approval request was not exported', error: problem })
    else
      setNotice(
        'Approval request saved. Take the file to the manager’s desktop, open it in Approvals, and bring back the approval file.'
      )
  }

  const importApproval = async (input: HTMLInputElement): Promise<void> => {
    const file = await chosenFileBase64(input)
    if (file === null) return
    if (!file.ok) {
      setActionError({ title: 'The approval file was not read', error: file.error })
      return
    }
    setBusy('import')
    const result = await api.importApproval({ contentBase64: file.value })
    setBusy(null)
    if (result.ok)
      afterAction(
        result.value,
        'Approval imported: its signature was checked against the listed approvers and this payout’s digest.'
      )
    else setActionError({ title: 'The approval was not accepted', error: result.error })
  }

  // Outside Pending the section only shows what happened: approvals given, or approvals voided by an edit.
  if (review === null)
    return pending && loadError !== null ? (
      <ErrorAlert error={loadError} title="The approval state could not be loaded" onRetry={() => void load()} />
    ) : null
  if (!pending && review.approvals.length === 0 && review.voidedApprovals === 0) return null

  return (
    <section className="panel approval-section" aria-labelledby="approval-title" data-testid="approval-section">
      <h2 id="approval-title">Approval</h2>
      <p className="approval-section__summary" data-testid="approval-summary">
        <strong data-testid="approval-count">
          {review.approvals.length} of {review.threshold}
        </strong>{' '}
        approvals ·{' '}
        <span data-testid="approval-remaining">
          {review.remaining === 0 ? 'no more needed' : `${plural(review.remaining, 'more needed', 'more needed')}`}
        </span>
        {' · '}created by {review.creator.name}
        {review.creator.address === null ? null : <span className="mono"> ({review.creator.address})</span>}, who cannot
        approve it
      </p>
      {review.voidedApprovals > 0 ? (
        <p className="notice callout--warning" data-testid="approvals-voided">
          {plural(review.voidedApprovals, 'approval was', 'approvals were')} voided because the payout was edited after
          it was submitted. The approvers must sign the new version.
        </p>
      ) : null}
      <DigestBlock digest={review.digest} message={review.message} />
      <ApprovalList approvals={review.approvals} />
      {pending ? (
        <>
          {review.canStillApprove.length === 0 ? (
            <p className="text-warning">
              No listed approver can still approve this payout. Add an approver in Settings.
            </p>
          ) : (
            <p className="hint" data-testid="can-still-approve">
              Can still approve: {review.canStillApprove.map((a) => a.name).join(', ')}
            </p>
          )}
          <div className="approval-actions">
            <AccountPathField
              label="Approver's Ledger account"
              value={path}
              onChange={setPath}
              disabled={busy !== null}
              testId="approve-path"
            />
            <div className="actions">
              <button
                type="button"
                className="button button--primary"
                disabled={busy !== null || pathProblem(path) !== null}
                onClick={() => void approve()}
                data-testid="approve-on-ledger"
              >
                {busy === 'approve' ? 'Confirm on your Ledger…' : 'Approve on Ledger'}
              </button>
              <button
                type="button"
                className="button button--danger-outline"
                disabled={busy !== null}
                onClick={() => setRejecting(true)}
                data-testid="reject-payout"
              >
                Reject…
              </button>
            </div>
            {busy === 'approve' ? (
              <p className="notice" role="status" data-testid="approve-prompt">
                Your Ledger shows the message above. Check the amount, network and digest on its screen, then sign.
              </p>
            ) : null}
          </div>
          <div className="approval-files">
            <h3 className="digest-block__title">Approving on another desktop</h3>
            <div className="actions">
              <button
                type="button"
                className="button button--small"
                disabled={busy !== null}
                onClick={() => void exportRequest()}
                data-testid="export-for-approval"
              >
                {busy === 'export' ? 'Exporting…' : 'Export for approval'}
              </button>
              <label className={busy === null ? 'button button--small' : 'button button--small button--disabled'}>
                {busy === 'import' ? 'Importing…' : 'Import approval…'}
                <input
                  type="file"
                  accept=".json,application/json"
                  className="visually-hidden"
                  disabled={busy !== null}
                  onChange={(e) => void importApproval(e.currentTarget)}
                  data-testid="import-approval-input"
                />
              </label>
            </div>
          </div>
        </>
      ) : null}
      <p className="form__status" role="status" data-testid="approval-status">
        {notice}
      </p>
      {actionError === null ? null : <ErrorAlert error={actionError.error} title={actionError.title} focus />}
      <RejectDialog
        open={rejecting}
        payoutId={payout.id}
        approvers={review.canStillApprove.map((a) => a.name)}
        onClose={() => setRejecting(false)}
        onRejected={(next) => {
          setRejecting(false)
          afterAction(next, 'Rejected: the payout is cancelled and the reason is in its history.')
        }}
      />
    </section>
  )
}
