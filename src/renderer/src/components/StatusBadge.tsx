// Runs in: renderer. Status words as coloured badges; the text is always there, colour only helps.
import { itemStatusLabel, payoutStatusLabel, type ItemStatus, type PayoutStatus } from '../../../shared/statuses'

export function StatusBadge({ status }: { readonly status: PayoutStatus }) {
  return (
    <span className={`badge badge--${status}`} data-testid="status-badge" data-status={status}>
      {payoutStatusLabel(status)}
    </span>
  )
}

export function ItemStatusBadge({ status }: { readonly status: ItemStatus }) {
  return (
    <span className={`badge badge--item-${status}`} data-testid="item-status-badge" data-status={status}>
      {itemStatusLabel(status)}
    </span>
  )
}
