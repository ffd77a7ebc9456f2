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

  it('cancels drafts, pending payouts, and the unpaid rest of one in progress once no transaction may still pay', () => {
    expect(nextStatus('draft', 'cancel', quiet).to).toBe('cancelled')
    expect(nextStatus('pending', 'cancel', quiet).to).toBe('cancelled')
    expect(nextStatus('in_progress', 'cancel', quiet).to).toBe('cancelled')
    expect(() => nextStatus('in_progress', 'cancel', { requireApproval: false, broadcastCount: 1 })).toThrow(
      /already been sent to the network and may still pay/
    )
  })

  it('never leaves a final status by any person, and leaves completed only when the chain undoes a confirmation', () => {
    const actions: PayoutAction[] = ['submit', 'approve', 'reject', 'reopen', 'cancel', 'complete', 'fail', 'retry']
    for (const from of ['completed', 'cancelled'] as const) {
      for (const action of actions) expect(canTransition(from, action, quiet)).toBe(false)
    }
    expect(nextStatus('completed', 'reorg', quiet)).toEqual({ to: 'in_progress', actor: 'system' })
    expect(nextStatus('failed', 'reorg', quiet)).toEqual({ to: 'in_progress', actor: 'system' })
    expect(canTransition('cancelled', 'reorg', quiet)).toBe(false)
    expect(canTransition('in_progress', 'reorg', quiet)).toBe(false)
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
    const actions: PayoutAction[] = [
      'submit',
      'approve',
      'reject',
      'reopen',
      'cancel',
      'complete',
      'fail',
      'retry',
      'reorg'
    ]
    let allowed = 0
    for (const from of PAYOUT_STATUSES) for (const a of actions) if (canTransition(from, a, approvals)) allowed++
    // draft: submit, cancel; pending: approve, reject, reopen, cancel; in_progress: cancel, complete, fail;
    // failed: retry, reorg; completed: reorg
    expect(allowed).toBe(12)
  })
})

describe('execution status derived from items', () => {
  const counts = (partial: Partial<Record<ItemStatus, number>>): Record<ItemStatus, number> => ({
    draft: 0,
    queued: 0,
    in_progress: 0,
    needs_check: 0,
    paid: 0,
    failed: 0,
    cancelled: 0,
    ...partial
  })
  it('stays in progress while any item is queued or sending', () => {
    expect(deriveExecutionStatus(counts({ paid: 9, in_progress: 1 }))).toBe('in_progress')
    expect(deriveExecutionStatus(counts({ queued: 1, failed: 3 }))).toBe('in_progress')
  })
  it('stays in progress, neither completed nor failed, while any row needs checking', () => {
    expect(deriveExecutionStatus(counts({ paid: 9, needs_check: 1 }))).toBe('in_progress')
    expect(deriveExecutionStatus(counts({ failed: 2, needs_check: 1 }))).toBe('in_progress')
  })
  it('is failed when any item failed, completed when all are paid', () => {
    expect(deriveExecutionStatus(counts({ paid: 9, failed: 1 }))).toBe('failed')
    expect(deriveExecutionStatus(counts({ paid: 10 }))).toBe('completed')
    expect(deriveExecutionStatus(counts({ cancelled: 2 }))).toBe('cancelled')
  })
})
