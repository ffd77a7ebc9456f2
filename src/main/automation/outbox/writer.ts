// Runs in: main (plain Node). Keeps the outbox folder's status files current: reads the payout
// events of automated payouts after its saved position, rewrites each such payout's files, then
// saves the new position. A crash between the two only writes the same files again.
import type { PayoutSummary } from '../../../shared/api'
import type { OpenedDatabase } from '../../store/db'
import { automatedEventsAfter } from '../../store/payoutEventsRepo'
import { readRawSetting, writeRawSetting } from '../../store/settingsRepo'
import { writeStatusFiles } from './statusFile'

const CURSOR_KEY = 'automation.outboxCursor'
const BATCH = 100

export interface OutboxWriter {
  /** Writes what changed since the last call; the error of the last failed write, or null. */
  flush(): Promise<void>
  readonly lastError: string | null
}

export function createOutboxWriter(deps: {
  readonly db: OpenedDatabase
  readonly folder: () => string | null
  readonly payout: (id: string) => Promise<PayoutSummary>
}): OutboxWriter {
  let lastError: string | null = null
  let running = false

  async function flushOnce(folder: string): Promise<boolean> {
    const stored = readRawSetting(deps.db.write, CURSOR_KEY)
    const cursor = typeof stored === 'number' ? stored : 0
    const events = automatedEventsAfter(deps.db.read, cursor, BATCH)
    if (events.length === 0) return false
    // One write per payout per batch, with its latest state.
    for (const id of new Set(events.map((e) => e.payoutId)))
      writeStatusFiles(deps.db.read, folder, await deps.payout(id))
    writeRawSetting(deps.db.write, CURSOR_KEY, events[events.length - 1]!.seq)
    return events.length === BATCH
  }

  return {
    async flush() {
      const folder = deps.folder()
      if (folder === null || running) return
      running = true
      try {
        while (await flushOnce(folder));
        lastError = null
      } catch (e) {
        lastError = `Status files could not be written to ${folder}: ${e instanceof Error ? e.message : String(e)}`
      } finally {
        running = false
      }
    },
    get lastError() {
      return lastError
    }
  }
}
