// Runs in: main (plain Node). Submitting a draft: the confirmation a submitter reviews (totals,
// every warning by kind with its rows, whether approval is needed), then the submission itself,
// signed on the submitter's Ledger over the payout's digest. What must hold before a payout leaves
// Draft is checked here, in one place: no row with errors, every warning kind acknowledged, the
// submitter a member of the policy in force (or an unsigned submission the policy allows), a payer
// named when approvers must approve paying from it. The move to pending or in progress, with the
// rows queued, the signed statement and the audit entry, is one SQLite transaction.
import { getAddress } from 'ethers'
import type { TreasuryEvent } from '../../shared/api'
import { WARNING_KIND_TITLES, type SubmissionReviewView, type WarningKind } from '../../shared/approvals'
import { AppFailure } from '../../shared/errors'
import { rowsText } from '../../shared/rowList'
import type { PayoutStatus } from '../../shared/statuses'
import { approvalRequirement, approvalsNeeded, decideApproval } from '../approvals/decision'
import { memberOf } from '../approvals/policyDocument'
import { snapshotOf, type SubmissionPart } from '../approvals/snapshot'
import { payoutStatement, recoverSigner } from '../approvals/statements'
import type { Catalogue } from '../domain/catalogue'
import { nextStatus } from '../domain/statusMachine'
import { notFound } from '../errors'
import { upsertSubmission } from '../store/approvalRepo'
import { appendAudit, auditHead } from '../store/auditLog'
import { inTransaction, type OpenedDatabase } from '../store/db'
import { getPayoutRow, setItemsStatus, setPayoutStatus, type StoredPayout } from '../store/payoutRepo'
import type { AddressBook } from './addressBook'
import type { PolicyService } from './policyService'
import { payoutWarnings } from './submissionWarnings'

export interface SubmissionDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  readonly now: () => Date
  readonly emit: (event: TreasuryEvent) => void
  readonly policies: PolicyService
  readonly addressBook: AddressBook
  /** Signs a personal message on the Ledger account at `path`. */
  readonly sign: (path: string, message: string) => Promise<string>
  readonly addressOf: (path: string) => Promise<string>
  /** The desk's label, named beside an unsigned submission (it identifies nobody). */
  readonly deskLabel: () => string
}

export interface SubmitInput {
  readonly acknowledged: readonly WarningKind[]
  readonly accountPath: string | null
  readonly payerAddress: string | null
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
  const { db, catalogue, policies } = deps

  function load(id: string): StoredPayout {
    const p = getPayoutRow(db.write, id)
    if (p === undefined) throw notFound('Payout', id)
    return p
  }

  function review(p: StoredPayout): SubmissionReviewView {
    const asset = catalogue.requireAsset(p.assetId)
    const network = catalogue.requireNetwork(p.chainId)
    const inForce = policies.inForce()
    const requirement = approvalRequirement(inForce?.document ?? null, { assetId: p.assetId, total: p.total })
    const unsignedAllowed = inForce === null || inForce.document.unsignedSubmissions
    return {
      payoutId: p.id,
      revision: p.revision,
      totalBaseUnits: p.total.toString(),
      recipients: p.recipientCount,
      assetSymbol: asset.symbol,
      decimals: asset.decimals,
      networkName: network.name,
      warnings: payoutWarnings(db, deps.addressBook, p),
      approval:
        requirement.required && inForce !== null
          ? {
              required: true,
              threshold: inForce.document.threshold,
              unsignedNeeds: approvalsNeeded(inForce.document, null)
            }
          : { required: false, reason: requirement.required ? 'no_policy' : requirement.reason },
      policy: inForce === null ? null : { sequence: inForce.document.sequence, hash: inForce.hash },
      signing: unsignedAllowed ? 'optional' : 'required',
      payerRequired: requirement.required
    }
  }

  return {
    /** What the confirmation shows before anything is signed. */
    review(payoutId: string): SubmissionReviewView {
      const p = load(payoutId)
      assertSubmittable(p)
      return review(p)
    },

    /**
     * draft -> pending (approval required) or in_progress, signed on the submitter's Ledger unless
     * the policy allows an unsigned submission. The statement signed covers the digest, which
     * covers the policy version, the payer and the acknowledged warnings.
     */
    async submit(
      payoutId: string,
      input: SubmitInput
    ): Promise<{ readonly id: string; readonly status: PayoutStatus }> {
      const p = load(payoutId)
      assertSubmittable(p)
      const inForce = policies.inForce()
      const submitter = input.accountPath === null ? null : await deps.addressOf(input.accountPath)
      if (submitter === null && inForce !== null && !inForce.document.unsignedSubmissions)
        throw new AppFailure(
          'submission_signature_required',
          "The team's policy requires each submission to be signed on the submitter's Ledger. Connect it and choose its account."
        )
      const member = submitter === null || inForce === null ? undefined : memberOf(inForce.document, submitter)
      if (submitter !== null && inForce !== null && member === undefined)
        throw new AppFailure(
          'submitter_not_member',
          `${submitter} is not a member of the team's policy (version ${inForce.document.sequence}). Submit with your own listed Ledger account, or ask the approvers to add you.`
        )
      const confirmation = review(p)
      const missing = confirmation.warnings.filter((w) => !input.acknowledged.includes(w.kind))
      if (missing.length > 0)
        throw new AppFailure(
          'warnings_unacknowledged',
          `Review and acknowledge each warning before submitting: ${missing.map((w) => `${w.title.toLowerCase()} (row${w.rows.length === 1 ? '' : 's'} ${w.rows.slice(0, 10).join(', ')}${w.rows.length > 10 ? ` and ${w.rows.length - 10} more` : ''})`).join('; ')}.`,
          { kinds: missing.map((w) => w.kind) }
        )
      const payer = input.payerAddress === null ? null : getAddress(input.payerAddress)
      const part: SubmissionPart = {
        submitterName: member?.name ?? '',
        submitterAddress: submitter,
        payerAddress: payer,
        policyHash: inForce?.hash ?? null,
        acknowledgements: confirmation.warnings.map((w) => ({ kind: w.kind, rows: w.rows }))
      }
      const snap = snapshotOf(db.write, catalogue, p, part)
      // The total the signatures cover is the rows' sum, never the stored total column on its own.
      const total = snap.input.recipients.reduce((sum, r) => sum + r.amount, 0n)
      const decision = decideApproval(inForce?.document ?? null, { assetId: p.assetId, total }, submitter)
      if (decision.required && payer === null)
        throw new AppFailure(
          'payer_required',
          'Choose the account that will pay: approvers approve paying from that account and no other.'
        )
      let signed: { signature: string; message: string } | null = null
      if (submitter !== null && input.accountPath !== null) {
        const message = payoutStatement('submit', snap.digest, snap.input, auditHead(db.write))
        const signature = await deps.sign(input.accountPath, message)
        if (recoverSigner(message, signature) !== submitter)
          throw new AppFailure('approval_signature_mismatch', 'The submission was not signed by the account chosen.')
        signed = { signature, message }
      }
      const to = inTransaction(db.write, () => {
        const now = load(payoutId)
        assertSubmittable(now)
        if (now.revision !== p.revision || snapshotOf(db.write, catalogue, now, part).digest !== snap.digest)
          throw new AppFailure(
            'approval_digest_mismatch',
            'The payout changed while the submission was being signed. Review it again.'
          )
        if (policies.inForce()?.hash !== inForce?.hash)
          throw new AppFailure(
            'policy_changed',
            'The approval policy changed while the submission was being signed. Review it again.'
          )
        const at = deps.now().toISOString()
        const actor = submitter ?? deps.deskLabel()
        if (confirmation.warnings.some((w) => w.kind === 'lookalike'))
          deps.addressBook.acknowledgeAllLookalikes(now.id, actor, at)
        upsertSubmission(db.write, {
          payoutId: now.id,
          revision: now.revision,
          creatorAddress: submitter,
          payerAddress: payer,
          policyHash: inForce?.hash ?? null,
          signature: signed?.signature ?? null,
          message: signed?.message ?? null,
          acknowledgements: part.acknowledgements,
          approvalsRequired: decision.required ? decision.threshold : 0,
          submittedAt: at
        })
        const t = nextStatus(now.status, 'submit', { requireApproval: decision.required, broadcastCount: 0 })
        setPayoutStatus(db.write, now.id, t.to, at)
        setItemsStatus(db.write, now.id, 'draft', 'queued')
        const acks = part.acknowledgements.map((a) => `${WARNING_KIND_TITLES[a.kind]} (${rowsText(a.rows)})`).join('; ')
        appendAudit(db.write, {
          actor,
          action: 'submitted',
          payoutId: now.id,
          fromStatus: now.status,
          toStatus: t.to,
          at,
          detail: [
            decision.required ? `Waiting for ${decision.threshold} approval(s)` : 'No approval required',
            submitter === null
              ? `unsigned (desk ${deps.deskLabel()})`
              : `signed by ${member?.name ?? submitter} (${submitter})`,
            `digest ${snap.digest}`,
            payer === null ? null : `payer ${payer}`,
            acks === '' ? null : `acknowledged: ${acks}`
          ]
            .filter((x) => x !== null)
            .join('; ')
        })
        return t.to
      })
      deps.emit({ type: 'payout.changed', id: payoutId, status: to })
      return { id: payoutId, status: to }
    }
  }
}

export type Submission = ReturnType<typeof createSubmission>
