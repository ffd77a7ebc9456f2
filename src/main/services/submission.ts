// Runs in: main (plain Node). Submitting a draft: what must hold before a payout leaves Draft,
// checked in this one place, and the move to pending (approval required) or in progress, with its
// rows queued and the audit entry, in one SQLite transaction.
import type { TreasuryEvent } from '../../shared/api'
import { AppFailure } from '../../shared/errors'
import type { PayoutStatus } from '../../shared/statuses'
import { nextStatus } from '../domain/statusMachine'
import { notFound } from '../errors'
import { appendAudit } from '../store/auditLog'
import { inTransaction, type OpenedDatabase } from '../store/db'
import { getPayoutRow, setItemsStatus, setPayoutStatus, type StoredPayout } from '../store/payoutRepo'

export interface SubmissionDeps {
  readonly db: OpenedDatabase
  readonly now: () => Date
  readonly actor: () => string
  readonly emit: (event: TreasuryEvent) => void
  /** Recipient safety: look-alike rows nobody acknowledged block submission. */
  readonly assertAcknowledged: (payoutId: string) => void
  /** The approval policy's decision for this payout (and the accounts it records for the digest). */
  readonly decideApproval: (payoutId: string) => { readonly requireApproval: boolean }
}

function assertSubmittable(p: StoredPayout): void {
  if (p.status !== 'draft')
    throw new AppFailure(
      'not_submittable',
      `This payout is ${p.status.replace('_', ' ')}; only a draft can be submitted.`
    )
  if (p.errorCount > 0) {
    throw new AppFailure(
      'payout_has_errors',
      `${p.errorCount} row${p.errorCount === 1 ? ' has' : 's have'} errors. Correct ${p.errorCount === 1 ? 'it' : 'them'} before submitting.`
    )
  }
  if (p.recipientCount === 0)
    throw new AppFailure('payout_empty', 'This payout has no recipients. Add at least one before submitting.')
}

export function createSubmission(deps: SubmissionDeps) {
  const { db } = deps
  return {
    /** draft -> pending (approval required) or in_progress; the rows become queued. */
    submit(payoutId: string): { readonly id: string; readonly status: PayoutStatus } {
      const to = inTransaction(db.write, () => {
        const p = getPayoutRow(db.write, payoutId)
        if (p === undefined) throw notFound('Payout', payoutId)
        assertSubmittable(p)
        deps.assertAcknowledged(p.id)
        const { requireApproval } = deps.decideApproval(p.id)
        const t = nextStatus(p.status, 'submit', { requireApproval, broadcastCount: 0 })
        const at = deps.now().toISOString()
        setPayoutStatus(db.write, p.id, t.to, at)
        setItemsStatus(db.write, p.id, 'draft', 'queued')
        appendAudit(db.write, {
          actor: deps.actor(),
          action: 'submitted',
          payoutId: p.id,
          fromStatus: p.status,
          toStatus: t.to,
          at,
          detail: requireApproval ? 'Waiting for approval' : 'No approval required'
        })
        return t.to
      })
      deps.emit({ type: 'payout.changed', id: payoutId, status: to })
      return { id: payoutId, status: to }
    }
  }
}

export type Submission = ReturnType<typeof createSubmission>
