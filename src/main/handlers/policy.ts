// Runs in: main (plain Node). The approval policy: approvers (each confirmed on their own Ledger),
// how many must approve, and the amount below which a currency's payouts skip approval.
import { policyView } from '../approvals/policy'
import type { LedgerService } from '../ledger/ledgerService'
import type { ApprovalService } from '../services/approvalService'
import type { HandlersOf } from './owners'

export interface PolicyHandlerDeps {
  readonly approvals: ApprovalService
  readonly ledger: () => LedgerService
}

export function policyHandlers({ approvals, ledger }: PolicyHandlerDeps): HandlersOf<'policy'> {
  return {
    async getApprovalPolicy() {
      return policyView(approvals.policy())
    },
    async addApprover({ name, path }) {
      // The approver's address is the one their own Ledger displays and they confirm there.
      const address = await ledger().verifyAddress(path)
      return policyView(approvals.addApprover({ name, address }))
    },
    async removeApprover({ address }) {
      return policyView(approvals.removeApprover(address))
    },
    async setApprovalThreshold({ threshold }) {
      return policyView(approvals.setThreshold(threshold))
    },
    async setApprovalAmountRule({ assetId, maxWithoutApproval }) {
      return policyView(approvals.setAmountRuleText(assetId, maxWithoutApproval))
    }
  }
}
