// Runs in: renderer. The payout page's Approval section: who submitted it and from which account it
// is to be paid, under which policy version, the warnings the submitter acknowledged, the digest
// approvers sign, the approvals so far (names from the team roster), who can still approve, a
// rejection and its reason; and, while pending, approving or rejecting with a signature on the
// approver's Ledger and the files that carry the request to another desk. Main enforces every rule.
import { useCallback, useEffect, useState } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import type { ApprovalReviewView } from '../../../../shared/approvals'
import { api, type AppError } from '../../api'
import { Address } from '../../components/Address'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime, plural } from '../../lib/format'
import { DEFAULT_ACCOUNT_PATH, pathProblem } from '../../lib/approvals/accountPath'
import { byName } from '../../lib/approvals/members'
import { AccountPathField } from './AccountPathField'
import { ApprovalFiles } from './ApprovalFiles'
import { ApprovalList } from './ApprovalList'
import { HashGroups } from './HashGroups'
import { RejectDialog } from './RejectDialog'
import { SubmissionFacts } from './SubmissionFacts'
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
  const [approving, setApproving] = useState(false)
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
    setApproving(true)
    setActionError(null)
    setNotice('')
    const result = await api.approvePayout({ id: payout.id, accountPath: path.trim() })
    setApproving(false)
    if (result.ok)
      afterAction(
        result.value,
        result.value.remaining === 0
          ? 'Approved. The payout has every approval it needs and can now be paid.'
          : `Approved. ${plural(result.value.remaining, 'more approval is', 'more approvals are')} needed.`
      )
    else setActionError({ title: 'The approval was not recorded', error: result.error })
  }

  if (review === null)
    return pending && loadError !== null ? (
      <ErrorAlert error={loadError} title="The approval state could not be loaded" onRetry={() => void load()} />
    ) : null
  // Outside Pending the section only shows what happened: approvals given or voided, or a rejection.
  if (!pending && review.approvals.length === 0 && review.voidedApprovals === 0 && review.rejection === null)
    return null

  return (
    <section className="panel approval-section" aria-labelledby="approval-title" data-testid="approval-section">
      <h2 id="approval-title">Approval</h2>
      <p className="approval-section__summary" data-testid="approval-summary">
        <strong data-testid="approval-count">
          {review.approvals.length} of {review.threshold}
        </strong>{' '}
        approvals ·{' '}
        <span data-testid="approval-remaining">
          {review.remaining === 0 ? 'no more needed' : `${review.remaining.toLocaleString('en-US')} more needed`}
        </span>
      </p>
      {review.rejection === null ? null : (
        <div className="notice callout--error" role="note" data-testid="rejection">
          <p className="notice__title">
            Rejected by {review.rejection.name} on {formatDateTime(review.rejection.at)}
          </p>
          <p data-testid="rejection-reason">“{review.rejection.reason}”</p>
          <p>
            Signed with <Address value={review.rejection.signer} full />
          </p>
        </div>
      )}
      {review.voidedApprovals > 0 ? (
        <p className="notice callout--warning" data-testid="approvals-voided">
          {plural(review.voidedApprovals, 'approval was', 'approvals were')} voided because the payout was edited after
          it was submitted. The approvers must sign the new version.
        </p>
      ) : null}
      <SubmissionFacts
        creator={review.creator}
        payerAddress={review.payerAddress}
        policy={review.policy}
        acknowledgements={review.acknowledgements}
      />
      <h3 className="digest-block__title">Digest</h3>
      <HashGroups value={review.digest} testId="approval-digest" />
      <p className="hint">
        An approver’s Ledger shows “Approve Treasury payout”, the payout, its total and network, and this digest:
        compare the digest before signing.
      </p>
      <ApprovalList approvals={review.approvals} />
      {pending ? (
        <>
          {review.canStillApprove.length === 0 ? (
            <p className="text-warning" data-testid="no-one-can-approve">
              No approver of the payout’s policy version can still approve it. Change the team policy in Settings, then
              submit the payout again.
            </p>
          ) : (
            <div className="hint" data-testid="can-still-approve">
              Can still approve:{' '}
              {byName(review.canStillApprove).map((a, i) => (
                <span key={a.address}>
                  {i === 0 ? '' : ', '}
                  <strong>{a.name}</strong> <Address value={a.address} />
                </span>
              ))}
            </div>
          )}
          <div className="approval-actions">
            <AccountPathField
              label="Approver's Ledger account"
              value={path}
              onChange={setPath}
              disabled={approving}
              testId="approve-path"
            />
            <div className="actions">
              <button
                type="button"
                className="button button--primary"
                disabled={approving || pathProblem(path) !== null}
                onClick={() => void approve()}
                data-testid="approve-on-ledger"
              >
                {approving ? 'Confirm on your Ledger…' : 'Approve on Ledger'}
              </button>
              <button
                type="button"
                className="button button--danger-outline"
                disabled={approving}
                onClick={() => setRejecting(true)}
                data-testid="reject-payout"
              >
                Reject…
              </button>
            </div>
            {approving ? (
              <p className="notice" role="status" data-testid="approve-prompt">
                Your Ledger shows the approval statement. Check the total, the network and the digest above, then sign.
              </p>
            ) : null}
          </div>
          <ApprovalFiles
            payoutId={payout.id}
            onImported={(next) =>
              afterAction(
                next,
                'Approval imported: its signature was checked against the policy and this payout’s digest.'
              )
            }
            onError={(title, error) => setActionError({ title, error })}
            onNotice={setNotice}
          />
        </>
      ) : null}
      <p className="form__status" role="status" data-testid="approval-status">
        {notice}
      </p>
      {actionError === null ? null : <ErrorAlert error={actionError.error} title={actionError.title} focus />}
      <RejectDialog
        open={rejecting}
        payoutId={payout.id}
        onClose={() => setRejecting(false)}
        onRejected={(next) => {
          setRejecting(false)
          afterAction(next, 'Rejected: the payout is cancelled and the signed reason is in its history.')
        }}
      />
    </section>
  )
}
