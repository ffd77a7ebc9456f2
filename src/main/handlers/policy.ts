// Runs in: main (plain Node). The team's signed approval policy: the version in force and the open
// proposal, proposing a change, signing it on a member's own Ledger, and the file that carries the
// policy and its signatures between desks.
import type { PolicyService } from '../services/policyService'
import type { HandlersOf } from './owners'

const fileOf = (fileName: string, bytes: Uint8Array) => ({
  fileName,
  contentBase64: Buffer.from(bytes).toString('base64')
})

export function policyHandlers(policies: PolicyService): HandlersOf<'policy'> {
  return {
    async getApprovalPolicy() {
      return policies.view()
    },
    async proposePolicy(input) {
      return policies.propose(input)
    },
    async signPolicyProposal({ accountPath }) {
      return policies.signProposal(accountPath)
    },
    async discardPolicyProposal() {
      return policies.discardProposal()
    },
    async exportPolicy() {
      const view = policies.view()
      const sequence = view.proposal?.sequence ?? view.inForce?.sequence ?? 0
      return fileOf(`treasury-policy-v${sequence}.json`, policies.exportFile())
    },
    async importPolicy({ contentBase64, adoptTeam }) {
      return policies.importFile(Buffer.from(contentBase64, 'base64'), { adoptTeam })
    }
  }
}
