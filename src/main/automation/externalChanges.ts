// Runs in: main (plain Node). Notices payouts changed by another process on the same data folder
// (the command line, a second Treasury): SQLite's data_version on this process's own connection
// moves only when another connection commits, and the payout events say which payouts changed.
// Each is announced as payout.changed, so open screens follow without a reload.
import type { TreasuryEvent } from '../../shared/api'
import type { PayoutStatus } from '../../shared/statuses'
import type { OpenedDatabase } from '../store/db'
import { eventsAfter, latestEventSeq } from '../store/payoutEventsRepo'

const BATCH = 1_000

export interface ExternalChanges {
  /** Announces what other processes committed since the last check. */
  check(): void
}

export function watchExternalChanges(db: OpenedDatabase, emit: (event: TreasuryEvent) => void): ExternalChanges {
  const version = (): number => db.write.pragma('data_version', { simple: true }) as number
  let seenVersion = version()
  let seenSeq = latestEventSeq(db.write)
  return {
    check() {
      const now = version()
      if (now === seenVersion) {
        // Only this process wrote since: its own changes were announced when they were made.
        seenSeq = latestEventSeq(db.write)
        return
      }
      seenVersion = now
      const latest = new Map<string, PayoutStatus>()
      for (;;) {
        const events = eventsAfter(db.write, seenSeq, BATCH)
        for (const e of events) latest.set(e.payoutId, e.status)
        if (events.length > 0) seenSeq = events[events.length - 1]!.seq
        if (events.length < BATCH) break
      }
      for (const [id, status] of latest) emit({ type: 'payout.changed', id, status })
    }
  }
}
