// Runs in: renderer. Rows whose payment the network cannot confirm ("needs checking"): each with
// the transaction to look up (an explorer link where the network has one, else the full hash) and
// "Confirm not paid…", which asks why before main puts the row back in the queue. Nothing here
// pays anything: the row is paid again only when the user pays the rest.
import { useState } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import { api, type AppError } from '../../api'
import { Dialog } from '../../components/Dialog'
import { ErrorAlert } from '../../components/ErrorAlert'
import { rowsLabel, transactionUrl } from '../../lib/pay/paymentStatus'
import { MAX_CHECK_REASON, checkSteps, reasonProblem, rowsToCheck } from '../../lib/pay/uncertainRows'

interface Props {
  readonly payout: PayoutDetail
  readonly explorerUrl: string | null
  readonly onChanged: (payout: PayoutDetail) => void
}

function TransactionHash({ hash, explorerUrl }: { readonly hash: string; readonly explorerUrl: string | null }) {
  const url = transactionUrl(explorerUrl, hash)
  return url === null ? (
    <span className="mono check-hash" data-testid="check-hash">
      {hash}
    </span>
  ) : (
    <a className="mono check-hash" href={url} target="_blank" rel="noreferrer" data-testid="check-link">
      {hash}
    </a>
  )
}

export function NeedsCheckRows({ payout, explorerUrl, onChanged }: Props) {
  const [checking, setChecking] = useState<{ readonly row: number; readonly hash: string } | null>(null)
  const count = payout.itemCounts.needs_check
  if (count === 0) return null
  const listed = rowsToCheck(payout.items)
  return (
    <div className="alert alert--warning" role="status" data-testid="needs-check-rows">
      <p className="alert__title">
        {count.toLocaleString('en-US')} row{count === 1 ? ' needs' : 's need'} checking
      </p>
      <p className="alert__message">
        The network shows their transactions as processed but returns no receipt for them, so whether they paid is not
        known. They are not paid again unless you confirm, row by row, that they were not paid. Treasury keeps looking
        and settles them if the network shows the receipt.
      </p>
      {listed.length === 0 ? null : (
        <ul className="pay-failures">
          {listed.map((item) => (
            <li key={item.row} data-testid="needs-check-row" data-row={item.row}>
              <span className="pay-failures__row">Row {item.row}</span> <span className="mono">{item.address}</span>
              {item.name === '' ? null : <> ({item.name})</>}: transaction{' '}
              <TransactionHash hash={item.txHash} explorerUrl={explorerUrl} />{' '}
              <button
                type="button"
                className="button button--small"
                onClick={() => setChecking({ row: item.row, hash: item.txHash })}
                data-testid="confirm-not-paid"
              >
                Confirm not paid…
              </button>
            </li>
          ))}
        </ul>
      )}
      {count > listed.length ? (
        <p className="alert__message">
          {listed.length === 0
            ? 'These rows are not among the rows loaded here'
            : `${rowsLabel(listed.map((r) => r.row))} listed`}
          ; every row that needs checking is in the Recipients list and the export.
        </p>
      ) : null}
      <ConfirmNotPaidDialog
        payoutId={payout.id}
        target={checking}
        explorerUrl={explorerUrl}
        onClose={() => setChecking(null)}
        onConfirmed={(next) => {
          setChecking(null)
          onChanged(next)
        }}
      />
    </div>
  )
}

interface DialogProps {
  readonly payoutId: string
  readonly target: { readonly row: number; readonly hash: string } | null
  readonly explorerUrl: string | null
  readonly onClose: () => void
  readonly onConfirmed: (payout: PayoutDetail) => void
}

function ConfirmNotPaidDialog({ payoutId, target, explorerUrl, onClose, onConfirmed }: DialogProps) {
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const [tried, setTried] = useState(false)
  const problem = reasonProblem(reason)
  const close = (): void => {
    if (busy) return
    setError(null)
    setTried(false)
    onClose()
  }
  const confirm = async (): Promise<void> => {
    setTried(true)
    if (target === null || problem !== null) return
    setBusy(true)
    setError(null)
    const result = await api.confirmRowNotPaid({
      id: payoutId,
      row: target.row,
      hash: target.hash,
      reason: reason.trim()
    })
    setBusy(false)
    if (!result.ok) {
      setError(result.error)
      return
    }
    setReason('')
    setTried(false)
    onConfirmed(result.value)
  }
  return (
    <Dialog
      open={target !== null}
      title={target === null ? 'Confirm not paid' : `Row ${target.row}: confirm it was not paid`}
      onClose={close}
      testId="confirm-not-paid-dialog"
    >
      {target === null ? null : (
        <>
          <p>
            Transaction <TransactionHash hash={target.hash} explorerUrl={explorerUrl} />
          </p>
          {checkSteps(target.row).map((line) => (
            <p key={line}>{line}</p>
          ))}
          <label className="field">
            <span>Why you are sure it was not paid</span>
            <textarea
              className="input"
              rows={3}
              maxLength={MAX_CHECK_REASON}
              value={reason}
              placeholder="e.g. The explorer does not know this transaction; the recipient confirms nothing arrived"
              aria-invalid={tried && problem !== null}
              data-testid="not-paid-reason"
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          {tried && problem !== null ? (
            <p className="hint text-error" data-testid="not-paid-reason-problem">
              {problem}
            </p>
          ) : null}
          {error === null ? null : <ErrorAlert error={error} title="The row was not released" focus />}
          <div className="dialog__actions">
            <button type="button" className="button" onClick={close} disabled={busy}>
              Back
            </button>
            <button
              type="button"
              className="button button--danger"
              onClick={() => void confirm()}
              disabled={busy}
              data-testid="confirm-not-paid-submit"
            >
              {busy ? 'Releasing…' : 'Not paid: queue it again'}
            </button>
          </div>
        </>
      )}
    </Dialog>
  )
}
