// Runs in: renderer. The payout's history from the audit log: who did what, when, and the status
// it moved between. Oldest first, the way the story happened.
import type { AuditEntry } from '../../../../shared/api'
import { payoutStatusLabel } from '../../../../shared/statuses'
import { actionLabel, formatDateTime } from '../../lib/format'

export function Timeline({ entries }: { readonly entries: readonly AuditEntry[] }) {
  if (entries.length === 0) return <p className="muted">No history recorded.</p>
  const ordered = [...entries].sort((a, b) => a.id - b.id) // the log is append-only: ids follow time
  return (
    <ol className="timeline" data-testid="timeline">
      {ordered.map((e) => (
        <li key={e.id} className="timeline__entry" data-testid="timeline-entry" data-action={e.action}>
          <div className="timeline__head">
            <span className="timeline__action">{actionLabel(e.action)}</span>
            {e.toStatus === null ? null : (
              <span className="timeline__status">
                {e.fromStatus === null
                  ? `as ${payoutStatusLabel(e.toStatus)}`
                  : `${payoutStatusLabel(e.fromStatus)} → ${payoutStatusLabel(e.toStatus)}`}
              </span>
            )}
          </div>
          <div className="timeline__meta">
            <time dateTime={e.at}>{formatDateTime(e.at)}</time> · {e.actor}
          </div>
          {e.detail === '' ? null : <p className="timeline__detail">{e.detail}</p>}
        </li>
      ))}
    </ol>
  )
}
