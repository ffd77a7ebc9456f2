// Runs in: renderer. The printable payout report an accountant or auditor asks for: the payout,
// every recipient with amount, status, transaction hash and block, the fees actually paid, the
// approvers and their signatures, a Safe's owner signatures, and the history. "Print / Save as PDF"
// uses the system print dialog; the print stylesheet hides the app around the report.
import { useState, type ReactNode } from 'react'
import type { FileContent } from '../../../../shared/api'
import type { ApprovalReviewView } from '../../../../shared/approvals'
import { itemStatusLabel, payoutKindLabel, payoutStatusLabel } from '../../../../shared/statuses'
import { api, type AppError, type Result } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { PaidRowsNotice } from '../../components/PaidRowMismatches'
import { actionLabel, formatDateTime, plural } from '../../lib/format'
import { formatMoney } from '../../../../shared/money'
import { routeHref } from '../../lib/route'
import { amountTotal, feesPaid, reportRows } from '../../lib/approvals/reportModel'
import { downloadFile } from '../../lib/download'
import { approvalRequiredAtSubmission } from '../../lib/timeline'
import { Actor } from '../detail/Timeline'
import { SubmissionFacts } from '../approvals/SubmissionFacts'
import { usePayoutReport, type PayoutReportData } from './usePayoutReport'
import { usePaidRowsCheck } from '../detail/usePaidRowsCheck'
import { ReportValues } from '../books/ReportValues'
import { ReportSafeSignatures } from './ReportSafeSignatures'
import '../../styles/books.css'
import '../../styles/approvals.css'

export function PayoutReportScreen({ id }: { readonly id: string }) {
  const { data, error, reload } = usePayoutReport(id)
  const [exportError, setExportError] = useState<AppError | null>(null)
  const download = async (format: 'csv' | 'xlsx'): Promise<void> => {
    // The report file: recipients with transactions and blocks; XLSX adds transactions, fees, approvals and a summary.
    const result: Result<FileContent> = await api.exportPayoutReport({ id, format })
    if (result.ok) downloadFile(result.value)
    setExportError(result.ok ? null : result.error)
  }
  return (
    <section className="screen report" aria-labelledby="report-title" data-testid="payout-report">
      <nav className="breadcrumbs no-print" aria-label="Breadcrumb">
        <a href={routeHref({ name: 'payouts' })}>Payouts</a> <span aria-hidden="true">/</span>{' '}
        <a href={routeHref({ name: 'payout', id })}>Payout</a> <span aria-hidden="true">/</span> <span>Report</span>
      </nav>
      <header className="screen__header">
        <h1 id="report-title" tabIndex={-1}>
          Payout report
        </h1>
        <div className="actions no-print">
          <button
            type="button"
            className="button button--primary"
            onClick={() => window.print()}
            data-testid="print-report"
          >
            Print / Save as PDF
          </button>
          <button type="button" className="button" onClick={() => void download('csv')} data-testid="report-csv">
            Report CSV
          </button>
          <button type="button" className="button" onClick={() => void download('xlsx')} data-testid="report-xlsx">
            Report XLSX
          </button>
        </div>
      </header>
      {error === null ? null : <ErrorAlert error={error} title="The report could not be prepared" onRetry={reload} />}
      {exportError === null ? null : <ErrorAlert error={exportError} title="The export was not created" focus />}
      {data === null ? (
        error === null ? (
          <p className="loading" role="status">
            Loading…
          </p>
        ) : null
      ) : (
        <Report data={data} />
      )}
    </section>
  )
}

function Report({ data }: { readonly data: PayoutReportData }) {
  const { payout, transactions, review, native, safe } = data
  const paidRows = usePaidRowsCheck(payout)
  const paidCheck = paidRows.kind === 'checked' ? paidRows.check : null
  /** Paid rows that no longer say what paid them: marked under the row's status, the reason in the notice above. */
  const differs = new Map(paidCheck?.mismatches.map((m) => [m.row, m.reason]))
  const rows = reportRows(payout.items, transactions)
  const fees = feesPaid(transactions)
  const listedTotal = amountTotal(payout.items)
  const money = (baseUnits: string | bigint): string => formatMoney(baseUnits, payout.decimals, payout.assetSymbol)
  return (
    <>
      <PaidRowsNotice check={paidCheck} />
      <dl className="fields report__fields">
        <Field term="Payout">
          {payout.description === '' ? `${payoutKindLabel(payout.kind)} payout` : payout.description}
        </Field>
        <Field term="Payout ID">
          <span className="mono">{payout.id}</span>
        </Field>
        <Field term="Status">
          <span data-testid="report-status">{payoutStatusLabel(payout.status)}</span>
        </Field>
        <Field term="Network">
          {payout.networkName} (chain {payout.chainId})
        </Field>
        <Field term="Total">
          <strong data-testid="report-total">{money(payout.totalBaseUnits)}</strong>
        </Field>
        <Field term="Recipients">{payout.recipientCount.toLocaleString('en-US')}</Field>
        <Field term="Fees paid">
          <span className="fields__wide" data-testid="report-fees">
            {native === null
              ? `${fees.totalBaseUnits.toString()} base units`
              : formatMoney(fees.totalBaseUnits, native.decimals, native.symbol)}
          </span>
          {fees.unknown > 0 ? (
            <span className="muted"> ({plural(fees.unknown, 'transaction')} without a known fee yet)</span>
          ) : null}
        </Field>
        <Field term="Created">
          {formatDateTime(payout.createdAt)} by {payout.createdBy}
        </Field>
        <Field term="Report prepared">{formatDateTime(new Date().toISOString())}</Field>
      </dl>

      <ReportValues id={payout.id} paymentDecimals={payout.decimals} />

      <h2>Recipients</h2>
      <div className="table-wrap">
        <table className="table report__table" data-testid="report-recipients">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Recipient</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Status</th>
              <th scope="col">Transaction</th>
              <th scope="col">Block</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ item, transaction }) => (
              <tr key={item.row} data-testid="report-row">
                <td className="cell--rownum">{item.row}</td>
                <td>
                  {item.name === '' ? null : <div>{item.name}</div>}
                  <div className="mono nowrap" data-testid="report-address">
                    {item.address}
                  </div>
                  {item.reference === '' ? null : <div className="muted">Ref. {item.reference}</div>}
                </td>
                <td className="num nowrap">
                  {item.amountBaseUnits === null ? item.amount : money(item.amountBaseUnits)}
                </td>
                <td>
                  {itemStatusLabel(item.status)}
                  {item.failure === null ? null : <div className="text-error">{item.failure}</div>}
                  {differs.has(item.row) ? (
                    <div className="text-error" data-testid="report-paid-differs" title={differs.get(item.row)}>
                      Not what was paid (listed above)
                    </div>
                  ) : null}
                </td>
                <td className="mono report__hash">{item.txHash ?? '—'}</td>
                <td className="mono">{transaction?.blockNumber ?? '—'}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {payout.items.length < payout.recipientCount
                  ? `First ${payout.items.length.toLocaleString('en-US')} rows (the CSV/XLSX export has all)`
                  : 'Total'}
              </th>
              <td className="num nowrap">{money(listedTotal)}</td>
              <td colSpan={3} />
            </tr>
          </tfoot>
        </table>
      </div>

      <h2>Transactions</h2>
      {transactions.length === 0 ? (
        <p className="muted">No transactions were sent.</p>
      ) : (
        <div className="table-wrap">
          <table className="table report__table" data-testid="report-transactions">
            <thead>
              <tr>
                <th scope="col">Hash</th>
                <th scope="col">From</th>
                <th scope="col">State</th>
                <th scope="col">Block</th>
                <th scope="col">Rows</th>
                <th scope="col" className="num">
                  Fee
                </th>
              </tr>
            </thead>
            <tbody>
              {transactions.map((t) => (
                <tr key={t.hash} data-testid="report-transaction">
                  <td className="mono report__hash">{t.hash}</td>
                  <td className="mono report__hash">{t.from}</td>
                  <td>
                    {actionLabel(t.state)}
                    {t.replaces === null ? null : <div className="muted">replaces {t.replaces.slice(0, 10)}…</div>}
                    {t.failure === null ? null : <div className="text-error">{t.failure}</div>}
                  </td>
                  <td className="mono">{t.blockNumber ?? '—'}</td>
                  <td>{t.rows}</td>
                  <td className="num nowrap">
                    {t.feePaidBaseUnits === null
                      ? '—'
                      : native === null
                        ? t.feePaidBaseUnits
                        : formatMoney(t.feePaidBaseUnits, native.decimals, native.symbol)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Submission and approvals</h2>
      <ReportApprovals review={review} required={approvalRequiredAtSubmission(payout)} />
      {safe === null ? null : (
        <>
          <h2>Safe owner signatures</h2>
          <ReportSafeSignatures view={safe} />
        </>
      )}

      <h2>History</h2>
      <table className="table report__table" data-testid="report-timeline">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {[...payout.timeline]
            .sort((a, b) => a.id - b.id)
            .map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{formatDateTime(e.at)}</td>
                <td>
                  <Actor entry={e} />
                </td>
                <td>
                  {actionLabel(e.action)}
                  {e.toStatus === null ? null : <span className="muted"> → {payoutStatusLabel(e.toStatus)}</span>}
                </td>
                <td>{e.detail}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </>
  )
}

function Field({ term, children }: { readonly term: string; readonly children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  )
}

/** Who submitted, under which policy, what they acknowledged, and the approvals or rejection with their signatures. */
function ReportApprovals({
  review,
  required
}: {
  readonly review: ApprovalReviewView | null
  /** From the history: whether the last submission waited for approval; null if not submitted now. */
  readonly required: boolean | null
}) {
  if (review === null || (required === null && review.approvals.length === 0 && review.rejection === null))
    return (
      <p className="muted" data-testid="report-no-approvals">
        Not submitted.
      </p>
    )
  const needed = required === true || review.approvals.length > 0
  return (
    <div data-testid="report-approvals">
      <SubmissionFacts
        creator={review.creator}
        payerAddress={review.payerAddress}
        policy={review.policy}
        acknowledgements={review.acknowledgements}
      />
      {!needed ? (
        <p data-testid="report-approval-not-required">Approval: not required.</p>
      ) : (
        <p data-testid="report-approval-count">
          {review.approvals.length} of {review.threshold} approvals, over digest{' '}
          <span className="mono report__hash">{review.digest}</span>
          {review.voidedApprovals > 0
            ? ` (${plural(review.voidedApprovals, 'earlier approval')} voided by an edit or a policy change)`
            : ''}
          .
        </p>
      )}
      {review.rejection === null ? null : (
        <p data-testid="report-rejection">
          Rejected by <strong>{review.rejection.name}</strong> · {formatDateTime(review.rejection.at)} ·{' '}
          <span className="mono">{review.rejection.signer}</span>: “{review.rejection.reason}”
        </p>
      )}
      {review.approvals.length === 0 ? null : (
        <>
          <p className="hint">
            Each signature is an EIP-191 personal signature of an approval statement naming this digest; anyone can
            check it recovers to the signer's address.
          </p>
          <ul className="report__approvals">
            {review.approvals.map((a) => (
              <li key={a.signature} data-testid="report-approval">
                <strong>{a.approverName}</strong> · {formatDateTime(a.approvedAt)} ·{' '}
                <span className="mono">{a.signer}</span>
                <div className="mono signature" data-testid="report-signature">
                  {a.signature}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
