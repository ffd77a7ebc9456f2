// Runs in: renderer. The submission confirmation's rules, as the dialog applies them before asking
// main: every warning kind acknowledged, a signer chosen (a Ledger account, or "unsigned" where the
// team's policy allows it), a payer account when approvers must approve paying from one. Main
// checks each again; this says early, and in words, what is still missing.
import type { InputOf } from '../../../../shared/api'
import { WARNING_KIND_TITLES, type SubmissionReviewView, type WarningKind } from '../../../../shared/approvals'
import { assertNever } from '../../../../shared/result'
import { pathProblem } from './accountPath'
import { unacknowledgedKinds } from './warnings'

export type SignerChoice =
  { readonly kind: 'unchosen' } | { readonly kind: 'unsigned' } | { readonly kind: 'ledger'; readonly path: string }

export interface SubmissionChoices {
  readonly acknowledged: ReadonlySet<WarningKind>
  readonly signer: SignerChoice
  /** The payer account's address as read from the Ledger; null when not read yet. */
  readonly payerAddress: string | null
}

/** The signer preselected: a Ledger account where signing is required; unsigned only where there is no policy at all. */
export function initialSigner(review: SubmissionReviewView, defaultPath: string): SignerChoice {
  if (review.signing === 'required') return { kind: 'ledger', path: defaultPath }
  return review.policy === null ? { kind: 'unsigned' } : { kind: 'unchosen' }
}

/** Why Submit is not available yet, one line per missing thing; empty when it is. */
export function submitBlockers(review: SubmissionReviewView, c: SubmissionChoices): string[] {
  const out: string[] = []
  const missing = unacknowledgedKinds(review.warnings, c.acknowledged)
  if (missing.length > 0)
    out.push(`Acknowledge each warning: ${missing.map((k) => WARNING_KIND_TITLES[k].toLowerCase()).join('; ')}.`)
  switch (c.signer.kind) {
    case 'unchosen':
      out.push('Choose who signs: your Ledger account, or submit unsigned.')
      break
    case 'unsigned':
      if (review.signing === 'required')
        out.push('The team’s policy requires a signed submission: choose your Ledger account.')
      break
    case 'ledger': {
      const problem = pathProblem(c.signer.path)
      if (problem !== null) out.push(problem)
      break
    }
    default:
      assertNever(c.signer, 'signer choice')
  }
  if (review.payerRequired && c.payerAddress === null)
    out.push('Read the paying account from the Ledger: approvers approve paying from that account.')
  return out
}

/** Whether and how much approval the payout needs, as one sentence. */
export function approvalSentence(review: SubmissionReviewView, signer: SignerChoice): string {
  const version = review.policy === null ? '' : ` (team policy version ${review.policy.sequence})`
  const a = review.approval
  if (!a.required) {
    switch (a.reason) {
      case 'no_policy':
        return 'No approval needed: this desk has no team policy yet. It goes straight to paying.'
      case 'approvals_off':
        return `No approval needed: approval is off${version}. It goes straight to paying.`
      case 'below_amount_rule':
        return `No approval needed: the total is within the amount rule for this currency${version}. It goes straight to paying.`
      default:
        return assertNever(a.reason, 'approval reason')
    }
  }
  const needs = signer.kind === 'unsigned' ? a.unsignedNeeds : a.threshold
  const unsigned =
    signer.kind === 'unsigned' && a.unsignedNeeds > a.threshold ? ' An unsigned submission needs two approvers.' : ''
  return `It waits for ${needs} approval${needs === 1 ? '' : 's'}${version} before it can be paid.${unsigned}`
}

export function submitInput(id: string, review: SubmissionReviewView, c: SubmissionChoices): InputOf<'submitPayout'> {
  return {
    id,
    acknowledged: review.warnings.map((w) => w.kind).filter((k) => c.acknowledged.has(k)),
    accountPath: c.signer.kind === 'ledger' ? c.signer.path.trim() : null,
    payerAddress: review.payerRequired ? c.payerAddress : null
  }
}
