// Runs in: main (plain Node). Four-eyes control on a payout: its review, approving or rejecting it
// with a statement signed on the approver's own Ledger, and the files that carry a payout to
// another desk and the approval back.
import type { ApprovalService } from '../services/approvalService'
import type { HandlersOf } from './owners'

const fileOf = (fileName: string, bytes: Uint8Array) => ({
  fileName,
  contentBase64: Buffer.from(bytes).toString('base64')
})

export function approvalHandlers(approvals: ApprovalService): HandlersOf<'approvals'> {
  return {
    async getApprovalReview({ id }) {
      return approvals.review(id)
    },
    async approvePayout({ id, accountPath }) {
      return approvals.approve(id, accountPath)
    },
    async rejectPayout({ id, accountPath, reason }) {
      return approvals.reject(id, accountPath, reason)
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
      return approvals.approveImported(id, accountPath)
    },
    async exportApproval({ id }) {
      return fileOf(`${id}-approval.json`, approvals.exportApproval(id))
    }
  }
}
