// Runs in: renderer. The status filter above the payouts table: one toggle button per status.
import { payoutStatusLabel, type PayoutStatus } from '../../../../shared/statuses'
import type { StatusFilter as Filter } from '../../stores/payoutList'

// The order people scan in: work still to do first, finished last.
const ORDER = [
  'all',
  'draft',
  'pending',
  'in_progress',
  'completed',
  'cancelled',
  'failed'
] as const satisfies readonly Filter[]
// A status added to the contract but not placed above fails the build here.
type Unlisted = Exclude<PayoutStatus, (typeof ORDER)[number]>
const _everyStatusListed: [Unlisted] extends [never] ? true : never = true
void _everyStatusListed

interface Props {
  readonly value: Filter
  readonly onChange: (value: Filter) => void
}

export function StatusFilter({ value, onChange }: Props) {
  return (
    <div className="filters" role="group" aria-label="Filter payouts by status">
      {ORDER.map((status) => (
        <button
          key={status}
          type="button"
          className="filter"
          aria-pressed={value === status}
          data-testid={`status-filter-${status}`}
          onClick={() => onChange(status)}
        >
          {status === 'all' ? 'All' : payoutStatusLabel(status)}
        </button>
      ))}
    </div>
  )
}
