// Runs in: renderer. The team's signed approval policy as main last reported it (version in force,
// open proposal, history), shared by Settings, the submission confirmation and the approval views
// so names come from one roster. Reloaded when main says the policy changed.
import { create } from 'zustand'
import type { ApprovalPolicyView, PolicyMemberView } from '../../../shared/approvals'
import { api, type AppError, type Result } from '../api'

interface PolicyState {
  readonly policy: ApprovalPolicyView | null
  readonly error: AppError | null
  load(): Promise<void>
  /** Runs one policy action; main answers with the whole policy as it now stands. */
  run(action: () => Promise<Result<ApprovalPolicyView>>): Promise<Result<ApprovalPolicyView>>
}

export const usePolicy = create<PolicyState>()((set) => ({
  policy: null,
  error: null,
  async load() {
    const result = await api.getApprovalPolicy({})
    if (result.ok) set({ policy: result.value, error: null })
    else set({ error: result.error })
  },
  async run(action) {
    const result = await action()
    if (result.ok) set({ policy: result.value, error: null })
    return result
  }
}))

/** A member by address, searching the version in force first, then older versions (for people since removed). */
export function rosterMember(policy: ApprovalPolicyView | null, address: string): PolicyMemberView | null {
  if (policy === null) return null
  const a = address.toLowerCase()
  for (const v of [policy.inForce, ...[...policy.history].reverse()]) {
    const m = v?.members.find((x) => x.address.toLowerCase() === a)
    if (m !== undefined) return m
  }
  return null
}
