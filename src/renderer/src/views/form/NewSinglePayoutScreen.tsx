// Runs in: renderer. "New payout -> Single payout": the form, saved as a draft with createPayout.
import { api } from '../../api'
import { navigate } from '../../hooks/useRoute'
import { EMPTY_VALUES, toCreateInput } from '../../lib/payoutForm'
import { routeHref } from '../../lib/route'
import { SinglePayoutForm } from './SinglePayoutForm'

export function NewSinglePayoutScreen() {
  return (
    <section className="screen screen--narrow" aria-labelledby="new-single-title">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <a href={routeHref({ name: 'payouts' })}>Payouts</a> <span aria-hidden="true">/</span>{' '}
        <span>New single payout</span>
      </nav>
      <header className="screen__header">
        <h1 id="new-single-title" tabIndex={-1}>
          New single payout
        </h1>
      </header>
      <p className="lead">
        Pay one recipient. The payout is saved as a draft: nothing is sent until it is submitted and signed.
      </p>
      <SinglePayoutForm
        initial={EMPTY_VALUES}
        submitLabel="Save draft"
        cancelHref={routeHref({ name: 'payouts' })}
        onSave={async (values) => {
          const result = await api.createPayout(toCreateInput(values))
          if (result.ok) navigate({ name: 'payout', id: result.value.id }, { replace: true })
          return result
        }}
      />
    </section>
  )
}
