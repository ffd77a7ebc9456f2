// Runs in: renderer. The recipients of a payout: row, address, amount, name, status and issues (in
// their row, so without the "Row 12: " that names it elsewhere),
// and the category and cost center for the books when any row shown has one (most payouts have none,
// and two empty columns would only push the issues off a laptop's screen).
import type { PayoutDetail } from '../../../../shared/api'
import type { PaidRowsCheckView } from '../../../../shared/approvals'
import { IssueList } from '../../components/IssueList'
import { Money } from '../../components/Money'
import { ItemStatusBadge } from '../../components/StatusBadge'
import { atRow } from '../../../../shared/rowPrefix'

export function RecipientsTable({
  payout,
  paidRows = null
}: {
  readonly payout: PayoutDetail
  /** What main found reading the paid rows against the transactions that paid them, once it has. */
  readonly paidRows?: PaidRowsCheckView | null
}) {
  const shown = payout.items.length
  /** A single payout has one recipient: no row numbers to speak of. */
  const single = payout.kind === 'single'
  const withCategory = payout.items.some((i) => i.category !== '')
  const withCostCenter = payout.items.some((i) => i.costCenter !== '')
  /** Paid rows that no longer say what paid them, by row: the reason is shown beside the row's status. */
  const differs = new Map(paidRows?.mismatches.map((m) => [m.row, m.reason]))
  return (
    <>
      <div className="table-wrap">
        <table className="table table--recipients" data-testid="recipients-table">
          <thead>
            <tr>
              {single ? null : (
                <th scope="col" className="num">
                  Row
                </th>
              )}
              <th scope="col">Address</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Name</th>
              {withCategory ? <th scope="col">Category</th> : null}
              {withCostCenter ? <th scope="col">Cost center</th> : null}
              <th scope="col">Status</th>
              <th scope="col">Issues</th>
            </tr>
          </thead>
          <tbody>
            {payout.items.map((item) => (
              <tr key={item.row} data-testid="recipient-row">
                {single ? null : <td className="num muted">{item.row}</td>}
                <td className="mono address-cell" data-testid="recipient-address">
                  {item.address === '' ? <span className="muted">Missing</span> : item.address}
                </td>
                <td className="num" data-testid="recipient-amount">
                  {item.amountBaseUnits === null ? (
                    <span className="invalid-value" title="Not a valid amount">
                      {item.amount === '' ? 'Missing' : item.amount}
                    </span>
                  ) : (
                    <Money baseUnits={item.amountBaseUnits} decimals={payout.decimals} symbol={payout.assetSymbol} />
                  )}
                </td>
                <td className="name-cell" title={item.name === '' ? undefined : item.name}>
                  {item.name === '' ? <span className="muted">—</span> : item.name}
                </td>
                {withCategory ? <LabelCell text={item.category} testId="recipient-category" /> : null}
                {withCostCenter ? <LabelCell text={item.costCenter} testId="recipient-cost-center" /> : null}
                <td>
                  <ItemStatusBadge status={item.status} />
                  <PaidRowDifference reason={differs.get(item.row)} />
                </td>
                <td className="issues-cell">
                  {item.issues.length === 0 ? (
                    <span className="muted">None</span>
                  ) : (
                    <IssueList
                      id={`row-${item.row}-issues`}
                      issues={item.issues.map((i) => ({ ...i, message: atRow(i.message) }))}
                      testId="recipient-issues"
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown < payout.recipientCount ? (
        <p className="muted">
          Showing the first {shown.toLocaleString('en-US')} of {payout.recipientCount.toLocaleString('en-US')}{' '}
          recipients.
        </p>
      ) : null}
    </>
  )
}

function LabelCell({ text, testId }: { readonly text: string; readonly testId: string }) {
  return <td data-testid={testId}>{text === '' ? <span className="muted">—</span> : text}</td>
}

function PaidRowDifference({ reason }: { readonly reason: string | undefined }) {
  if (reason === undefined) return null
  return (
    <span className="text-error paid-row-differs" title={reason} data-testid="recipient-paid-differs">
      Not what was paid
    </span>
  )
}
