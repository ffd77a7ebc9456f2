// Runs in: renderer. What the payouts screen says when there is nothing to show: to a newcomer,
// how to start; to someone filtering, that the filter is why.
import { routeHref } from '../../lib/route'

interface Props {
  readonly filtered: boolean
  readonly onClearFilters: () => void
}

export function EmptyState({ filtered, onClearFilters }: Props) {
  if (filtered) {
    return (
      <div className="empty" data-testid="empty-filtered">
        <h2 className="empty__title">No payouts match</h2>
        <p>Nothing has this status or contains this text. Try another status, or clear the search.</p>
        <button type="button" className="button" onClick={onClearFilters}>
          Show all payouts
        </button>
      </div>
    )
  }
  return (
    <div className="empty" data-testid="empty-state">
      <h2 className="empty__title">No payouts yet</h2>
      <p>A payout sends a stablecoin or a network's coin to someone's wallet. Here is how it goes:</p>
      <ol className="empty__steps">
        <li>
          Create a <strong>draft</strong>: choose the network and currency, paste the recipient's address and enter the
          amount. Nothing is sent yet, and you can edit or cancel the draft at any time.
        </li>
        <li>Check the draft: every problem with the address or amount is explained next to it.</li>
        <li>When it is right, submit it for approval and sign it on your Ledger.</li>
      </ol>
      <a className="button button--primary" href={routeHref({ name: 'newSingle' })} data-testid="empty-new-single">
        Create your first payout
      </a>
    </div>
  )
}
