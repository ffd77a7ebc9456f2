// Runs in: main (pure, no I/O). The four-eyes policy: who may approve, how many must, and which
// payouts need it at all; and the separation-of-duties rule that a payout's creator never counts.
//
// "Only above amount X" is set per asset, in that asset's base units: a payout in an asset with a
// rule needs approval only when its total is strictly greater than X; a payout in an asset with
// no rule always needs approval (when approvals are on). Base units per asset because amounts of
// different assets cannot be compared without a price, and the app never guesses prices.
import { getAddress } from 'ethers'
import { z } from 'zod'
import type { ApprovalPolicyView } from '../../shared/approvals'
import { AppFailure } from '../../shared/errors'

export const MAX_APPROVERS = 50

export interface Approver {
  readonly name: string
  /** EIP-55; the address the approver's own Ledger showed and confirmed. */
  readonly address: string
}

export interface AmountRule {
  readonly assetId: string
  /** Totals up to and including this many base units skip approval. */
  readonly maxWithoutApproval: bigint
}

/** The stored part of the policy; `requireApproval` itself lives in Settings. */
export interface StoredPolicy {
  readonly approvers: readonly Approver[]
  /** M of N: approvals needed (1..N). */
  readonly threshold: number
  readonly amountRules: readonly AmountRule[]
}

export interface ApprovalPolicy extends StoredPolicy {
  readonly requireApproval: boolean
}

/** The policy as the renderer sees it: amounts as base-unit strings. */
export function policyView(p: ApprovalPolicy): ApprovalPolicyView {
  return {
    requireApproval: p.requireApproval,
    approvers: p.approvers,
    threshold: p.threshold,
    amountRules: p.amountRules.map((r) => ({
      assetId: r.assetId,
      maxWithoutApprovalBaseUnits: r.maxWithoutApproval.toString()
    }))
  }
}

export const EMPTY_POLICY: StoredPolicy = { approvers: [], threshold: 1, amountRules: [] }

const Address = z
  .string()
  .refine((a) => {
    try {
      getAddress(a)
      return true
    } catch {
      return false
    }
  }, 'not an address')
  .transform((a) => getAddress(a))
const BaseUnits = z
  .string()
  .regex(/^[0-9]{1,78}$/)
  .transform((s) => BigInt(s))

/** The JSON shape kept in the settings table (bigints as decimal strings). */
export const StoredPolicySchema = z.strictObject({
  approvers: z.array(z.strictObject({ name: z.string().trim().min(1).max(100), address: Address })).max(MAX_APPROVERS),
  threshold: z.number().int().min(1).max(MAX_APPROVERS),
  amountRules: z.array(z.strictObject({ assetId: z.string().min(1).max(100), maxWithoutApproval: BaseUnits }))
})

export function policyToJson(p: StoredPolicy): z.input<typeof StoredPolicySchema> {
  return {
    approvers: p.approvers.map((a) => ({ ...a })),
    threshold: p.threshold,
    amountRules: p.amountRules.map((r) => ({ assetId: r.assetId, maxWithoutApproval: r.maxWithoutApproval.toString() }))
  }
}

/** Refuses a policy that could never be satisfied or names one approver twice. */
export function checkPolicy(p: StoredPolicy): void {
  const seen = new Set<string>()
  for (const a of p.approvers) {
    if (seen.has(a.address))
      throw new AppFailure(
        'approver_duplicate',
        `${a.address} is already an approver. Each approver has one Ledger address.`
      )
    seen.add(a.address)
    const sameName = p.approvers.filter((b) => sameOperator(a.name, b.name))
    if (sameName.length > 1)
      throw new AppFailure(
        'approver_duplicate',
        `Two approvers are called "${a.name}". Give each approver a distinct name.`
      )
  }
  if (!Number.isInteger(p.threshold) || p.threshold < 1)
    throw new AppFailure('approval_threshold_invalid', 'At least one approval must be required.')
  if (p.approvers.length > 0 && p.threshold > p.approvers.length) {
    throw new AppFailure(
      'approval_threshold_invalid',
      `${p.threshold} approvals cannot be reached with ${p.approvers.length} approver(s). Add approvers or lower the number of approvals.`
    )
  }
  const assets = new Set<string>()
  for (const r of p.amountRules) {
    if (assets.has(r.assetId))
      throw new AppFailure('approval_rule_duplicate', `Currency ${r.assetId} has two amount rules; keep one.`)
    assets.add(r.assetId)
    if (r.maxWithoutApproval < 0n)
      throw new AppFailure('approval_rule_invalid', 'The amount below which approval is skipped cannot be negative.')
  }
}

/** Operator profile names compare trimmed and case-insensitively: "Ana " and "ana" are one person. */
export function sameOperator(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase('en') === b.trim().toLocaleLowerCase('en')
}

export interface Creator {
  readonly name: string
  readonly address: string | null
}

/** Whether `approver` is (or could be) the payout's creator: same profile name or same Ledger address. */
export function isCreator(approver: Approver, creator: Creator): boolean {
  return (
    sameOperator(approver.name, creator.name) ||
    (creator.address !== null && getAddress(creator.address) === approver.address)
  )
}

/** Approvers whose signature can count for a payout made by `creator`. */
export function eligibleApprovers(p: StoredPolicy, creator: Creator): Approver[] {
  return p.approvers.filter((a) => !isCreator(a, creator))
}

export type ApprovalDecision =
  | { readonly required: false; readonly reason: 'approvals_off' | 'below_amount_rule' }
  | { readonly required: true; readonly threshold: number }

/**
 * Whether a payout of `total` base units of `assetId` must wait for approval. Refuses
 * (approval_policy_unreachable) when approval is needed but too few approvers other than the
 * creator exist: submitting would strand the payout in pending.
 */
export function decideApproval(
  p: ApprovalPolicy,
  payout: { readonly assetId: string; readonly total: bigint; readonly creator: Creator }
): ApprovalDecision {
  if (!p.requireApproval) return { required: false, reason: 'approvals_off' }
  const rule = p.amountRules.find((r) => r.assetId.toLowerCase() === payout.assetId.toLowerCase())
  if (rule !== undefined && payout.total <= rule.maxWithoutApproval)
    return { required: false, reason: 'below_amount_rule' }
  const eligible = eligibleApprovers(p, payout.creator).length
  if (eligible < p.threshold) {
    throw new AppFailure(
      'approval_policy_unreachable',
      p.approvers.length === 0
        ? 'Manager approval is on but no approver is set up. Add approvers in Settings before submitting.'
        : `This payout needs ${p.threshold} approval(s) but only ${eligible} approver(s) other than its creator exist. Add approvers or lower the number in Settings.`
    )
  }
  return { required: true, threshold: p.threshold }
}

/**
 * The approver a recovered signer is, or the reason their signature cannot count. Checked in
 * this order so the message names the most fundamental problem.
 */
export function approverFor(
  p: StoredPolicy,
  signer: string,
  creator: Creator,
  alreadyApproved: readonly string[]
): Approver {
  const address = getAddress(signer)
  const approver = p.approvers.find((a) => a.address === address)
  if (approver === undefined) {
    if (creator.address !== null && getAddress(creator.address) === address) {
      throw new AppFailure(
        'approval_by_creator',
        "This approval was signed by the payout's creator. Someone other than the creator must approve it."
      )
    }
    throw new AppFailure(
      'approval_not_an_approver',
      `${address} is not a listed approver. Only Ledger accounts listed as approvers in Settings can approve payouts.`
    )
  }
  if (isCreator(approver, creator)) {
    throw new AppFailure(
      'approval_by_creator',
      `${approver.name} created this payout and cannot approve it. Another approver must sign.`
    )
  }
  if (alreadyApproved.some((a) => getAddress(a) === address)) {
    throw new AppFailure(
      'approval_duplicate',
      `${approver.name} has already approved this version of the payout. Another approver must sign.`
    )
  }
  return approver
}
