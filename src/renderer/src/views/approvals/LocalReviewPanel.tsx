// Runs in: renderer. A payout of this desk opened from Approvals: its facts and recipients beside
// its approval section, so an approver reviews and signs without leaving the page.
import type { PayoutDetail } from '../../../../shared/api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { Money } from '../../components/Money'
import { routeHref } from '../../lib/route'
import { RecipientsTable } from '../detail/RecipientsTable'
import { usePayout } from '../detail/usePayout'
import { ApprovalSection } from './ApprovalSection'

export function LocalReviewPanel({ id }: { readonly id: string }) {
  const { payout, error, reload } = usePayout(id)
  if (error !== null) return <ErrorAlert error={error} title="The payout could not be loaded" onRetry={reload} />
  if (payout === null)
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    )
  return (
    <section className="panel imported-review" aria-labelledby="local-review-title" data-testid="local-review">
      <h2 id="local-review-title">{payout.description === '' ? `Payout ${payout.id}` : payout.description}</h2>
      <Facts payout={payout} />
      <ApprovalSection payout={payout} onChanged={reload} />
      <h3 className="digest-block__title">Recipients</h3>
      <RecipientsTable payout={payout} />
    </section>
  )
}

function Facts({ payout }: { readonly payout: PayoutDetail }) {
  return (
    <dl className="fields">
      <div>
        <dt>Total</dt>
        <dd className="fields__total" data-testid="local-review-total">
          <Money baseUnits={payout.totalBaseUnits} decimals={payout.decimals} symbol={payout.assetSymbol} />
        </dd>
      </div>
      <div>
        <dt>Network</dt>
        <dd>{payout.networkName}</dd>
      </div>
      <div>
        <dt>Recipients</dt>
        <dd>{payout.recipientCount.toLocaleString('en-US')}</dd>
      </div>
      <div>
        <dt>Payout</dt>
        <dd>
          <a href={routeHref({ name: 'payout', id: payout.id })} data-testid="local-review-open">
            Open the payout page
          </a>
        </dd>
      </div>
    </dl>
  )
}
