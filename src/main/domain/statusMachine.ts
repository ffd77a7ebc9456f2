// Runs in: main (pure, no I/O).
// Every payout status transition, in one place: which action moves which status where, and who
// may take it. The store records the actor of each applied transition in the audit log.
import type { ItemStatus, PayoutStatus } from '../../shared/statuses'
import { assertNever } from '../../shared/result'
import { AppFailure } from '../../shared/errors'

export type PayoutAction =
  | 'submit' // draft -> pending (approval required) or in_progress
  | 'approve' // pending -> in_progress once enough approvals exist
  | 'reject' // pending -> cancelled, by an approver
  | 'reopen' // pending -> draft: an edit after submission voids the approvals
  | 'cancel' // draft | pending | in_progress (no transaction open) -> cancelled: the unpaid rest is not paid
  | 'complete' // in_progress -> completed
  | 'fail' // in_progress -> failed
  | 'retry' // failed -> in_progress, for the failed rows only
  | 'reorg' // completed | failed -> in_progress: a confirmed transaction's block left the chain

export type Actor = 'operator' | 'approver' | 'system'

export interface TransitionContext {
  /** Whether the payout waits for approval; only `submit` reads it, and it must be given there. */
  readonly requireApproval?: boolean
  /**
   * How many of the payout's transactions were handed to the network and may still pay (signed,
   * broadcast, mined or unverified); settled ones do not count. While one may pay, the rows it
   * covers cannot be called unpaid, so the payout cannot be cancelled.
   */
  readonly broadcastCount: number
}

export class TransitionError extends AppFailure<'illegal_transition'> {
  constructor(
    readonly from: PayoutStatus,
    readonly action: PayoutAction,
    message: string
  ) {
    super('illegal_transition', message, { from, action })
    this.name = 'TransitionError'
  }
}

export interface Transition {
  readonly to: PayoutStatus
  readonly actor: Actor
}

const ACTION_ACTOR: Readonly<Record<PayoutAction, Actor>> = {
  submit: 'operator',
  approve: 'approver',
  reject: 'approver',
  reopen: 'operator',
  cancel: 'operator',
  complete: 'system',
  fail: 'system',
  retry: 'operator',
  reorg: 'system'
}

/** The status `action` moves a payout in `from` to, or a TransitionError that says why it cannot. */
export function nextStatus(from: PayoutStatus, action: PayoutAction, ctx: TransitionContext): Transition {
  const to = target(from, action, ctx)
  if (to === null) throw new TransitionError(from, action, refusal(from, action, ctx))
  return { to, actor: ACTION_ACTOR[action] }
}

export function canTransition(from: PayoutStatus, action: PayoutAction, ctx: TransitionContext): boolean {
  return target(from, action, ctx) !== null
}

function target(from: PayoutStatus, action: PayoutAction, ctx: TransitionContext): PayoutStatus | null {
  switch (action) {
    case 'submit':
      if (ctx.requireApproval === undefined) throw new Error('submit needs to know whether approval is required')
      return from === 'draft' ? (ctx.requireApproval ? 'pending' : 'in_progress') : null
    case 'approve':
      return from === 'pending' ? 'in_progress' : null
    case 'reject':
      return from === 'pending' ? 'cancelled' : null
    case 'reopen':
      return from === 'pending' ? 'draft' : null
    case 'cancel':
      if (from === 'draft' || from === 'pending') return 'cancelled'
      return from === 'in_progress' && ctx.broadcastCount === 0 ? 'cancelled' : null
    case 'complete':
      return from === 'in_progress' ? 'completed' : null
    case 'fail':
      return from === 'in_progress' ? 'failed' : null
    case 'retry':
      return from === 'failed' ? 'in_progress' : null
    case 'reorg':
      return from === 'completed' || from === 'failed' ? 'in_progress' : null
    default:
      return assertNever(action, 'payout action')
  }
}

function refusal(from: PayoutStatus, action: PayoutAction, ctx: TransitionContext): string {
  if (action === 'cancel' && from === 'in_progress' && ctx.broadcastCount > 0) {
    return 'This payout cannot be cancelled yet: transactions have already been sent to the network and may still pay. Wait until they settle (or speed up or cancel each one that is not mined); rows that need checking must be resolved first. Then the unpaid rest can be cancelled.'
  }
  if (from === 'completed' || from === 'cancelled') return `This payout is ${from}; nothing more can be done with it.`
  return `A payout that is ${from.replace('_', ' ')} cannot be ${PAST[action]}.`
}

const PAST: Readonly<Record<PayoutAction, string>> = {
  submit: 'submitted',
  approve: 'approved',
  reject: 'rejected',
  reopen: 'reopened for editing',
  cancel: 'cancelled',
  complete: 'completed',
  fail: 'marked failed',
  retry: 'retried',
  reorg: 'reopened after a reorganisation'
}

/** Only drafts can be edited; editing a pending payout first reopens it (voiding approvals). */
export function isEditable(status: PayoutStatus): boolean {
  return status === 'draft' || status === 'pending'
}

/**
 * The payout's status derived from its items once it is executing. The rule: anything still
 * queued, sending or needing checking keeps it in progress; otherwise all paid is completed, any
 * failed is failed (partial failures show how many were paid), and all cancelled is cancelled.
 * A row that needs checking may or may not have been paid, so the payout is neither completed nor
 * failed: it stays in progress, and its detail lists those rows with the transaction to look up.
 */
export function deriveExecutionStatus(counts: Readonly<Record<ItemStatus, number>>): PayoutStatus {
  if (counts.queued > 0 || counts.in_progress > 0 || counts.draft > 0 || counts.needs_check > 0) return 'in_progress'
  if (counts.failed > 0) return 'failed'
  if (counts.paid > 0) return 'completed'
  return 'cancelled'
}
