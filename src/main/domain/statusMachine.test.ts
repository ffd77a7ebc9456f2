import { describe, expect, it } from 'vitest'
import { PAYOUT_STATUSES, type ItemStatus } from '../../shared/statuses'
import { canTransition, deriveExecutionStatus, nextStatus, type PayoutAction, TransitionError } from './statusMachine'

const quiet = { requireApproval: false, broadcastCount: 0 }
const approvals = { requireApproval: true, broadcastCount: 0 }

describe('payout status machine', () => {
  it('submits straight to in progress when approval is off, to pending when on', () => {
    expect(nextStatus('draft', 'submit', quiet)).toEqual({ to: 'in_progress', actor: 'operator' })
    expect(nextStatus('draft', 'submit', approvals)).toEqual({ to: 'pending', actor: 'operator' })
  })

  it('lets an approver approve or reject a pending payout', () => {
    expect(nextStatus('pending', 'approve', approvals)).toEqual({ to: 'in_progress', actor: 'approver' })
    expect(nextStatus('pending', 'reject', approvals)).toEqual({ to: 'cancelled', actor: 'approver' })
  })

  it('cancels drafts and pending payouts, and in-progress ones only while nothing was broadcast', () => {
    expect(nextStatus('draft', 'cancel', quiet).to).toBe('cancelled')
    expect(nextStatus('pending', 'cancel', quiet).to).toBe('cancelled')
    expect(nextStatus('in_progress', 'cancel', quiet).to).toBe('cancelled')
    expect(() => nextStatus('in_progress', 'cancel', { requireApproval: false, broadcastCount: 1 })).toThrow(
      /already been sent/
    )
  })

  it('never leaves a final status', () => {
    const actions: PayoutAction[] = ['submit', 'approve', 'reject', 'reopen', 'cancel', 'complete', 'fail', 'retry']
    for (const from of ['completed', 'cancelled'] as const) {
      for (const action of actions) expect(canTransition(from, action, quiet)).toBe(false)
    }
  })

  it('reports an illegal transition as a typed error', () => {
    try {
      nextStatus('completed', 'submit', quiet)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(TransitionError)
      expect((e as TransitionError).code).toBe('illegal_transition')
    }
  })

  it('has a defined answer for every status and action', () => {
    const actions: PayoutAction[] = ['submit', 'approve', 'reject', 'reopen', 'cancel', 'complete', 'fail', 'retry']
    let allowed = 0
    for (const from of PAYOUT_STATUSES) for (const a of actions) if (canTransition(from, a, approvals)) allowed++
    // draft: submit, cancel; pending: approve, reject, reopen, cancel; in_progress: cancel, complete, fail; failed: retry
    expect(allowed).toBe(10)
  })
})

describe('execution status derived from items', () => {
  const counts = (partial: Partial<Record<ItemStatus, number>>): Record<ItemStatus, number> => ({
    draft: 0,
    queued: 0,
    in_progress: 0,
    paid: 0,
    failed: 0,
    cancelled: 0,
    ...partial
  })
  it('stays in progress while any item is queued or sending', () => {
    expect(deriveExecutionStatus(counts({ paid: 9, in_progress: 1 }))).toBe('in_progress')
    expect(deriveExecutionStatus(counts({ queued: 1, failed: 3 }))).toBe('in_progress')
  })
  it('is failed when any item failed, completed when all are paid', () => {
    expect(deriveExecutionStatus(counts({ paid: 9, failed: 1 }))).toBe('failed')
    expect(deriveExecutionStatus(counts({ paid: 10 }))).toBe('completed')
    expect(deriveExecutionStatus(counts({ cancelled: 2 }))).toBe('cancelled')
  })
})
