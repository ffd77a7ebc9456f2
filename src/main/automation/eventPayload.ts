// Runs in: main (plain Node). One payout status change as other systems receive it, the same in a
// server-sent event, a webhook call and the order of both: the event's sequence number.
import type { PayoutSource } from '../../shared/automation'
import type { PayoutStatus } from '../../shared/statuses'
import { payoutSource } from '../store/automationRepo'
import type { ReadDb, WriteDb } from '../store/db'
import type { PayoutEvent } from '../store/payoutEventsRepo'

export interface StatusEventPayload {
  readonly seq: number
  readonly payoutId: string
  readonly status: PayoutStatus
  readonly previousStatus: PayoutStatus | null
  readonly at: string
  readonly source: PayoutSource
}

/** The event type named in server-sent events and webhook calls. */
export const STATUS_EVENT_TYPE = 'payout.status'

export function statusEventPayload(db: ReadDb | WriteDb, event: PayoutEvent): StatusEventPayload {
  return {
    seq: event.seq,
    payoutId: event.payoutId,
    status: event.status,
    previousStatus: event.previousStatus,
    at: event.at,
    source: payoutSource(db, event.payoutId)
  }
}
