// Runs in: every process. The names of payout and item statuses, and their labels for people.
// The rules that move between them live in src/main/domain/statusMachine.ts.
import { assertNever } from './result'

export const PAYOUT_STATUSES = ['draft', 'pending', 'in_progress', 'completed', 'failed', 'cancelled'] as const
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number]

/**
 * `needs_check`: the row's transaction has no receipt the network will show us, yet the paying
 * account's nonce is used: whether it paid is unknown. It is never paid again automatically; a
 * person looks the transaction up and confirms, or the network shows its outcome later.
 */
export const ITEM_STATUSES = ['draft', 'queued', 'in_progress', 'needs_check', 'paid', 'failed', 'cancelled'] as const
export type ItemStatus = (typeof ITEM_STATUSES)[number]

export const PAYOUT_KINDS = ['single', 'mass'] as const
export type PayoutKind = (typeof PAYOUT_KINDS)[number]

export function payoutStatusLabel(status: PayoutStatus): string {
  switch (status) {
    case 'draft':
      return 'Draft'
    case 'pending':
      return 'Pending'
    case 'in_progress':
      return 'In progress'
    case 'completed':
      return 'Completed'
    case 'failed':
      return 'Failed'
    case 'cancelled':
      return 'Cancelled'
    default:
      return assertNever(status, 'payout status')
  }
}

export function itemStatusLabel(status: ItemStatus): string {
  switch (status) {
    case 'draft':
      return 'Draft'
    case 'queued':
      return 'Queued'
    case 'in_progress':
      return 'Sending'
    case 'needs_check':
      return 'Needs checking'
    case 'paid':
      return 'Paid'
    case 'failed':
      return 'Failed'
    case 'cancelled':
      return 'Cancelled'
    default:
      return assertNever(status, 'item status')
  }
}

export function payoutKindLabel(kind: PayoutKind): string {
  switch (kind) {
    case 'single':
      return 'Single'
    case 'mass':
      return 'Mass'
    default:
      return assertNever(kind, 'payout kind')
  }
}
