// Runs in: main (plain Node). Four-eyes control over payouts, under the team's signed policy: the
// review of a submitted payout, approving and rejecting it with a statement signed on the
// approver's own Ledger, the files that carry a payout to another desk and the approval back, and
// payouts losing their approvals when the policy they were submitted under is replaced. A signature
// counts only if it recovers to an approver of the policy version the payout was submitted under,
// that version is still in force, and the signer is not the submitter; only the statement over the
// payout's current digest counts.
import { getAddress } from 'ethers'
import type { TreasuryEvent } from '../../shared/api'
import type { ApprovalReviewView, PolicyMemberView } from '../../shared/approvals'
import { AppFailure } from '../../shared/errors'
import type { PayoutStatus } from '../../shared/statuses'
import { approvalsNeeded, approverFor, eligibleApprovers } from '../approvals/decision'
import { FILE_VERSION, REQUEST_FORMAT, encodeFile, parseApprovalFile, policyJson } from '../approvals/files'
import { memberOf, type PolicyDocument } from '../approvals/policyDocument'
import { assertCleared, assertSubmissionSigned } from '../approvals/clearance'
import { snapshotOf, submissionPart, type PayoutSnapshot } from '../approvals/snapshot'
import { anchorOf, payoutStatement, recoverSigner, rejectionStatement } from '../approvals/statements'
import type { Catalogue } from '../domain/catalogue'
import { nextStatus } from '../domain/statusMachine'
import { notFound } from '../errors'
import * as approvalRepo from '../store/approvalRepo'
import { appendAudit, appendAuditOnce, auditHead } from '../store/auditLog'
import { inTransaction, type OpenedDatabase } from '../store/db'
import { getPayoutRow, setItemsStatus, setPayoutStatus, type StoredPayout } from '../store/payoutRepo'
import { createApproverDesk } from '../approvals/approverDesk'
import type { PolicyService } from './policyService'

export interface ApprovalServiceDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  readonly now: () => Date
  readonly emit: (event: TreasuryEvent) => void
  readonly policies: PolicyService
  /** Signs a personal message on the Ledger account at `path`. */
  readonly sign: (path: string, message: string) => Promise<string>
  /** The signing account's address, to check it may sign before the device is asked. */
  readonly addressOf: (path: string) => Promise<string>
  /** The desk's label, for actions no signature covers (exporting a file). */
  readonly deskLabel: () => string
}

/** A payout's approval state under the policy version it was submitted under. */
interface Standing {
  readonly payout: StoredPayout
  readonly submission: approvalRepo.StoredSubmission
  readonly policy: PolicyDocument
  readonly snapshot: PayoutSnapshot
  readonly needed: number
}

export function createApprovalService(deps: ApprovalServiceDeps) {
  const { db, catalogue, policies } = deps
  const stamp = (): string => deps.now().toISOString()
  const nameOf = (address: string): string => policies.nameOf(address) ?? address
  const changed = (id: string, status: PayoutStatus): void => deps.emit({ type: 'payout.changed', id, status })

  function load(id: string): StoredPayout {
    const p = getPayoutRow(db.write, id)
    if (p === undefined) throw notFound('Payout', id)
    return p
  }

  function snapshot(p: StoredPayout): PayoutSnapshot {
    return snapshotOf(
      db.write,
      catalogue,
      p,
      submissionPart(approvalRepo.getSubmission(db.write, p.id), policies.nameOf)
    )
  }

  function requirePending(p: StoredPayout): void {
    if (p.status === 'pending') return
    if (p.status === 'draft')
      throw new AppFailure(
        'approval_not_pending',
        'This payout is a draft again (edited, or its policy changed after it was submitted); earlier approvals no longer count. Submit it again, then ask for approval.'
      )
    throw new AppFailure(
      'approval_not_pending',
      `This payout is ${p.status.replace('_', ' ')}, not waiting for approval.`
    )
  }

  /** The policy version a submission names, as this desk adopted it. */
  function policyOf(
    submission: approvalRepo.StoredSubmission | undefined
  ): { hash: string; doc: PolicyDocument } | undefined {
    const hash = submission?.policyHash ?? null
    if (hash === null) return undefined
    const doc = policies.versionByHash(hash)
    return doc === undefined ? undefined : { hash, doc }
  }

  /** The payout's submission and the policy version it names, which must still be the one in force. */
  function standing(p: StoredPayout): Standing {
    const submission = approvalRepo.getSubmission(db.write, p.id)
    const named = policyOf(submission)
    if (submission === undefined || named === undefined)
      throw new AppFailure(
        'approval_not_pending',
        'This payout was not submitted under a signed policy; it needs no approval.'
      )
    const policy = named.doc
    if (policies.inForce()?.hash !== named.hash)
      throw new AppFailure(
        'policy_changed',
        'The approval policy changed after this payout was submitted: approvals under the earlier policy no longer count. Submit it again.'
      )
    const snap = snapshot(p)
    assertSubmissionSigned(
      policy,
      submission,
      snap.digest,
      snap.input,
      (why) => new AppFailure('approval_not_verified', `This payout cannot be approved: ${why}`)
    )
    return {
      payout: p,
      submission,
      policy,
      snapshot: snap,
      needed: approvalsNeeded(policy, submission.creatorAddress)
    }
  }

  function review(p: StoredPayout): ApprovalReviewView {
    const snap = snapshot(p)
    const submission = approvalRepo.getSubmission(db.write, p.id)
    const named = policyOf(submission)
    const policy = named?.doc
    const current = approvalRepo.approvalsFor(db.write, p.id, p.revision, snap.digest)
    const all = approvalRepo.allApprovals(db.write, p.id)
    const submitter = submission?.creatorAddress ?? null
    // What the payout needed at submission: 0 when approval was not required (off, or under an amount rule).
    const needed = submission?.approvalsRequired ?? 0
    const signed = new Set(current.map((a) => a.signer.toLowerCase()))
    const rejection = approvalRepo.rejectionOf(db.write, p.id)
    const member = (m: PolicyMemberView): PolicyMemberView => ({ ...m })
    return {
      payoutId: p.id,
      revision: p.revision,
      status: p.status,
      digest: snap.digest,
      creator: { name: submitter === null ? 'Unsigned submission' : nameOf(submitter), address: submitter },
      payerAddress: submission?.payerAddress ?? null,
      policy: named === undefined ? null : { sequence: named.doc.sequence, hash: named.hash },
      acknowledgements: submission?.acknowledgements ?? [],
      threshold: needed,
      approvals: current.map((a) => ({
        approverName: nameOf(a.signer),
        signer: a.signer,
        signature: a.signature,
        source: a.source,
        approvedAt: a.approvedAt
      })),
      voidedApprovals: all.length - current.length,
      remaining: Math.max(0, needed - current.length),
      canStillApprove:
        policy === undefined
          ? []
          : eligibleApprovers(policy, submitter)
              .filter((a) => !signed.has(a.address.toLowerCase()))
              .map(member),
      rejection:
        rejection === undefined
          ? null
          : {
              signer: rejection.signer,
              name: nameOf(rejection.signer),
              reason: rejection.reason,
              at: rejection.rejectedAt
            }
    }
  }

  /** Checks a signed approval statement over the payout as it is now and counts it; moves the payout on at the M-th. */
  function accept(
    payoutId: string,
    signed: { signer: string; signature: string; message: string },
    source: approvalRepo.ApprovalSource
  ): ApprovalReviewView {
    const result = inTransaction(db.write, () => {
      const p = load(payoutId)
      requirePending(p)
      const s = standing(p)
      const anchor = anchorOf(signed.message)
      if (anchor === null || signed.message !== payoutStatement('approve', s.snapshot.digest, s.snapshot.input, anchor))
        throw new AppFailure(
          'approval_digest_mismatch',
          'This approval was given for different payout contents than the payout has now. Ask the approver to review and sign the current version.'
        )
      const signer = recoverSigner(signed.message, signed.signature)
      if (signer !== getAddress(signed.signer))
        throw new AppFailure(
          'approval_signature_mismatch',
          'The signature was not made by the approver it names. Ask the approver to sign the current version again.'
        )
      const already = approvalRepo.approvalsFor(db.write, p.id, p.revision, s.snapshot.digest).map((a) => a.signer)
      const approver = approverFor(s.policy, signer, s.submission.creatorAddress, already)
      const at = stamp()
      approvalRepo.insertApproval(db.write, {
        payoutId: p.id,
        revision: p.revision,
        digest: s.snapshot.digest,
        signer,
        approverName: approver.name,
        signature: signed.signature,
        source,
        message: signed.message,
        approvedAt: at
      })
      const count = already.length + 1
      const complete = count >= s.needed
      const to = complete ? nextStatus(p.status, 'approve', { broadcastCount: 0 }).to : p.status
      if (complete) setPayoutStatus(db.write, p.id, to, at)
      appendAudit(db.write, {
        actor: signer,
        action: 'approved',
        payoutId: p.id,
        fromStatus: complete ? p.status : null,
        toStatus: complete ? to : null,
        at,
        detail: `${approver.name} (${signer}) signed digest ${s.snapshot.digest} of revision ${p.revision}${source === 'file' ? ' on another desk' : ''}: ${count} of ${s.needed} approval(s)`
      })
      return { view: review(load(p.id)), moved: complete ? to : null }
    })
    if (result.moved !== null) changed(payoutId, result.moved)
    return result.view
  }

  const desk = createApproverDesk({
    db,
    catalogue,
    stamp,
    deskLabel: deps.deskLabel,
    policies,
    sign: deps.sign,
    addressOf: deps.addressOf
  })

  return {
    review(payoutId: string): ApprovalReviewView {
      return review(load(payoutId))
    },

    /** The review of a payout that was submitted; null for a draft, which has no approval state. */
    reviewIfSubmitted(payoutId: string): ApprovalReviewView | null {
      const p = load(payoutId)
      return p.status === 'draft' ? null : review(p)
    },

    /** Approves on this desk: the statement is built here, signed on the approver's Ledger, checked and counted. */
    async approve(payoutId: string, path: string): Promise<ApprovalReviewView> {
      const p = load(payoutId)
      requirePending(p)
      const s = standing(p)
      const address = await deps.addressOf(path)
      // Refused before the device is asked: a signature that could never count is not requested.
      approverFor(
        s.policy,
        address,
        s.submission.creatorAddress,
        approvalRepo.approvalsFor(db.write, p.id, p.revision, s.snapshot.digest).map((a) => a.signer)
      )
      const message = payoutStatement('approve', s.snapshot.digest, s.snapshot.input, auditHead(db.write))
      const signature = await deps.sign(path, message)
      return accept(payoutId, { signer: address, signature, message }, 'device')
    },

    /** pending -> cancelled, with the reason the approver signed. Only an approver of the payout's policy version can reject. */
    async reject(payoutId: string, path: string, reasonText: string): Promise<ApprovalReviewView> {
      const reason = reasonText.trim()
      if (reason === '')
        throw new AppFailure('reject_reason_required', 'Say why the payout is rejected: the submitter sees the reason.')
      const p = load(payoutId)
      requirePending(p)
      const s = standing(p)
      const address = await deps.addressOf(path)
      const member = s.policy.members.find((m) => m.address.toLowerCase() === address.toLowerCase())
      if (member === undefined || !member.approver)
        throw new AppFailure(
          'approval_not_an_approver',
          `${address} is not an approver in policy version ${s.policy.sequence}. Only an approver can reject a payout; its submitter can cancel it instead.`
        )
      const message = rejectionStatement(s.snapshot.digest, s.snapshot.input, reason, auditHead(db.write))
      const signature = await deps.sign(path, message)
      const out = inTransaction(db.write, () => {
        const now = load(payoutId)
        requirePending(now)
        if (now.revision !== p.revision || snapshot(now).digest !== s.snapshot.digest)
          throw new AppFailure(
            'approval_digest_mismatch',
            'The payout changed while the rejection was being signed. Review it again.'
          )
        if (recoverSigner(message, signature) !== getAddress(address))
          throw new AppFailure('approval_signature_mismatch', 'The rejection was not signed by the account chosen.')
        const t = nextStatus(now.status, 'reject', { broadcastCount: 0 })
        const at = stamp()
        approvalRepo.insertRejection(db.write, {
          payoutId,
          revision: now.revision,
          digest: s.snapshot.digest,
          signer: member.address,
          reason,
          signature,
          message,
          rejectedAt: at
        })
        setPayoutStatus(db.write, now.id, t.to, at)
        setItemsStatus(db.write, now.id, 'queued', 'cancelled')
        setItemsStatus(db.write, now.id, 'draft', 'cancelled')
        appendAudit(db.write, {
          actor: member.address,
          action: 'rejected',
          payoutId,
          fromStatus: now.status,
          toStatus: t.to,
          at,
          detail: reason
        })
        return review(load(payoutId))
      })
      changed(payoutId, 'cancelled')
      return out
    },

    /**
     * For execution, before signing: the payout as stored now is covered by its submitter's and
     * approvers' signatures under the policy version it names (nothing in the database is taken on
     * its word: not the status, not the count of approvals, not the total).
     */
    assertCleared(payoutId: string): void {
      const p = load(payoutId)
      const submission = approvalRepo.getSubmission(db.write, p.id)
      const named = policyOf(submission)?.doc ?? null
      const byName = (address: string): string | null =>
        named === null ? policies.nameOf(address) : (memberOf(named, address)?.name ?? null)
      const snap = snapshotOf(db.write, catalogue, p, submissionPart(submission, byName))
      try {
        assertCleared({
          assetId: p.assetId,
          digest: snap.digest,
          input: snap.input,
          inForce: policies.inForce()?.document ?? null,
          named,
          submission: { signature: submission?.signature ?? null, message: submission?.message ?? null },
          approvals: approvalRepo.allApprovals(db.write, p.id)
        })
      } catch (e) {
        // A payout whose signatures no longer cover it, or whose policy was cut back, was changed
        // outside the app: the attempt is on record.
        if (e instanceof AppFailure && (e.code === 'approval_not_verified' || e.code === 'policy_chain_broken'))
          inTransaction(db.write, () =>
            appendAuditOnce(db.write, {
              actor: deps.deskLabel(),
              action: 'payment_refused',
              payoutId: p.id,
              at: stamp(),
              detail: `${e.message} (digest now ${snap.digest})`
            })
          )
        throw e
      }
    },

    /**
     * For execution, before signing: when the approvers saw a payer account (named at submission,
     * so covered by the digest), the payout must be paid from that account and no other.
     */
    assertPayer(payoutId: string, payerAddress: string): void {
      const named = approvalRepo.getSubmission(db.write, payoutId)?.payerAddress ?? null
      if (named !== null && named.toLowerCase() !== payerAddress.toLowerCase()) {
        throw new AppFailure(
          'payer_not_approved',
          `This payout was submitted and approved to be paid from ${named}. Choose that account, or edit and submit the payout again.`
        )
      }
    },

    /** The approval request file for a pending payout: registry, signed submission, digest, policy chain. */
    exportForApproval(payoutId: string): Uint8Array {
      const p = load(payoutId)
      requirePending(p)
      const s = standing(p)
      const chain = policies.chainUpTo(s.submission.policyHash!)
      const at = stamp()
      inTransaction(db.write, () =>
        appendAudit(db.write, {
          actor: deps.deskLabel(),
          action: 'exported_for_approval',
          payoutId: p.id,
          at,
          detail: `revision ${p.revision}, digest ${s.snapshot.digest}`
        })
      )
      const input = s.snapshot.input
      return encodeFile({
        format: REQUEST_FORMAT,
        version: FILE_VERSION,
        payout: {
          id: p.id,
          revision: p.revision,
          kind: p.kind,
          networkName: input.networkName,
          chainId: input.chainId,
          asset: input.asset,
          purpose: input.purpose,
          createdAt: p.createdAt,
          recipients: s.snapshot.items.map((it) => ({
            row: it.row,
            address: it.address!,
            amount: it.amount!.toString(),
            reference: it.reference,
            name: it.name
          }))
        },
        submission: {
          submitterName: input.submitterName,
          submitterAddress: input.submitterAddress,
          payerAddress: input.payerAddress,
          policyHash: input.policyHash,
          acknowledgements: input.acknowledgements.map((a) => ({ kind: a.kind, rows: [...a.rows] })),
          signature: s.submission.signature,
          message: s.submission.message
        },
        digest: s.snapshot.digest,
        policy: policyJson(chain),
        exportedAt: at,
        exportedBy: deps.deskLabel(),
        auditHead: auditHead(db.write)
      })
    },

    ...desk,

    /**
     * On the submitting desk: an approval file made elsewhere. Only the signed statement is trusted:
     * it must be the approval statement over the payout's current digest and recover to the signer
     * the file names, an approver of the payout's policy version other than the submitter.
     */
    importApproval(bytes: Uint8Array): ApprovalReviewView {
      const file = parseApprovalFile(bytes)
      const p = load(file.payoutId)
      requirePending(p)
      if (file.revision < p.revision) {
        throw new AppFailure(
          'approval_outdated',
          `This approval is for revision ${file.revision}, but the payout was edited since (now revision ${p.revision}); edits void approvals. Ask the approver to review and sign the current version.`
        )
      }
      if (file.revision !== p.revision)
        throw new AppFailure(
          'approval_digest_mismatch',
          'This approval names a version of the payout this desk does not have. Ask the approver to sign the current version.'
        )
      return accept(p.id, { signer: file.signer, signature: file.signature, message: file.message }, 'file')
    }
  }
}

export type ApprovalService = ReturnType<typeof createApprovalService>
