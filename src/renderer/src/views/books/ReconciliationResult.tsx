// Runs in: renderer. A reconciliation's outcome and, when the chain and the records disagree, the
// differences row by row (what was recorded, what the chain shows).
import type { ReconciliationView } from '../../../../shared/accounting'
import { formatDateTime } from '../../lib/format'

const OUTCOME_TEXT = {
  matched: 'The chain matches the records',
  differences: 'The chain and the records differ',
  incomplete: 'Not every transaction could be read: run it again later'
} as const

export function ReconciliationResult({ reconciliation: r }: { readonly reconciliation: ReconciliationView }) {
  return (
    <div
      className={r.outcome === 'matched' ? 'notice audit__ok' : 'notice callout--warning'}
      data-testid="reconciliation"
      data-outcome={r.outcome}
    >
      <p className="notice__title" data-testid="reconciliation-outcome">
        {OUTCOME_TEXT[r.outcome]}
      </p>
      <p className="muted">
        Reconciliation {r.id} by {r.runBy}, {formatDateTime(r.finishedAt)}: {r.rowsChecked} paid row(s),{' '}
        {r.transactionsChecked} transaction(s) checked.
      </p>
      {r.differences.length === 0 ? null : (
        <div className="table-wrap">
          <table className="table" data-testid="reconciliation-differences">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Row
                </th>
                <th scope="col">Transaction</th>
                <th scope="col">Recorded</th>
                <th scope="col">On chain</th>
                <th scope="col">What is wrong</th>
              </tr>
            </thead>
            <tbody>
              {r.differences.map((d, i) => (
                <tr key={i} data-testid="reconciliation-difference">
                  <td className="num">{d.row ?? '—'}</td>
                  <td className="mono">{d.txHash === null ? '—' : `${d.txHash.slice(0, 10)}…`}</td>
                  <td className="mono">{d.expected}</td>
                  <td className="mono">{d.found}</td>
                  <td>{d.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.differenceCount > r.differences.length ? (
            <p className="muted">And {r.differenceCount - r.differences.length} more in the stored result.</p>
          ) : null}
        </div>
      )}
    </div>
  )
}
