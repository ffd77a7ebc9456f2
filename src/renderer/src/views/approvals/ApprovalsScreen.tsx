// Runs in: renderer. The approver's desk: payouts submitted here that wait for approval, opened and
// reviewed in place; and approval requests from other desks: import the request file, review it in
// full, sign it on the Ledger plugged in now, and export the approval file to send back. A payout
// imported here can never be paid here.
import { useEffect, useState } from 'react'
import type { ImportedReview } from '../../../../shared/approvals'
import { api, type AppError } from '../../api'
import { JsonFileButton } from '../../components/JsonFileButton'
import { ErrorAlert } from '../../components/ErrorAlert'
import { digestShort } from '../../lib/approvals/digest'
import { formatDateTime } from '../../lib/format'
import { formatMoney } from '../../../../shared/money'
import { chosenFileBase64 } from './fileActions'
import { ImportedReviewPanel } from './ImportedReviewPanel'
import { LocalPendingList } from './LocalPendingList'
import { LocalReviewPanel } from './LocalReviewPanel'
import { NoPolicyNotice } from './NoPolicyNotice'
import '../../styles/approvals.css'

export function ApprovalsScreen() {
  const [requests, setRequests] = useState<readonly ImportedReview[] | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  const [local, setLocal] = useState<string | null>(null)
  const [error, setError] = useState<{ readonly title: string; readonly error: AppError } | null>(null)
  const [importing, setImporting] = useState(false)

  const load = async (): Promise<void> => {
    const result = await api.listImportedForApproval({})
    if (result.ok) setRequests(result.value)
    else setError({ title: 'Imported requests could not be loaded', error: result.error })
  }
  useEffect(() => {
    void load()
  }, [])

  const replace = (next: ImportedReview): void => {
    setRequests((current) => [next, ...(current ?? []).filter((r) => r.payoutId !== next.payoutId)])
  }

  const onFile = async (input: HTMLInputElement): Promise<void> => {
    const file = await chosenFileBase64(input)
    if (file === null) return
    if (!file.ok) {
      setError({ title: 'The request file was not read', error: file.error })
      return
    }
    setImporting(true)
    setError(null)
    const result = await api.importForApproval({ contentBase64: file.value })
    setImporting(false)
    if (!result.ok) {
      setError({ title: 'The approval request was not imported', error: result.error })
      return
    }
    replace(result.value)
    setLocal(null)
    setSelected(result.value.payoutId)
  }

  const current = requests?.find((r) => r.payoutId === selected) ?? null

  return (
    <section className="screen" aria-labelledby="approvals-title">
      <header className="screen__header">
        <h1 id="approvals-title" tabIndex={-1}>
          Approvals
        </h1>
        <div className="actions">
          <JsonFileButton
            label="Import approval request…"
            importing={importing}
            variant="primary"
            onFile={(input) => void onFile(input)}
            testId="import-request-input"
          />
        </div>
      </header>
      <p className="lead">
        Payouts submitted at this desk are listed first: open one to review and sign it here. For a payout submitted on
        another desk, import the request file its submitter exported, check every recipient and amount, sign on your
        Ledger, and send the approval file back. Signatures are checked again there; the files themselves are not
        trusted.
      </p>
      <NoPolicyNotice />
      {error === null ? null : <ErrorAlert error={error.error} title={error.title} focus />}
      <LocalPendingList
        selected={local}
        onOpen={(id) => {
          setSelected(null)
          setLocal(id)
        }}
      />
      {local === null ? null : <LocalReviewPanel key={local} id={local} />}
      <h2 className="approvals-imported-title">Imported from other desks</h2>
      {requests === null ? null : requests.length === 0 ? (
        <p className="muted" data-testid="no-requests">
          No approval requests imported on this desk.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="requests-table">
            <thead>
              <tr>
                <th scope="col">Payout</th>
                <th scope="col">Total</th>
                <th scope="col">Network</th>
                <th scope="col">From</th>
                <th scope="col">Digest</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr
                  key={r.payoutId}
                  className={r.payoutId === selected ? 'row--selected' : undefined}
                  data-testid="request-row"
                >
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setLocal(null)
                        setSelected(r.payoutId)
                      }}
                      data-testid="open-request"
                    >
                      {r.purpose === '' ? r.payoutId : r.purpose}
                    </button>
                  </td>
                  <td className="num nowrap">{formatMoney(r.totalBaseUnits, r.asset.decimals, r.asset.symbol)}</td>
                  <td>{r.networkName}</td>
                  <td>
                    {r.creatorName}
                    <span className="muted"> · {formatDateTime(r.exportedAt)}</span>
                  </td>
                  <td className="mono nowrap">{digestShort(r.digest)}</td>
                  <td>
                    {r.signed === null ? (
                      <span className="text-warning">To review</span>
                    ) : (
                      <span className="text-ok">Signed</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {current === null ? null : <ImportedReviewPanel key={current.payoutId} review={current} onChanged={replace} />}
    </section>
  )
}
