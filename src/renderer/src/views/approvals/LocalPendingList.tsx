// Runs in: renderer. Payouts submitted at this desk that wait for approval: an approver sitting
// here opens one and reviews it directly. Refreshed when a payout changes.
import { useCallback, useEffect, useState } from 'react'
import type { PayoutSummary } from '../../../../shared/api'
import { api, type AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { Money } from '../../components/Money'
import { useTreasuryEvent } from '../../hooks/useTreasuryEvent'
import { formatDateTime } from '../../lib/format'

/** Waiting payouts listed at once; more than this is a backlog the payouts list filters better. */
const LISTED = 200

export function LocalPendingList({
  selected,
  onOpen
}: {
  readonly selected: string | null
  readonly onOpen: (id: string) => void
}) {
  const [payouts, setPayouts] = useState<readonly PayoutSummary[] | null>(null)
  const [total, setTotal] = useState(0)
  const [error, setError] = useState<AppError | null>(null)
  const load = useCallback(async () => {
    const result = await api.listPayouts({ status: 'pending', offset: 0, limit: LISTED })
    if (!result.ok) return setError(result.error)
    setError(null)
    setPayouts(result.value.items)
    setTotal(result.value.total)
  }, [])
  useEffect(() => {
    void load()
  }, [load])
  useTreasuryEvent((event) => {
    if (event.type === 'payout.changed') void load()
  })

  return (
    <section aria-labelledby="local-pending-title" data-testid="local-pending">
      <h2 id="local-pending-title">Waiting for approval on this desk</h2>
      {error === null ? null : (
        <ErrorAlert error={error} title="Waiting payouts could not be loaded" onRetry={() => void load()} />
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
