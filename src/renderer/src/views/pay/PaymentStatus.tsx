// Runs in: renderer. Where the money of a submitted payout stands: rows paid, failed, on their way
// and still to send, and each transaction with the rows it pays, its state and its explorer link
// (plain hash on a network without an explorer). Failure reasons seen in this window are shown.
import type { PayoutDetail } from '../../../../shared/api'
import { shortHex } from '../../lib/format'
import { groupByTransaction, rowsLabel, tallyItems, transactionUrl, type ItemTally } from '../../lib/pay/paymentStatus'
import { STEP_STATE } from '../../lib/pay/signingProgress'
import { useSigningSessions } from './signingSessions'

function groupState(t: ItemTally): { readonly label: string; readonly className: string } {
  if (t.failed > 0 && t.paid === 0) return { label: 'Failed', className: 'text-error' }
  if (t.failed > 0) return { label: `${t.paid} paid, ${t.failed} failed`, className: 'text-warning' }
  if (t.sending > 0) return { label: 'Sending', className: 'muted' }
  if (t.paid === t.total) return { label: 'Paid', className: 'text-ok' }
  return { label: 'Queued again', className: 'muted' }
}

export function PaymentStatus({ payout, explorerUrl }: { readonly payout: PayoutDetail; readonly explorerUrl: string | null }) {
  const tally = tallyItems(payout.items)
  const groups = groupByTransaction(payout.items)
  const session = useSigningSessions((s) => s.sessions[payout.id])
  const reasonFor = (hash: string): string | null => session?.steps.find((s) => s.hash === hash && (s.state === STEP_STATE.failed || s.state === STEP_STATE.rejected))?.message ?? null
  const failedRows = payout.items.filter((i) => i.status === 'failed')
  const partial = payout.items.length < payout.recipientCount
  return (
    <div className="pay-status" data-testid="payment-status">
      <p className="pay-status__tally" data-testid="payment-tally">
        <strong data-testid="tally-paid">{tally.paid}</strong> of {tally.total} paid
        {tally.sending > 0 ? <> · {tally.sending} on their way</> : null}
        {tally.failed > 0 ? (
          <>
            {' '}
            · <span className="text-error">{tally.failed} failed</span>
          </>
        ) : null}
        {tally.toSend > 0 ? <> · {tally.toSend} still to send</> : null}
        {partial ? <span className="muted"> (of the first {payout.items.length} rows)</span> : null}
      </p>
      {groups.length === 0 ? null : (
        <div className="table-wrap">
          <table className="table" data-testid="transactions-table">
            <thead>
              <tr>
                <th scope="col">Transaction</th>
                <th scope="col">Pays</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => {
                const url = transactionUrl(explorerUrl, g.hash)
                const state = groupState(g.tally)
                const reason = reasonFor(g.hash)
                return (
                  <tr key={g.hash} data-testid="transaction-row">
                    <td className="mono">
                      {url === null ? (
                        <span title={g.hash} data-testid="tx-hash">
                          {g.hash}
                        </span>
                      ) : (
                        <a href={url} target="_blank" rel="noreferrer" title={g.hash} data-testid="tx-link">
                          {shortHex(g.hash, 10)}
                        </a>
                      )}
                    </td>
                    <td>{rowsLabel(g.rows)}</td>
                    <td className={state.className}>
                      {state.label}
                      {reason === null ? null : <span className="signing__message">{reason}</span>}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {failedRows.length === 0 ? null : (
        <div className="alert alert--error" role="alert" data-testid="failed-rows">
          <p className="alert__title">
            {failedRows.length} row{failedRows.length === 1 ? ' was' : 's were'} not paid
          </p>
          <p className="alert__message">
            {rowsLabel(failedRows.map((r) => r.row))}. The reason for each failed transaction is above and in the payout's History.
          </p>
        </div>
      )}
    </div>
  )
}
