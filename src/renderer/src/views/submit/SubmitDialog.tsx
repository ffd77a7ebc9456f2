// Runs in: renderer. The one confirmation before a payout leaves Draft, fed by main's review: the
// total and recipients, every warning grouped by kind with its rows and an acknowledgement box per
// kind, whether and how many approvals it needs under which policy version, the paying account (a
// Ledger account or one of the desk's Safes) when approvers must approve one, and who signs. Submit stays disabled until all of that is settled;
// main checks it all again and its refusals are shown here, in place.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { PayoutDetail, PayoutSummary } from '../../../../shared/api'
import type { SubmissionReviewView, WarningKind } from '../../../../shared/approvals'
import type { ErrorCode } from '../../../../shared/errors'
import { api, type AppError } from '../../api'
import { Dialog } from '../../components/Dialog'
import { ErrorAlert } from '../../components/ErrorAlert'
import { Money } from '../../components/Money'
import { DEFAULT_ACCOUNT_PATH } from '../../lib/approvals/accountPath'
import {
  approvalSentence,
  initialSigner,
  submitBlockers,
  submitInput,
  type SignerChoice as Choice
} from '../../lib/approvals/submission'
import { plural } from '../../lib/format'
import { knownAccounts, useDevice } from '../../stores/device'
import { usePayerPath } from '../../stores/preferences'
import { PayingAccount } from './PayingAccount'
import { SignerChoice } from './SignerChoice'
import { WarningGroup } from './WarningGroup'
import '../../styles/submit.css'

interface Props {
  readonly open: boolean
  readonly payout: Pick<PayoutSummary, 'id' | 'chainId'>
  readonly onClose: () => void
  readonly onSubmitted: (payout: PayoutDetail) => void
  /** Goes to a row of the payout (where its rows are on screen). */
  readonly onRow?: (row: number) => void
}

/** Refusals after which main's review may have changed: read it again. */
const STALE_REVIEW: ReadonlySet<ErrorCode> = new Set([
  'warnings_unacknowledged',
  'approval_digest_mismatch',
  'policy_changed'
])

export function SubmitDialog(props: Props) {
  const [busy, setBusy] = useState(false)
  return (
    <Dialog
      open={props.open}
      title="Submit this payout"
      wide
      onClose={() => (busy ? undefined : props.onClose())}
      testId="submit-dialog"
    >
      <SubmitReview {...props} busy={busy} setBusy={setBusy} />
    </Dialog>
  )
}

function SubmitReview({
  payout,
  onClose,
  onSubmitted,
  onRow,
  busy,
  setBusy
}: Props & { readonly busy: boolean; readonly setBusy: (busy: boolean) => void }) {
  const [review, setReview] = useState<SubmissionReviewView | null>(null)
  const shown = useRef<SubmissionReviewView | null>(null)
  const [loadError, setLoadError] = useState<AppError | null>(null)
  const [acknowledged, setAcknowledged] = useState<ReadonlySet<WarningKind>>(new Set())
  const [signer, setSigner] = useState<Choice>({ kind: 'unchosen' })
  const [error, setError] = useState<AppError | null>(null)
  const payerPath = usePayerPath(payout.chainId)
  const accounts = useDevice((s) => s.accounts)
  const [safePayer, setSafePayer] = useState<string | null>(null)
  const ledgerPayer = knownAccounts(accounts).find((a) => a.path === payerPath)?.address ?? null
  const payerAddress = safePayer ?? ledgerPayer

  const load = useCallback(async (): Promise<void> => {
    const result = await api.reviewSubmission({ id: payout.id })
    if (!result.ok) return setLoadError(result.error)
    setLoadError(null)
    const before = shown.current
    shown.current = result.value
    // A new revision or policy is a new confirmation: earlier ticks do not carry over.
    if (
      before === null ||
      before.revision !== result.value.revision ||
      before.policy?.hash !== result.value.policy?.hash
    ) {
      setAcknowledged(new Set())
      setSigner(initialSigner(result.value, DEFAULT_ACCOUNT_PATH))
    }
    setReview(result.value)
  }, [payout.id])
  useEffect(() => {
    void load()
  }, [load])

  if (review === null)
    return loadError === null ? (
      <p className="loading" role="status">
        Checking the payout…
      </p>
    ) : (
      <>
        <ErrorAlert error={loadError} title="This payout cannot be submitted" focus />
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </>
    )

  const choices = { acknowledged, signer, payerAddress }
  const blockers = submitBlockers(review, choices)
  const submit = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    const result = await api.submitPayout(submitInput(payout.id, review, choices))
    setBusy(false)
    if (result.ok) return onSubmitted(result.value)
    setError(result.error)
    if (STALE_REVIEW.has(result.error.code)) void load()
  }
  const tick = (kind: WarningKind, on: boolean): void =>
    setAcknowledged((s) => {
      const next = new Set(s)
      if (on) next.add(kind)
      else next.delete(kind)
      return next
    })

  return (
    <div className="submit-review" data-testid="submit-review">
      <dl className="fields submit-review__facts">
        <div>
          <dt>Total</dt>
          <dd className="fields__total" data-testid="submit-total">
            <Money baseUnits={review.totalBaseUnits} decimals={review.decimals} symbol={review.assetSymbol} />
          </dd>
        </div>
        <div>
          <dt>Recipients</dt>
          <dd data-testid="submit-recipients">{review.recipients.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt>Network</dt>
          <dd>{review.networkName}</dd>
        </div>
      </dl>
      <p
        className={
          review.approval.required ? 'notice submit-review__approval' : 'notice submit-review__approval notice--plain'
        }
        data-testid="submit-approval"
        data-required={review.approval.required}
      >
        {approvalSentence(review, signer)}
      </p>

      <h3 className="submit-review__heading">
        {review.warnings.length === 0
          ? 'Warnings'
          : `Warnings: ${plural(review.warnings.length, 'kind')} to acknowledge`}
      </h3>
      {review.warnings.length === 0 ? (
        <p className="muted" data-testid="submit-no-warnings">
          No warnings: no repeated or unchecked addresses, no first payments, no unusual amounts.
        </p>
      ) : (
        <ul className="warning-groups" data-testid="submit-warnings">
          {review.warnings.map((w) => (
            <WarningGroup
              // A new revision or policy clears the ticks (see load): each group starts again, rows too.
              key={`${review.revision}:${review.policy?.hash ?? ''}:${w.kind}:${w.rows.join(',')}`}
              warning={w}
              acknowledged={acknowledged.has(w.kind)}
              disabled={busy}
              onAcknowledge={(on) => tick(w.kind, on)}
              onRow={onRow}
            />
          ))}
        </ul>
      )}

      {review.payerRequired ? (
        <PayingAccount chainId={payout.chainId} disabled={busy} safe={safePayer} onSafe={setSafePayer} />
      ) : null}
      <SignerChoice review={review} value={signer} disabled={busy} onChange={setSigner} />

      {busy && signer.kind === 'ledger' ? (
        <p className="notice" role="status" data-testid="submit-confirm-on-ledger">
          Confirm on your Ledger: it shows “Submit Treasury payout”, the total, the network and the payout’s digest.
        </p>
      ) : null}
      {error === null ? null : <ErrorAlert error={error} title="The payout was not submitted" focus />}
      {blockers.length === 0 ? null : (
        <ul className="submit-review__blockers" data-testid="submit-blockers">
          {blockers.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" disabled={busy} onClick={onClose} data-testid="submit-cancel">
          Keep as draft
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={busy || blockers.length > 0}
          onClick={() => void submit()}
          data-testid="submit-confirm"
        >
          {busy
            ? signer.kind === 'ledger'
              ? 'Confirm on your Ledger…'
              : 'Submitting…'
            : signer.kind === 'ledger'
              ? 'Sign on Ledger and submit'
              : 'Submit'}
        </button>
      </div>
    </div>
  )
}
