// Runs in: renderer. One payout: its fields and status, recipients, the history from the audit
// log, and the actions main allows right now (Edit while a draft, Cancel while nothing was sent);
// once rows are paid, whether each still says what the transaction that paid it sent.
import { useState } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import { payoutKindLabel } from '../../../../shared/statuses'
import { ErrorAlert } from '../../components/ErrorAlert'
import { PaidRowsNotice } from '../../components/PaidRowMismatches'
import { Money } from '../../components/Money'
import { SourceBadge } from '../../components/SourceBadge'
import { StatusBadge } from '../../components/StatusBadge'
import { formatDateTime, plural } from '../../lib/format'
import { reopenedBecause } from '../../lib/timeline'
import { routeHref } from '../../lib/route'
import { CancelPayoutDialog } from './CancelPayoutDialog'
import { RecipientsTable } from './RecipientsTable'
import { Timeline } from './Timeline'
import { usePayout } from './usePayout'
import { usePaidRowsCheck, type PaidRowsState } from './usePaidRowsCheck'
import { PaySection } from '../pay/PaySection'
import { ApprovalSection } from '../approvals/ApprovalSection'
import { RecipientSafety } from '../approvals/RecipientSafety'
import { BooksSection } from '../books/BooksSection'
import { RepeatButton } from '../books/RepeatButton'

export function PayoutDetailScreen({ id }: { readonly id: string }) {
  const { payout, error, reload, replace } = usePayout(id)
  const paidRows = usePaidRowsCheck(payout)
  const paidCheck = paidRows.kind === 'checked' ? paidRows.check : null
  const [cancelling, setCancelling] = useState(false)
  const title =
    payout === null
      ? 'Payout'
      : payout.description === ''
        ? `${payoutKindLabel(payout.kind)} payout`
        : payout.description

  return (
    <section className="screen" aria-labelledby="detail-title">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <a href={routeHref({ name: 'payouts' })}>Payouts</a> <span aria-hidden="true">/</span> <span>Payout</span>
      </nav>
      <header className="screen__header">
        <div className="title-with-badge">
          <h1 id="detail-title" tabIndex={-1} data-testid="detail-title">
            {title}
          </h1>
          {payout === null ? null : <StatusBadge status={payout.status} />}
        </div>
        {payout === null ? null : (
          <div className="actions">
            <a className="button" href={routeHref({ name: 'payoutReport', id })} data-testid="open-report">
              Report
            </a>
            <RepeatButton id={id} />
            {payout.allowed.edit ? (
              <a
                className={payout.kind === 'mass' ? 'button button--primary' : 'button'}
                href={routeHref({ name: 'editPayout', id })}
                data-testid="edit-payout"
              >
                {payout.kind === 'mass' ? 'Open in grid editor' : 'Edit'}
              </a>
            ) : null}
            {payout.allowed.cancel ? (
              <button
                type="button"
                className="button button--danger-outline"
                onClick={() => setCancelling(true)}
                data-testid="cancel-payout"
              >
                Cancel payout
              </button>
            ) : null}
          </div>
        )}
      </header>

      {error === null ? null : <ErrorAlert error={error} title="The payout could not be loaded" onRetry={reload} />}
      {payout === null ? (
        error === null ? (
          <p className="loading" role="status">
            Loading…
          </p>
        ) : null
      ) : (
        <>
          <PaidRowsNotice check={paidCheck} />
          <ReopenedNotice payout={payout} />
          <PayoutFields payout={payout} paidRows={paidRows} />
          <BooksSection payout={payout} />
          <RecipientSafety payout={payout} />
          <ApprovalSection payout={payout} onChanged={reload} />
          <PaySection payout={payout} onChanged={replace} />
          <div className="panels">
            <section className="panel" aria-labelledby="recipients-title">
              <h2 id="recipients-title">{payout.kind === 'single' ? 'Recipient' : 'Recipients'}</h2>
              <RecipientsTable payout={payout} paidRows={paidCheck} />
            </section>
            <section className="panel panel--history" aria-labelledby="history-title">
              <h2 id="history-title">History</h2>
              <Timeline entries={payout.timeline} />
            </section>
          </div>
          <CancelPayoutDialog
            payout={payout}
            open={cancelling}
            onClose={() => setCancelling(false)}
            onCancelled={(next) => {
              setCancelling(false)
              replace(next)
            }}
          />
        </>
      )}
    </section>
  )
}

/** A payout back in Draft after it was submitted says so, and why, above everything else. */
function ReopenedNotice({ payout }: { readonly payout: PayoutDetail }) {
  const entry = reopenedBecause(payout)
  if (entry === null) return null
  return (
    <div className="notice callout--warning reopened-notice" role="note" data-testid="reopened-notice">
      <p className="notice__title">Back in Draft since {formatDateTime(entry.at)}</p>
      <p data-testid="reopened-reason">{entry.detail}</p>
      <p>It must be submitted and approved again before it can be paid.</p>
    </div>
  )
}

function PayoutFields({ payout, paidRows }: { readonly payout: PayoutDetail; readonly paidRows: PaidRowsState }) {
  const problems = [
    payout.errorCount > 0 ? plural(payout.errorCount, 'error') : null,
    payout.warningCount > 0 ? plural(payout.warningCount, 'warning') : null
  ].filter((x): x is string => x !== null)
  return (
    <dl className="fields" data-testid="payout-fields">
      <div>
        <dt>Total</dt>
        <dd className="fields__total" data-testid="detail-total">
          <Money baseUnits={payout.totalBaseUnits} decimals={payout.decimals} symbol={payout.assetSymbol} />
        </dd>
      </div>
      <div>
        <dt>Network</dt>
        <dd data-testid="detail-network">{payout.networkName}</dd>
      </div>
      <div>
        <dt>Currency</dt>
        <dd data-testid="detail-currency">{payout.assetSymbol}</dd>
      </div>
      <div>
        <dt>Kind</dt>
        <dd>{payoutKindLabel(payout.kind)}</dd>
      </div>
      <div>
        <dt>Recipients</dt>
        <dd>{payout.recipientCount.toLocaleString('en-US')}</dd>
      </div>
      <div>
        <dt>Checks</dt>
        <dd className={payout.errorCount > 0 ? 'text-error' : payout.warningCount > 0 ? 'text-warning' : 'text-ok'}>
          {problems.length === 0 ? (payout.kind === 'single' ? 'Valid' : 'All rows valid') : problems.join(', ')}
        </dd>
      </div>
      {paidRows.kind === 'none' ? null : (
        <div>
          <dt>Paid rows</dt>
          <PaidRowsField state={paidRows} />
        </div>
      )}
      <div>
        <dt>Created</dt>
        <dd>
          {formatDateTime(payout.createdAt)} by {payout.createdBy}
        </dd>
      </div>
      <div>
        <dt>Source</dt>
        <dd data-testid="detail-source">
          <SourceBadge source={payout.source} />
          {payout.source.externalId === null ? null : (
            <span className="mono muted" data-testid="detail-external-id">
              {' '}
              {payout.source.externalId}
            </span>
          )}
        </dd>
      </div>
      <div>
        <dt>Last change</dt>
        <dd>{formatDateTime(payout.updatedAt)}</dd>
      </div>
      <div>
        <dt>Payout ID</dt>
        <dd className="mono" data-testid="detail-id">
          {payout.id}
        </dd>
      </div>
    </dl>
  )
}

/** The payout's paid rows against the transactions that paid them: being read, all matching, some not, or not read. */
function PaidRowsField({ state }: { readonly state: Exclude<PaidRowsState, { kind: 'none' }> }) {
  const count = (n: number): string => n.toLocaleString('en-US')
  const title = 'Each row marked paid, read against the signed transaction that paid it'
  switch (state.kind) {
    case 'checking':
      return (
        <dd className="muted fields__paid" title={title} data-testid="detail-paid-rows" data-state="checking">
          Checking {count(state.paid)} against what was paid…
        </dd>
      )
    case 'checked': {
      const { checked, differing } = state.check
      return (
        <dd
          className={`fields__paid ${differing > 0 ? 'text-error' : 'text-ok'}`}
          title={title}
          data-testid="detail-paid-rows"
          data-state="checked"
        >
          {differing > 0
            ? `${count(differing)} of ${count(checked)} differ from what was paid`
            : checked === 1
              ? 'Matches what was paid'
              : `All ${count(checked)} match what was paid`}
        </dd>
      )
    }
    case 'failed':
      return (
        <dd className="text-warning fields__paid" title={title} data-testid="detail-paid-rows" data-state="failed">
          Not checked: {state.error.message}
        </dd>
      )
    default: {
      const unknown: never = state
      return unknown
    }
  }
}
