// Runs in: renderer. Editing a payout that waits for approval returns it to Draft and voids its
// approvals, so the person is asked first, with how many approvals are lost. When the page knows
// the payout is pending it asks before sending anything; otherwise main refuses the edit
// (reopen_confirmation_required, e.g. the payout was submitted meanwhile) and the question comes
// then. The edit is sent with `reopen` only after a yes; a no keeps the edit unsent.
import type { AppError, Result } from '../../../../shared/result'
import { reopenApprovals } from './errorDetails'

export const REOPEN_DECLINED: AppError = {
  code: 'reopen_confirmation_required',
  message:
    'Not saved: the payout is still waiting for approval. Your changes are kept here; save again to return it to Draft, or undo them.'
}

/** The question, with the number of approvals an edit voids (null: not known). */
export function reopenQuestion(approvals: number | null): string {
  const voids =
    approvals === null
      ? 'voids its approvals'
      : approvals === 0
        ? 'it will need every approval again (it has none yet)'
        : `voids ${approvals === 1 ? '1 approval' : `${approvals} approvals`}`
  return `This payout is waiting for approval. Editing returns it to Draft and ${voids}. Continue?`
}

export interface ReopenAsk {
  /** Asks the person; resolves true to go ahead. */
  readonly confirm: (approvals: number | null) => Promise<boolean>
  /** Set when the page knows the payout is pending: how many approvals it has now. */
  readonly pending: (() => Promise<number | null>) | null
}

/** Sends an edit, asking first (or when main refuses) whether to return the payout to Draft. */
export async function sendReopening<T>(
  send: (reopen: boolean) => Promise<Result<T>>,
  ask: ReopenAsk
): Promise<Result<T>> {
  if (ask.pending !== null) {
    if (!(await ask.confirm(await ask.pending()))) return { ok: false, error: REOPEN_DECLINED }
    return send(true)
  }
  const first = await send(false)
  if (first.ok) return first
  const approvals = reopenApprovals(first.error)
  if (approvals === null) return first
  if (!(await ask.confirm(approvals))) return { ok: false, error: REOPEN_DECLINED }
  return send(true)
}
