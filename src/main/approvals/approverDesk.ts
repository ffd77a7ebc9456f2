// Runs in: main (plain Node). The approver's side of an approval carried by file: a payout
// imported from the creator's desktop is kept for review (never as a payout that could be paid
// here), the approver's Ledger signature over its message is checked and kept, and the approval
// file is produced to carry back. The creator's desktop checks the signature again on import.
import { AppFailure } from '../../shared/errors'
import { notFound } from '../errors'
import * as approvalRepo from '../store/approvalRepo'
import { appendAudit } from '../store/auditLog'
import { inTransaction, type OpenedDatabase } from '../store/db'
import { getPayoutRow } from '../store/payoutRepo'
import type { Catalogue } from '../domain/catalogue'
import { APPROVAL_FORMAT, FILE_VERSION, encodeFile, parseApprovalRequest } from './files'
import { importedReview, type ImportedReview } from './importedReview'
import { approvalMessage } from './message'
import { approverFor, type StoredPolicy } from './policy'
import { recoverApprover } from './signature'

export interface ApproverDeskDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  readonly stamp: () => string
  readonly operator: () => string
}

export function createApproverDesk(deps: ApproverDeskDeps) {
  const { db, catalogue, stamp, operator } = deps

  function stored(payoutId: string): approvalRepo.StoredRequest {
    const r = approvalRepo.latestRequest(db.write, payoutId)
    if (r === undefined) throw notFound('Imported payout', payoutId)
    return r
  }

  function reviewOf(payoutId: string): ImportedReview {
    return importedReview(stored(payoutId), catalogue)
  }

  return {
    /** Checks the request's digest against the payout it carries and keeps it for review here. */
    importForApproval(bytes: Uint8Array): ImportedReview {
      const { file } = parseApprovalRequest(bytes)
      if (getPayoutRow(db.write, file.payout.id) !== undefined) {
        throw new AppFailure(
          'approval_request_is_local',
          'This payout was created on this desktop. Approve it from its own page instead of importing it.'
        )
      }
      inTransaction(db.write, () => {
        approvalRepo.upsertRequest(db.write, {
          payoutId: file.payout.id,
          revision: file.payout.revision,
          digest: file.digest,
          request: JSON.stringify(file),
          importedAt: stamp()
        })
        appendAudit(db.write, {
          actor: operator(),
          action: 'imported_for_approval',
          payoutId: file.payout.id,
          at: stamp(),
          detail: `revision ${file.payout.revision} from ${file.exportedBy}, digest ${file.digest}`
        })
      })
      return reviewOf(file.payout.id)
    },

    importedReview: reviewOf,

    listImported(): ImportedReview[] {
      return approvalRepo.listRequests(db.write).map((r) => importedReview(r, catalogue))
    },

    /**
     * Keeps the approver's signature over an imported payout's message, after checking it recovers
     * to an approver of the policy the payout was submitted under who is not its creator (the
     * creator's desktop checks against its own policy again on import).
     */
    recordImportedApproval(payoutId: string, signature: string): ImportedReview {
      const request = stored(payoutId)
      const { file, digestInput } = parseApprovalRequest(new TextEncoder().encode(request.request))
      const signer = recoverApprover(approvalMessage(file.digest, digestInput), signature)
      const snapshot: StoredPolicy = {
        approvers: file.policy.approvers,
        threshold: file.policy.threshold,
        amountRules: []
      }
      const approver = approverFor(
        snapshot,
        signer,
        { name: file.payout.creatorName, address: file.payout.creatorAddress },
        []
      )
      inTransaction(db.write, () => {
        approvalRepo.signRequest(db.write, payoutId, request.revision, signer, signature, stamp())
        appendAudit(db.write, {
          actor: approver.name,
          action: 'approval_signed_offline',
          payoutId,
          at: stamp(),
          detail: `${approver.name} (${signer}) signed digest ${file.digest} of revision ${request.revision}`
        })
      })
      return reviewOf(payoutId)
    },

    /** The approval file to carry back to the creator's desktop. */
    exportApproval(payoutId: string): Uint8Array {
      const request = stored(payoutId)
      if (request.signer === null || request.signature === null || request.signedAt === null) {
        throw new AppFailure('approval_not_signed', 'Sign the approval on your Ledger before exporting it.')
      }
      const { file } = parseApprovalRequest(new TextEncoder().encode(request.request))
      const approverName = file.policy.approvers.find((a) => a.address === request.signer)?.name ?? ''
      return encodeFile({
        format: APPROVAL_FORMAT,
        version: FILE_VERSION,
        payoutId,
        revision: request.revision,
        digest: request.digest,
        signer: request.signer,
        approverName,
        signature: request.signature,
        signedAt: request.signedAt
      })
    }
  }
}

export type ApproverDesk = ReturnType<typeof createApproverDesk>
