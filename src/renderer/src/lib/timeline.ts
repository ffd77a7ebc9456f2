// Runs in: renderer. Who did what in a payout's history: a signed act is named from the team roster
// with the Ledger address that signed it; anything else was done at a desk under its label, or by
// the app itself. And why a payout is back in Draft: the last time it was reopened.
import type { AuditEntry, PayoutDetail } from '../../../shared/api'
import { actionLabel } from './format'

/** The actor main records for what the app does on its own (e.g. a policy change reopening payouts). */
export const SYSTEM_ACTOR = 'system'
const ADDRESS = /^0x[0-9a-fA-F]{40}$/

export type ActorView =
  | { readonly kind: 'signed'; readonly name: string | null; readonly address: string }
  | { readonly kind: 'desk'; readonly label: string }
  | { readonly kind: 'system' }

export function actorOf(entry: Pick<AuditEntry, 'actor' | 'actorAddress'>): ActorView {
  if (entry.actorAddress !== null) {
    // Main names the address from the roster; an address it could not name comes back as itself.
    const named = entry.actor !== entry.actorAddress && !ADDRESS.test(entry.actor)
    return { kind: 'signed', name: named ? entry.actor : null, address: entry.actorAddress }
  }
  return entry.actor === SYSTEM_ACTOR ? { kind: 'system' } : { kind: 'desk', label: entry.actor }
}

/** For a payout back in Draft: when it was reopened, by whom and why (the last such entry). */
export function reopenedBecause(payout: Pick<PayoutDetail, 'status' | 'timeline'>): AuditEntry | null {
  if (payout.status !== 'draft') return null
  let last: AuditEntry | null = null
  for (const e of payout.timeline) if (e.action === 'reopened' && (last === null || e.id > last.id)) last = e
  return last
}

/**
 * Whether the payout's last submission had to wait for approval (it went to Pending), from its
 * history; null when it was never submitted or was reopened since.
 */
export function approvalRequiredAtSubmission(payout: Pick<PayoutDetail, 'timeline'>): boolean | null {
  let last: AuditEntry | null = null
  for (const e of payout.timeline)
    if ((e.action === 'submitted' || e.action === 'reopened') && (last === null || e.id > last.id)) last = e
  if (last === null || last.action === 'reopened') return null
  return last.toStatus === 'pending'
}

/** History words that read better than the action's own: an undo is named as an undo. */
const HISTORY_WORDS: Readonly<Record<string, string>> = {
  edit_undone: 'Undo',
  edit_redone: 'Redo',
  signed: 'Signed on Ledger',
  broadcast: 'Sent to the network'
}

/** The heading of a history entry. */
export function historyActionLabel(action: string): string {
  return HISTORY_WORDS[action] ?? actionLabel(action)
}
