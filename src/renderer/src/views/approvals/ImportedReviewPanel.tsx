// Runs in: renderer. One imported approval request in full, for the approver to check before
// signing: network, currency, total, every recipient, who submitted it and from which account it is
// to be paid, the policy version with its approvers, the warnings the submitter acknowledged, the
// digest and the exact message the Ledger will sign, and where this desk's catalogue disagrees.
import { useState } from 'react'
import type { ImportedReview } from '../../../../shared/approvals'
import { api, type AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { Address } from '../../components/Address'
import { Money } from '../../components/Money'
import { DEFAULT_ACCOUNT_PATH, pathProblem } from '../../lib/approvals/accountPath'
import { byName } from '../../lib/approvals/members'
import { formatDateTime, plural } from '../../lib/format'
import { AccountPathField } from './AccountPathField'
import { DigestBlock } from './DigestBlock'
import { saveFile } from './fileActions'
import { SubmissionFacts } from './SubmissionFacts'
import '../../styles/approvals.css'

/** The review lists this many recipients; the digest (and the signature) still cover every one. */
const RECIPIENTS_SHOWN = 500

export function ImportedReviewPanel({
  review,
  onChanged
}: {
  readonly review: ImportedReview
  readonly onChanged: (next: ImportedReview) => void
}) {
  const [path, setPath] = useState(DEFAULT_ACCOUNT_PATH)
  const [busy, setBusy] = useState<'sign' | 'export' | null>(null)
  const [error, setError] = useState<{ readonly title: string; readonly error: AppError } | null>(null)
  const { asset } = review

  const sign = async (): Promise<void> => {
    setBusy('sign')
    setError(null)
    const result = await api.approveImported({ id: review.payoutId, accountPath: path.trim() })
    setBusy(null)
    if (result.ok) onChanged(result.value)
    else setError({ title: 'The approval was not signed', error: result.error })
  }
  const exportApproval = async (): Promise<void> => {
    setBusy('export')
    setError(null)
    const problem = saveFile(await api.exportApproval({ id: review.payoutId }))
    setBusy(null)
    if (problem !== null) setError({ title: 'The approval file was not exported', error: problem })
  }

  return (
    <section className="panel imported-review" aria-labelledby="imported-title" data-testid="imported-review">
      <h2 id="imported-title">{review.purpose === '' ? `Payout ${review.payoutId}` : review.purpose}</h2>
      {review.catalogueWarnings.length === 0 ? null : (
        <div className="notice callout--warning" role="alert" data-testid="catalogue-warnings">
          <p className="notice__title">This desktop disagrees with the file about:</p>
          <ul>
            {review.catalogueWarnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <dl className="fields">
        <div>
          <dt>Total</dt>
          <dd className="fields__total" data-testid="imported-total">
            <Money baseUnits={review.totalBaseUnits} decimals={asset.decimals} symbol={asset.symbol} />
          </dd>
        </div>
        <div>
          <dt>Network</dt>
          <dd>
            {review.networkName} (chain {review.chainId})
          </dd>
        </div>
        <div>
          <dt>Currency</dt>
          <dd>
            {asset.symbol}
            {asset.tokenAddress === null ? ' (native)' : <span className="mono"> {asset.tokenAddress}</span>}
          </dd>
        </div>
        <div>
          <dt>Approvals needed</dt>
          <dd data-testid="imported-approvers">
            {review.policy === null ? (
              <span className="text-error">This desk does not hold the policy version this payout names.</span>
            ) : (
              <>
                {review.policy.threshold} of the approvers of version {review.policy.sequence}:{' '}
                {byName(review.policy.approvers).map((a, i) => (
                  <span key={a.address}>
                    {i === 0 ? '' : ', '}
                    {a.name} <Address value={a.address} />
                  </span>
                ))}
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Exported</dt>
          <dd>
            {formatDateTime(review.exportedAt)} by {review.exportedBy}
          </dd>
        </div>
        <div>
          <dt>Payout ID</dt>
          <dd className="mono">
            {review.payoutId} · revision {review.revision}
          </dd>
        </div>
      </dl>
      <SubmissionFacts
        creator={{ name: review.creatorName, address: review.creatorAddress }}
        payerAddress={review.payerAddress}
        policy={review.policy}
        acknowledgements={review.acknowledgements}
      />
      <h3 className="digest-block__title">{plural(review.recipients.length, 'recipient')}</h3>
      <div className="table-wrap">
        <table className="table" data-testid="imported-recipients">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Reference</th>
            </tr>
          </thead>
          <tbody>
            {review.recipients.slice(0, RECIPIENTS_SHOWN).map((r) => (
              <tr key={r.row} data-testid="imported-recipient">
                <td className="cell--rownum">{r.row}</td>
                <td>{r.name}</td>
                <td>
                  <Address value={r.address} full />
                </td>
                <td className="num nowrap">
                  <Money baseUnits={r.amountBaseUnits} decimals={asset.decimals} symbol={asset.symbol} />
                </td>
                <td>{r.reference}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {review.recipients.length > RECIPIENTS_SHOWN ? (
        <p className="muted">The first {RECIPIENTS_SHOWN} rows are listed; the digest covers all of them.</p>
      ) : null}
      <DigestBlock digest={review.digest} message={review.message} />
      {review.signed === null ? (
        <div className="approval-actions">
          <AccountPathField
            label="Your Ledger account"
            value={path}
            onChange={setPath}
            disabled={busy !== null}
            testId="imported-path"
          />
          <div className="actions">
            <button
              type="button"
              className="button button--primary"
              disabled={busy !== null || pathProblem(path) !== null}
              onClick={() => void sign()}
              data-testid="approve-imported"
            >
              {busy === 'sign' ? 'Confirm on your Ledger…' : 'Approve on Ledger'}
            </button>
          </div>
        </div>
      ) : (
        <div className="notice" data-testid="imported-signed">
          <p className="notice__title">
            Signed {formatDateTime(review.signed.signedAt)} with <Address value={review.signed.signer} full />
          </p>
          <p className="mono signature">{review.signed.signature}</p>
          <button
            type="button"
            className="button button--primary"
            disabled={busy !== null}
            onClick={() => void exportApproval()}
            data-testid="export-approval"
          >
            {busy === 'export' ? 'Exporting…' : 'Export approval file'}
          </button>
        </div>
      )}
      {error === null ? null : <ErrorAlert error={error.error} title={error.title} focus />}
    </section>
  )
}
