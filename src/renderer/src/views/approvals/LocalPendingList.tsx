// Runs in: renderer. Payouts submitted at this desk that wait for approval: an approver sitting
// here opens one and reviews it directly. From the payouts store, read again when a payout changes.
import { ErrorAlert } from '../../components/ErrorAlert'
import { Money } from '../../components/Money'
import { formatDateTime } from '../../lib/format'
import { usePendingPayouts } from '../../stores/payouts'

export function LocalPendingList({
  selected,
  onOpen
}: {
  readonly selected: string | null
  readonly onOpen: (id: string) => void
}) {
  const { value, error, reload } = usePendingPayouts()
  const payouts = value?.items ?? null
  const total = value?.total ?? 0

  return (
    <section aria-labelledby="local-pending-title" data-testid="local-pending">
      <h2 id="local-pending-title">Waiting for approval on this desk</h2>
      {error === null ? null : (
        <ErrorAlert error={error} title="Waiting payouts could not be loaded" onRetry={reload} />
      )}
      {payouts === null ? null : payouts.length === 0 ? (
        <p className="muted" data-testid="no-local-pending">
          No payout submitted here is waiting for approval.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="local-pending-table">
            <thead>
              <tr>
                <th scope="col">Payout</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col">Network</th>
                <th scope="col">Recipients</th>
                <th scope="col">Submitted</th>
              </tr>
            </thead>
            <tbody>
              {payouts.map((p) => (
                <tr
                  key={p.id}
                  className={p.id === selected ? 'row--selected' : undefined}
                  data-testid="local-pending-row"
                  data-payout-id={p.id}
                >
                  <td>
                    <button type="button" className="link-button" onClick={() => onOpen(p.id)} data-testid="open-local">
                      {p.description === '' ? p.id : p.description}
                    </button>
                  </td>
                  <td className="num">
                    <Money baseUnits={p.totalBaseUnits} decimals={p.decimals} symbol={p.assetSymbol} />
                  </td>
                  <td>{p.networkName}</td>
                  <td>{p.recipientCount.toLocaleString('en-US')}</td>
                  <td className="nowrap muted">{formatDateTime(p.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {total > payouts.length ? (
            <p className="muted">
              The first {payouts.length} of {total} are listed; the payouts list filters the rest by status.
            </p>
          ) : null}
        </div>
      )}
    </section>
  )
}
