// Runs in: renderer. Under main's refusal to sign while the paying account has sent transactions
// this data folder has no record of: the account to look up (on the network's explorer where it has
// one), and the statement, ticked on purpose and signed by that account on the Ledger, that none of
// those transactions paid rows waiting to be paid here (the statement is the account's, not one
// payout's). Main records it in the audit log; the review is then
// asked again.
import { useState } from 'react'
import { api, type AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { addressUrl } from '../../lib/pay/paymentStatus'
import type { UnrecordedSendsToCheck } from '../../lib/pay/unrecordedSends'

interface Props {
  readonly payoutId: string
  /** The Ledger account the review was for: it signs the statement. */
  readonly accountPath: string
  readonly check: UnrecordedSendsToCheck
  readonly explorerUrl: string | null
  /** The statement is on record: review again. */
  readonly onChecked: () => void
}

export function UnrecordedSendsCheck({ payoutId, accountPath, check, explorerUrl, onChecked }: Props) {
  const [sure, setSure] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const url = addressUrl(explorerUrl, check.account)
  const last = check.through - 1

  const confirm = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    const result = await api.signUnrecordedSendsStatement({
      id: payoutId,
      accountPath,
      account: check.account,
      through: check.through
    })
    setBusy(false)
    if (!result.ok) {
      setError(result.error)
      return
    }
    setSure(false)
    onChecked()
  }

  return (
    <div className="pay-check" data-testid="unrecorded-sends">
      <p className="pay-check__lookup">
        Look up{' '}
        {url === null ? (
          <span className="mono">{check.account}</span>
        ) : (
          <a className="mono" href={url} target="_blank" rel="noreferrer" data-testid="unrecorded-sends-link">
            {check.account}
          </a>
        )}{' '}
        and compare its transactions with this payout's rows
        {check.rows.length === 0 ? '' : `, ${check.rows.length === 1 ? 'row' : 'rows'} ${check.rows.join(', ')} first`}.
      </p>
      {check.agreed < check.through ? (
        <p className="hint" data-testid="unrecorded-sends-disagree">
          The network&apos;s endpoints disagree about how many transactions this account has sent ({check.agreed} or{' '}
          {check.through}), so nobody can say numbers {check.agreed} to {last} were looked at: one endpoint may be
          wrong. Check the endpoints in Settings, then review again.
        </p>
      ) : (
        <>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={sure}
              disabled={busy}
              onChange={(e) => setSure(e.target.checked)}
              data-testid="unrecorded-sends-sure"
            />{' '}
            I have looked at this account's transactions up to number {last}: none of them paid rows waiting to be paid
            here, in this payout or another.
          </label>
          <div className="pay-step__actions">
            <button
              type="button"
              className="button"
              disabled={!sure || busy}
              onClick={() => void confirm()}
              data-testid="unrecorded-sends-confirm"
            >
              {busy ? 'Confirm on your Ledger…' : 'Sign this on the Ledger and review again'}
            </button>
            <span className="hint">The paying account signs the statement; it is kept in the audit log.</span>
          </div>
        </>
      )}
      {error === null ? null : <ErrorAlert error={error} title="The statement was not signed" focus />}
    </div>
  )
}
