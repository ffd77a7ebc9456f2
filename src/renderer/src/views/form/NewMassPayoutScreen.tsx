// Runs in: renderer. "New payout -> Mass payout": not built yet; says so and offers the way that works today.
import { routeHref } from '../../lib/route'

export function NewMassPayoutScreen() {
  return (
    <section className="screen screen--narrow" aria-labelledby="new-mass-title">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <a href={routeHref({ name: 'payouts' })}>Payouts</a> <span aria-hidden="true">/</span> <span>New mass payout</span>
      </nav>
      <header className="screen__header">
        <h1 id="new-mass-title" tabIndex={-1}>
          Mass payouts are coming soon
        </h1>
      </header>
      <div className="empty" data-testid="mass-coming-soon">
        <p>
          A mass payout will pay many recipients in one currency at once, from a spreadsheet you upload or paste (CSV or Excel), with
          every row checked before anything is sent.
        </p>
        <p>Until then, create a single payout for each recipient.</p>
        <a className="button button--primary" href={routeHref({ name: 'newSingle' })}>
          New single payout
        </a>
      </div>
    </section>
  )
}
