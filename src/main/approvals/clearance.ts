// Runs in: main (pure, no I/O). Whether a payout may be paid, decided from signatures alone: the
// desk's status column, approval counts and totals can be edited while the app is closed, so
// before anything is signed the payout's rows as they are now are digested again and the
// submitter's and approvers' signed statements must cover exactly that digest under the policy
// version the submission names. A payout the policy in force would hold for approval is never
// paid on the word of an older version (or of no policy) that would not have.
import { getAddress } from 'ethers'
import { AppFailure } from '../../shared/errors'
import { approvalRequirement, approvalsNeeded } from './decision'
import type { DigestInput } from './digest'
import { memberOf, type PolicyDocument } from './policyDocument'
import { anchorOf, payoutStatement, recoverSigner, type PayoutAct } from './statements'

export interface SignedStatement {
  readonly signature: string | null
  readonly message: string | null
}

export interface ClearanceInput {
  /** The payout's asset, as it would be paid. */
  readonly assetId: string
  /** The payout's digest and what it covers, rebuilt from the stored rows and submission. */
  readonly digest: string
  readonly input: DigestInput
  readonly inForce: PolicyDocument | null
  /** The version the submission names (`input.policyHash`), as this desk holds it; null when it names none or the desk lost it. */
  readonly named: PolicyDocument | null
  /** The submission's own signature (null fields when it was unsigned or is missing). */
  readonly submission: SignedStatement
  readonly approvals: readonly SignedStatement[]
}

/** What a person can do about a payout its signatures no longer cover: edits in the file cannot be signed after the fact. */
const START_AGAIN = 'Cancel it and submit its rows again as a new payout.'

const notCleared = (why: string): AppFailure =>
  new AppFailure('approval_not_verified', `This payout cannot be paid: ${why}`)

/** The address that signed `act` over exactly this digest, or null when the statement is not that. */
function signerOf(act: PayoutAct, s: SignedStatement, digest: string, input: DigestInput): string | null {
  if (s.signature === null || s.message === null) return null
  const anchor = anchorOf(s.message)
  if (anchor === null || s.message !== payoutStatement(act, digest, input, anchor)) return null
  try {
    return recoverSigner(s.message, s.signature)
  } catch {
    return null
  }
}

/**
 * Refuses unless the submitter named in `input` signed the submission statement over exactly this
 * digest and is a member of `policy`, or the submission is unsigned and `policy` allows that: a
 * submitter rewritten in the database no longer matches who signed.
 */
export function assertSubmissionSigned(
  policy: PolicyDocument,
  submission: SignedStatement,
  digest: string,
  input: DigestInput,
  refusal: (why: string) => AppFailure
): void {
  const submitter = input.submitterAddress
  if (submitter === null) {
    if (!policy.unsignedSubmissions)
      throw refusal(`policy version ${policy.sequence} requires a signed submission and it has none.`)
    return
  }
  const signed = signerOf('submit', submission, digest, input)
  if (signed === null || signed !== getAddress(submitter) || memberOf(policy, submitter) === undefined)
    throw refusal(
      `it is not signed by ${input.submitterName === '' ? submitter : `${input.submitterName} (${submitter})`} as it is now: its rows, payer or approval terms in this app's database were changed after it was submitted. ${START_AGAIN}`
    )
}

/** Refuses (approval_not_verified) unless the signatures on record clear the payout as it is now. */
export function assertCleared(c: ClearanceInput): void {
  // The submission names a version the desk no longer holds: its rules cannot be read, and going by
  // the version in force (or none) would let the removal decide what the payout needs.
  if (c.named === null && c.input.policyHash !== null)
    throw notCleared(
      `it was submitted under policy ${c.input.policyHash}, which this desk no longer holds: the policy was changed outside Treasury. Import the team's policy file from another desk.`
    )
  const total = c.input.recipients.reduce((sum, r) => sum + r.amount, 0n)
  const payout = { assetId: c.assetId, total }
  const requiredNamed = approvalRequirement(c.named, payout).required
  if (!requiredNamed) {
    if (approvalRequirement(c.inForce, payout).required)
      throw notCleared(
        `the approval policy in force requires approval for it, but it was submitted ${c.named === null ? 'without a signed policy' : `under policy version ${c.named.sequence}, which did not`}. ${START_AGAIN}`
      )
    return
  }
  const policy = c.named!
  const submitter = c.input.submitterAddress
  assertSubmissionSigned(policy, c.submission, c.digest, c.input, notCleared)
  const approvers = new Set<string>()
  for (const a of c.approvals) {
    const signer = signerOf('approve', a, c.digest, c.input)
    if (signer === null || (submitter !== null && signer === getAddress(submitter))) continue
    if (memberOf(policy, signer)?.approver === true) approvers.add(signer)
  }
  const needed = approvalsNeeded(policy, submitter)
  if (approvers.size < needed)
    throw notCleared(
      `it needs ${needed === 1 ? '1 approval' : `${needed} approvals`} signed over its rows as they are now, and ${approvers.size === 0 ? 'none is' : `only ${approvers.size} ${approvers.size === 1 ? 'is' : 'are'}`} on record: its rows, payer or approval terms in this app's database were changed after it was approved, or it was never approved. ${START_AGAIN}`
    )
}
