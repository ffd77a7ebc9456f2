// Runs in: main (plain Node). The approver's side of an approval carried by file: a payout imported
// from the submitting desk is kept for review (never as a payout that could be paid here), after
// its digest, its submitter's signature and the team policy it names are checked; the approver's
// Ledger signature over its approval statement is checked and kept; and the approval file is
// produced to carry back. The submitting desk checks everything again on import.
import { getAddress } from 'ethers'
import { AppFailure } from '../../shared/errors'
import type { ImportedReview } from '../../shared/approvals'
import type { Catalogue } from '../domain/catalogue'
import { notFound } from '../errors'
import * as approvalRepo from '../store/approvalRepo'
import { appendAudit, auditHead } from '../store/auditLog'
import { inTransaction, type OpenedDatabase } from '../store/db'
import { getPayoutRow } from '../store/payoutRepo'
import type { PolicyService } from '../services/policyService'
import { approverFor } from './decision'
import { APPROVAL_FORMAT, FILE_VERSION, encodeFile, parseApprovalRequest, type ParsedRequest } from './files'
import { importedReview } from './importedReview'
import { anchorOf, payoutStatement, recoverSigner } from './statements'
import { memberOf } from './policyDocument'

export interface ApproverDeskDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  readonly stamp: () => string
  readonly deskLabel: () => string
  readonly policies: PolicyService
  readonly sign: (path: string, message: string) => Promise<string>
  readonly addressOf: (path: string) => Promise<string>
}

/** The submitter's signature in a request must be the submission statement over its digest, by the address it names. */
function verifySubmission(parsed: ParsedRequest): void {
  const s = parsed.file.submission
  if (s.submitterAddress === null) {
    if (s.signature !== null || s.message !== null)
      throw new AppFailure('approval_file_malformed', 'This request carries a signature for an unsigned submission.')
    return
  }
  const anchor = s.message === null ? null : anchorOf(s.message)
  if (
    s.signature === null ||
    s.message === null ||
    anchor === null ||
    s.message !== payoutStatement('submit', parsed.file.digest, parsed.digestInput, anchor) ||
    recoverSigner(s.message, s.signature) !== getAddress(s.submitterAddress)
  )
    throw new AppFailure(
      'approval_signature_invalid',
      "The submitter's signature in this request is not over this payout. Do not approve it; ask for a fresh export."
    )
}

export function createApproverDesk(deps: ApproverDeskDeps) {
  const { db, catalogue, stamp, policies } = deps

  function stored(payoutId: string): approvalRepo.StoredRequest {
    const r = approvalRepo.latestRequest(db.write, payoutId)
    if (r === undefined) throw notFound('Imported payout', payoutId)
    return r
  }

  function reviewOf(payoutId: string): ImportedReview {
    return importedReview(stored(payoutId), catalogue, (h) => policies.versionByHash(h), auditHead(db.write))
  }

  /** The request's policy version and the submitter's place in it, checked against this desk's chain. */
  function policyOfRequest(parsed: ParsedRequest) {
    const hash = parsed.file.submission.policyHash
    if (hash === null)
      throw new AppFailure(
        'approval_not_pending',
        'This payout was not submitted under a signed policy; it needs no approval.'
      )
    const policy = policies.versionByHash(hash)
    if (policy === undefined)
      throw new AppFailure(
        'policy_changed',
        `This payout names policy ${hash}, which this desk does not hold. Import the team's policy file.`
      )
    const submitter = parsed.file.submission.submitterAddress
    if (submitter !== null && memberOf(policy, submitter) === undefined)
      throw new AppFailure(
        'submitter_not_member',
        `The submitter ${submitter} is not a member of policy version ${policy.sequence}.`
      )
    return policy
  }

  return {
    /** Checks the request (digest, submitter's signature, policy chain) and keeps it for review here. */
    importForApproval(bytes: Uint8Array): ImportedReview {
      const parsed = parseApprovalRequest(bytes)
      const { file } = parsed
      if (getPayoutRow(db.write, file.payout.id) !== undefined) {
        throw new AppFailure(
          'approval_request_is_local',
          'This payout was created at this desk. Approve it from its own page instead of importing it.'
        )
      }
      verifySubmission(parsed)
      policies.extendFrom(parsed.policy)
      policyOfRequest(parsed)
      inTransaction(db.write, () => {
        approvalRepo.upsertRequest(db.write, {
          payoutId: file.payout.id,
          revision: file.payout.revision,
          digest: file.digest,
          request: new TextDecoder().decode(bytes),
          importedAt: stamp()
        })
        appendAudit(db.write, {
          actor: deps.deskLabel(),
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
      return approvalRepo
        .listRequests(db.write)
        .map((r) => importedReview(r, catalogue, (h) => policies.versionByHash(h), auditHead(db.write)))
    },

    /**
     * Signs an imported payout's approval statement on the Ledger at `path`, after checking the
     * account is an approver of the policy the payout was submitted under and not its submitter.
     */
    async approveImported(payoutId: string, path: string): Promise<ImportedReview> {
      const request = stored(payoutId)
      const parsed = parseApprovalRequest(new TextEncoder().encode(request.request))
      const policy = policyOfRequest(parsed)
      const address = await deps.addressOf(path)
      const approver = approverFor(policy, address, parsed.file.submission.submitterAddress, [])
      const message = payoutStatement('approve', parsed.file.digest, parsed.digestInput, auditHead(db.write))
      const signature = await deps.sign(path, message)
      if (recoverSigner(message, signature) !== getAddress(address))
        throw new AppFailure('approval_signature_mismatch', 'The approval was not signed by the account chosen.')
      const at = stamp()
      inTransaction(db.write, () => {
        approvalRepo.signRequest(db.write, payoutId, request.revision, {
          signer: approver.address,
          signature,
          message,
          signedAt: at
        })
        appendAudit(db.write, {
          actor: approver.address,
          action: 'approval_signed_offline',
          payoutId,
          at,
          detail: `${approver.name} (${approver.address}) signed digest ${parsed.file.digest} of revision ${request.revision}`
        })
      })
      return reviewOf(payoutId)
    },

    /** The approval file to carry back to the submitting desk. */
    exportApproval(payoutId: string): Uint8Array {
      const request = stored(payoutId)
      if (
        request.signer === null ||
        request.signature === null ||
        request.message === null ||
        request.signedAt === null
      ) {
        throw new AppFailure('approval_not_signed', 'Sign the approval on your Ledger before exporting it.')
      }
      return encodeFile({
        format: APPROVAL_FORMAT,
        version: FILE_VERSION,
        payoutId,
        revision: request.revision,
        digest: request.digest,
        signer: request.signer,
        signature: request.signature,
        message: request.message,
        signedAt: request.signedAt,
        auditHead: auditHead(db.write)
      })
    }
  }
}

export type ApproverDesk = ReturnType<typeof createApproverDesk>
