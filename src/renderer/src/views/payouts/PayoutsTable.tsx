// Runs in: renderer. The payouts table. Each row opens its payout: the description is a real link
// (keyboard and screen readers), and a click anywhere on the row does the same for the mouse.
import { useEffect } from 'react'
import type { PayoutSummary } from '../../../../shared/api'
import { payoutKindLabel } from '../../../../shared/statuses'
import { Money } from '../../components/Money'
import { SourceBadge } from '../../components/SourceBadge'
import { StatusBadge } from '../../components/StatusBadge'
import { formatDateTime, plural } from '../../lib/format'
import { routeHref } from '../../lib/route'
import { prefetchEditor, prefetchEditorWhenIdle } from '../mass/editorChunk'

/** Mass drafts open straight in their grid editor; everything else on its detail page. */
function opensEditor(p: PayoutSummary): boolean {
  return p.kind === 'mass' && p.status === 'draft'
}

function payoutHref(p: PayoutSummary): string {
  return routeHref(opensEditor(p) ? { name: 'editPayout', id: p.id } : { name: 'payout', id: p.id })
}

export function PayoutsTable({
  payouts,
  busy
}: {
  readonly payouts: readonly PayoutSummary[]
  readonly busy: boolean
}) {
  const listsADraftGrid = payouts.some(opensEditor)
  useEffect(() => (listsADraftGrid ? prefetchEditorWhenIdle() : undefined), [listsADraftGrid])
  return (
    <div className="table-wrap">
      <table className="table table--payouts" aria-busy={busy} data-testid="payouts-table">
        <thead>
          <tr>
            <th scope="col">Created</th>
            <th scope="col">Description</th>
            <th scope="col">Kind</th>
            <th scope="col">Source</th>
            <th scope="col">Network / currency</th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col" className="num">
              Recipients
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {payouts.map((p) => (
            <tr
              key={p.id}
              className="row-link"
              data-testid="payout-row"
              data-payout-id={p.id}
              // About to open the grid editor: its code starts loading before the click.
              onPointerEnter={opensEditor(p) ? prefetchEditor : undefined}
              onFocus={opensEditor(p) ? prefetchEditor : undefined}
              onClick={(e) => {
                if ((e.target as HTMLElement).closest('a') === null) window.location.hash = payoutHref(p)
              }}
            >
              <td className="nowrap muted">{formatDateTime(p.createdAt)}</td>
              <td className="description-cell">
                <a href={payoutHref(p)} data-testid="payout-link">
                  {p.description === '' ? <span className="muted">No description</span> : p.description}
                </a>
                {p.errorCount > 0 ? (
                  <span className="count count--error" title="Rows with errors">
                    {plural(p.errorCount, 'error')}
                  </span>
                ) : null}
              </td>
              <td>{payoutKindLabel(p.kind)}</td>
              <td>
                <SourceBadge source={p.source} />
              </td>
              <td>
                <span className="network">{p.networkName}</span>
                <span className="asset">{p.assetSymbol}</span>
              </td>
              <td className="num" data-testid="payout-total">
                <Money baseUnits={p.totalBaseUnits} decimals={p.decimals} symbol={p.assetSymbol} />
              </td>
              <td className="num">{p.recipientCount.toLocaleString('en-US')}</td>
              <td>
                <StatusBadge status={p.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
