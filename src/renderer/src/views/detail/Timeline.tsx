// Runs in: renderer. The payout's history from the audit log: who did what, when, and the status it
// moved between. Signed acts are named from the team roster with the Ledger address that signed;
// unsigned acts carry the desk's label. Figures are in the asset's units, with the exact base units
// behind "Exact figures". Oldest first, the way the story happened.
import type { AuditEntry } from '../../../../shared/api'
import { payoutStatusLabel } from '../../../../shared/statuses'
import { assertNever } from '../../../../shared/result'
import { Address } from '../../components/Address'
import { formatDateTime } from '../../lib/format'
import { actorOf, historyActionLabel } from '../../lib/timeline'

export function Timeline({ entries }: { readonly entries: readonly AuditEntry[] }) {
  if (entries.length === 0) return <p className="muted">No history recorded.</p>
  const ordered = [...entries].sort((a, b) => a.id - b.id) // the log is append-only: ids follow time
  return (
    <ol className="timeline" data-testid="timeline">
      {ordered.map((e) => (
        <li key={e.id} className="timeline__entry" data-testid="timeline-entry" data-action={e.action}>
          <div className="timeline__head">
            <span className="timeline__action">{historyActionLabel(e.action)}</span>
            {e.toStatus === null ? null : (
              <span className="timeline__status">
                {e.fromStatus === null
                  ? `as ${payoutStatusLabel(e.toStatus)}`
                  : `${payoutStatusLabel(e.fromStatus)} → ${payoutStatusLabel(e.toStatus)}`}
              </span>
            )}
          </div>
          <div className="timeline__meta">
            <time dateTime={e.at}>{formatDateTime(e.at)}</time> · <Actor entry={e} />
          </div>
          {e.detail === '' ? null : (
            <p className="timeline__detail" data-testid="timeline-detail">
              {e.detail}
            </p>
          )}
          {e.exact === '' ? null : (
            <details className="timeline__exact">
              <summary>Exact figures</summary>
              <pre className="mono" data-testid="timeline-exact">
                {e.exact}
              </pre>
            </details>
          )}
        </li>
      ))}
    </ol>
  )
}

export function Actor({ entry }: { readonly entry: Pick<AuditEntry, 'actor' | 'actorAddress'> }) {
  const actor = actorOf(entry)
  switch (actor.kind) {
    case 'signed':
      return (
        <span data-testid="timeline-actor" data-signed="true">
          {actor.name === null ? (
            <>
              <span className="muted">Signed with</span>{' '}
              <Address value={actor.address} testId="timeline-actor-address" />{' '}
              <span className="muted">(not on the team roster)</span>
            </>
          ) : (
            <>
              {actor.name} <span className="muted">signed with</span>{' '}
              <Address value={actor.address} testId="timeline-actor-address" />
            </>
          )}
        </span>
      )
    case 'desk':
      return (
        <span data-testid="timeline-actor" data-signed="false">
          {actor.label} <span className="muted">(desk, unsigned)</span>
        </span>
      )
    case 'system':
      return (
        <span data-testid="timeline-actor" data-signed="false">
          Treasury
        </span>
      )
    default:
      return assertNever(actor, 'actor')
  }
}
