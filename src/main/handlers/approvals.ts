// Runs in: main (plain Node). Four-eyes control on a payout: its review, approving or rejecting it
// with a Ledger signature, and the files that carry a payout to another desk and the approval back.
import type { LedgerService } from '../ledger/ledgerService'
import type { ApprovalService } from '../services/approvalService'
import type { HandlersOf } from './owners'

export interface ApprovalHandlerDeps {
  readonly approvals: ApprovalService
  readonly ledger: () => LedgerService
}

const fileOf = (fileName: string, bytes: Uint8Array) => ({
  fileName,
  contentBase64: Buffer.from(bytes).toString('base64')
})

export function approvalHandlers({ approvals, ledger }: ApprovalHandlerDeps): HandlersOf<'approvals'> {
  return {
    async getApprovalReview({ id }) {
      return approvals.review(id)
    },
    async approvePayout({ id, accountPath }) {
      const device = ledger()
      const signer = await device.signer(accountPath)
      const signature = await device.signPersonalMessage(accountPath, approvals.message(id))
      return approvals.recordApproval(id, signature, { expectedSigner: signer.address })
    },
    async rejectPayout({ id, approver, reason }) {
      return approvals.reject(id, { approver, reason })
    },
    async exportForApproval({ id }) {
      return fileOf(`${id}-approval-request.json`, approvals.exportForApproval(id))
    },
    async importApproval({ contentBase64 }) {
      return approvals.importApproval(Buffer.from(contentBase64, 'base64'))
    },
    async importForApproval({ contentBase64 }) {
      return approvals.importForApproval(Buffer.from(contentBase64, 'base64'))
    },
    async listImportedForApproval() {
      return approvals.listImported()
    },
    async approveImported({ id, accountPath }) {
      const review = approvals.importedReview(id)
      const signature = await ledger().signPersonalMessage(accountPath, review.message)
      return approvals.recordImportedApproval(id, signature)
    },
    async exportApproval({ id }) {
      return fileOf(`${id}-approval.json`, approvals.exportApproval(id))
    }
  }
}
