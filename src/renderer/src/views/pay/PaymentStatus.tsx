// Runs in: renderer. Where the money of a submitted payout stands: exact counts of rows paid,
// failed, on their way and still to send (main's per-status counts, not just the loaded page), the
// transactions with their states, fees and speed-up / cancel, and why each failed row failed.
import type { PayoutDetail } from '../../../../shared/api'
import { rowsLabel, tallyCounts } from '../../lib/pay/paymentStatus'
import { TransactionsPanel } from './TransactionsPanel'

interface Props {
  readonly payout: PayoutDetail
  readonly explorerUrl: string | null
  readonly nativeSymbol: string
}

/** Failed rows listed with their reasons; more are in the Recipients list and the export. */
const MAX_FAILED_LISTED = 50

export function PaymentStatus({ payout, explorerUrl, nativeSymbol }: Props) {
  const tally = tallyCounts(payout.itemCounts)
  const failedRows = payout.items.filter((i) => i.status === 'failed')
  const listed = failedRows.slice(0, MAX_FAILED_LISTED)
  return (
    <div className="pay-status" data-testid="payment-status">
      <p className="pay-status__tally" data-testid="payment-tally">
        <strong data-testid="tally-paid">{tally.paid.toLocaleString('en-US')}</strong> of{' '}
        {tally.total.toLocaleString('en-US')} paid
        {tally.sending > 0 ? (
          <span data-testid="tally-sending"> · {tally.sending.toLocaleString('en-US')} on their way</span>
        ) : null}
        {tally.failed > 0 ? (
          <>
            {' '}
            ·{' '}
            <span className="text-error" data-testid="tally-failed">
              {tally.failed.toLocaleString('en-US')} failed
            </span>
          </>
        ) : null}
        {tally.needsCheck > 0 ? (
          <>
            {' '}
            ·{' '}
            <span className="text-warning" data-testid="tally-needs-check">
              {tally.needsCheck.toLocaleString('en-US')} need{tally.needsCheck === 1 ? 's' : ''} checking
            </span>
          </>
        ) : null}
        {tally.toSend > 0 ? (
          <span data-testid="tally-to-send"> · {tally.toSend.toLocaleString('en-US')} still to send</span>
        ) : null}
        {tally.cancelled > 0 ? <> · {tally.cancelled.toLocaleString('en-US')} cancelled</> : null}
      </p>
      <TransactionsPanel payout={payout} explorerUrl={explorerUrl} nativeSymbol={nativeSymbol} />
      {tally.failed === 0 ? null : (
        <div className="alert alert--error" role="alert" data-testid="failed-rows">
          <p className="alert__title">
            {tally.failed.toLocaleString('en-US')} row{tally.failed === 1 ? ' was' : 's were'} not paid
          </p>
          {listed.length === 0 ? null : (
            <ul className="pay-failures">
              {listed.map((item) => (
                <li key={item.row} data-testid="failed-row" data-row={item.row}>
                  <span className="pay-failures__row">Row {item.row}</span> <span className="mono">{item.address}</span>
                  {item.name === '' ? null : <> ({item.name})</>}:{' '}
                  <span data-testid="failed-reason">
                    {item.failure ?? 'No reason was recorded; see the transaction above and the History.'}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {tally.failed > listed.length ? (
            <p className="alert__message">
              {listed.length === 0
                ? 'The failed rows are not among the rows loaded here'
                : `${rowsLabel(listed.map((r) => r.row))} listed`}
              ; every failed row and its reason is in the Recipients list and the export.
            </p>
          ) : null}
        </div>
      )}
    </div>
  )
}
