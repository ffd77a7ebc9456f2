// Runs in: main (pure, no I/O). Whether a payout must wait for approval under a policy version, how
// many approvals it then needs, and whose signature can count. "Only above amount X" is set per
// asset in that asset's base units (amounts of different assets cannot be compared without a
// price, and the app never guesses prices). A submitter never approves their own payout; an
// unsigned submission has no identified submitter, so it needs two distinct approvers.
import { AppFailure } from '../../shared/errors'
import {
  UNSIGNED_SUBMISSION_MIN_APPROVALS,
  approversOf,
  memberOf,
  type PolicyDocument,
  type PolicyMember
} from './policyDocument'

export type ApprovalDecision =
  | { readonly required: false; readonly reason: 'no_policy' | 'approvals_off' | 'below_amount_rule' }
  | { readonly required: true; readonly threshold: number }

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()

/** Approvals a payout needs under `doc`: the threshold, and never fewer than two for an unsigned submission. */
export function approvalsNeeded(doc: PolicyDocument, submitter: string | null): number {
  return submitter === null ? Math.max(doc.threshold, UNSIGNED_SUBMISSION_MIN_APPROVALS) : doc.threshold
}

/** Approvers whose signature can count for a payout submitted by `submitter`. */
export function eligibleApprovers(doc: PolicyDocument, submitter: string | null): PolicyMember[] {
  return approversOf(doc).filter((m) => submitter === null || !same(m.address, submitter))
}

/** Whether a payout of `total` base units of `assetId` must wait for approval under `doc`, and why not. */
export function approvalRequirement(
  doc: PolicyDocument | null,
  payout: { readonly assetId: string; readonly total: bigint }
):
  | { readonly required: false; readonly reason: 'no_policy' | 'approvals_off' | 'below_amount_rule' }
  | { readonly required: true } {
  if (doc === null) return { required: false, reason: 'no_policy' }
  if (!doc.requireApproval) return { required: false, reason: 'approvals_off' }
  const rule = doc.amountRules.find((r) => same(r.assetId, payout.assetId))
  if (rule !== undefined && payout.total <= rule.maxWithoutApproval)
    return { required: false, reason: 'below_amount_rule' }
  return { required: true }
}

/**
 * The approval decision for a payout submitted by `submitter` (null: unsigned). Refuses
 * (approval_policy_unreachable) when approval is needed but too few approvers other than the
 * submitter exist: submitting would strand the payout in pending.
 */
export function decideApproval(
  doc: PolicyDocument | null,
  payout: { readonly assetId: string; readonly total: bigint },
  submitter: string | null
): ApprovalDecision {
  const requirement = approvalRequirement(doc, payout)
  if (!requirement.required) return requirement
  // A requirement only ever comes from a policy.
  if (doc === null) return { required: false, reason: 'no_policy' }
  const needed = approvalsNeeded(doc, submitter)
  const eligible = eligibleApprovers(doc, submitter).length
  if (eligible < needed)
    throw new AppFailure(
      'approval_policy_unreachable',
      `This payout needs ${needed} approval(s) but only ${eligible} approver(s) other than its submitter exist. Change the policy (Settings, Approvals) before submitting.`
    )
  return { required: true, threshold: needed }
}

/**
 * The approver a recovered signer is under `doc`, or the reason their signature cannot count.
 * Checked in this order so the message names the most fundamental problem.
 */
export function approverFor(
  doc: PolicyDocument,
  signer: string,
  submitter: string | null,
  alreadyApproved: readonly string[]
): PolicyMember {
  if (submitter !== null && same(signer, submitter))
    throw new AppFailure(
      'approval_by_creator',
      'This payout was submitted with this Ledger account. Someone else must approve it.'
    )
  const member = memberOf(doc, signer)
  if (member === undefined || !member.approver)
    throw new AppFailure(
      'approval_not_an_approver',
      `${signer} is not an approver in policy version ${doc.sequence}, under which this payout was submitted.`
    )
  if (alreadyApproved.some((a) => same(a, signer)))
    throw new AppFailure(
      'approval_duplicate',
      `${member.name} has already approved this version of the payout. Another approver must sign.`
    )
  return member
}
