// Runs in: renderer. Editing a single payout: the form prefilled from main, saved with updatePayout.
// A payout waiting for approval is returned to Draft only after the person says yes.
import { api } from '../../api'
import { sendReopening } from '../../lib/approvals/reopen'
import { askReopen } from '../../stores/reopenPrompt'
import { ErrorAlert } from '../../components/ErrorAlert'
import { navigate } from '../../hooks/useRoute'
import { toUpdateInput, valuesFromDetail } from '../../lib/payoutForm'
import { routeHref } from '../../lib/route'
import { usePayout } from '../detail/usePayout'
import { SinglePayoutForm } from './SinglePayoutForm'

export function EditPayoutScreen({ id }: { readonly id: string }) {
  const { payout, error, reload } = usePayout(id)
  const back = routeHref({ name: 'payout', id })
  return (
    <section className="screen screen--narrow" aria-labelledby="edit-title">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <a href={routeHref({ name: 'payouts' })}>Payouts</a> <span aria-hidden="true">/</span> <a href={back}>Payout</a>{' '}
        <span aria-hidden="true">/</span> <span>Edit</span>
      </nav>
      <header className="screen__header">
        <h1 id="edit-title" tabIndex={-1}>
          Edit payout
        </h1>
      </header>
      {error === null ? null : <ErrorAlert error={error} title="The payout could not be loaded" onRetry={reload} />}
      {payout === null ? (
        error === null ? (
          <p className="loading" role="status">
            Loading…
          </p>
        ) : null
      ) : payout.kind !== 'single' ? (
        <p className="notice">Mass payouts are edited in their recipients table, which is coming soon.</p>
      ) : !payout.allowed.edit ? (
        <p className="notice" data-testid="not-editable">
          This payout can no longer be edited. <a href={back}>Back to the payout</a>
        </p>
      ) : (
        <>
          {payout.status === 'pending' ? (
            <p className="notice callout--warning" data-testid="edit-pending-notice">
              This payout is waiting for approval. Saving a change returns it to Draft and voids its approvals; you are
              asked first.
            </p>
          ) : null}
          <SinglePayoutForm
            // A new key when the payout changes elsewhere would drop what is being typed: keep the id.
            key={payout.id}
            initial={valuesFromDetail(payout)}
            submitLabel="Save changes"
            cancelHref={back}
            onSave={async (values) => {
              const input = toUpdateInput(id, values)
              const result = await sendReopening((reopen) => api.updatePayout(reopen ? { ...input, reopen } : input), {
                confirm: askReopen,
                pending: payout.status === 'pending' ? () => approvalsOf(id) : null
              })
              if (result.ok) navigate({ name: 'payout', id }, { replace: true })
              return result
            }}
          />
        </>
      )}
    </section>
  )
}

/** Approvals the payout has now, to say how many an edit voids; null when they cannot be read. */
async function approvalsOf(id: string): Promise<number | null> {
  const review = await api.getApprovalReview({ id })
  return review.ok ? review.value.approvals.length : null
}
