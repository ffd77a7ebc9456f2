// Runs in: main (plain Node). What a new policy version does to payouts already submitted: those
// waiting for approval under an earlier version go back to Draft, because approvals counted under
// the policy they replaced (an approver since removed, a lower threshold) must not count.
import { nextStatus } from '../domain/statusMachine'
import { pendingUnderOtherPolicy } from '../store/approvalRepo'
import { appendAudit } from '../store/auditLog'
import type { WriteDb } from '../store/db'
import { getPayoutRow, setItemsStatus, setPayoutStatus } from '../store/payoutRepo'

/** Inside the adoption's transaction. Returns the payouts moved back to Draft. */
export function voidApprovalsUnderOtherPolicy(db: WriteDb, inForceHash: string, at: string): string[] {
  const moved = pendingUnderOtherPolicy(db, inForceHash)
  for (const id of moved) {
    const p = getPayoutRow(db, id)
    if (p === undefined) continue
    const t = nextStatus(p.status, 'reopen', { broadcastCount: 0 })
    setPayoutStatus(db, id, t.to, at)
    setItemsStatus(db, id, 'queued', 'draft')
    appendAudit(db, {
      actor: 'system',
      action: 'reopened',
      payoutId: id,
      fromStatus: p.status,
      toStatus: t.to,
      at,
      detail: 'The approval policy changed: approvals under the earlier policy no longer count. Submit again.'
    })
  }
  return moved
}
