// Runs in: renderer. The structured part of the errors the approval screens answer with a question
// rather than a message: the members a policy file would set up ("Is this your team?"), and the
// approvals an edit would void. Details cross the process boundary untyped, so each is checked.
import type { PolicyMemberView } from '../../../../shared/approvals'
import type { AppError } from '../../../../shared/result'

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

/** The first version's members named by a policy file, when main asks to confirm adopting it. */
export function adoptionMembers(error: AppError): PolicyMemberView[] | null {
  if (error.code !== 'policy_adopt_confirm' || !isRecord(error.details)) return null
  const members = error.details.members
  if (!Array.isArray(members)) return null
  const out: PolicyMemberView[] = []
  for (const m of members) {
    if (!isRecord(m) || typeof m.name !== 'string' || typeof m.address !== 'string') return null
    out.push({ name: m.name, address: m.address, approver: m.approver === true })
  }
  return out
}

/** How many approvals editing the payout would void, when main asks to confirm reopening it. */
export function reopenApprovals(error: AppError): number | null {
  if (error.code !== 'reopen_confirmation_required') return null
  const n = isRecord(error.details) ? error.details.approvals : undefined
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : 0
}
