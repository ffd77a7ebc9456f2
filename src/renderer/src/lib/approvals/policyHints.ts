// Runs in: renderer. Warnings about a policy version a finance person would not work out alone:
// too few approvers for the approvals it asks, shown only while approval is on (with approval off
// nobody waits for an approver, so the count does not matter).
import type { PolicyShape } from './policyDiff'

/** Approvals an unsigned submission needs at least: two people always see it. */
export const UNSIGNED_MIN_APPROVALS = 2

export function approverHints(policy: PolicyShape): string[] {
  if (!policy.requireApproval) return []
  const approvers = policy.members.filter((m) => m.approver).length
  const hints: string[] = []
  if (approvers < policy.threshold) hints.push('Add approvers: fewer are listed than must approve.')
  else if (approvers === policy.threshold)
    hints.push(
      `Add approvers if approvers submit payouts too: nobody approves their own payout, so one submitted by an approver cannot get ${policy.threshold} approval${policy.threshold === 1 ? '' : 's'} from the ${approvers} listed.`
    )
  if (policy.unsignedSubmissions && approvers < UNSIGNED_MIN_APPROVALS)
    hints.push(`Add approvers: an unsigned submission needs ${UNSIGNED_MIN_APPROVALS} approvals.`)
  return hints
}
