// Runs in: main (plain Node). Captures what the books need (block time, receipt fee, rates at the
// block) once a payout has settled, in the background and one payout at a time. Paying never waits
// for it and never fails because of it: a capture that fails is written to the audit log and owed
// until it succeeds; at the next start every settled payout still missing its facts (or whose feed
// could not be read at all) is captured again.
import type { TreasuryEvent } from '../../../shared/api'
import { FIAT_CURRENCIES, type FeedDirectory } from '../../domain/priceFeeds'
import type { Catalogue } from '../../domain/catalogue'
import type { EthRpc } from '../../chain/ethRpc'
import { captureAccounting, type CaptureResult } from '../../accounting/capture'
import { payoutsAwaitingCapture } from '../../store/accountingRepo'
import { appendAudit } from '../../store/auditLog'
import { inTransaction, type OpenedDatabase } from '../../store/db'
import { getPayoutRow } from '../../store/payoutRepo'

export const CAPTURE_AUDIT = { captured: 'rates_captured', failed: 'capture_failed' } as const
const SYSTEM_ACTOR = 'system'
/** Gaps and warnings named in the audit text; the ledger lists every one. */
const NOTES_SHOWN = 5

export interface CaptureQueueDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  readonly feeds: FeedDirectory
  readonly rpcFor: (chainId: number) => EthRpc
  readonly now: () => Date
  /** Told once a payout's values are stored, so views can show them. */
  readonly captured: (payoutId: string) => void
}

export interface CaptureQueue {
  /** Watches the app's events: a payout that became completed or failed is captured. */
  observe(event: TreasuryEvent): void
  /** Queues a payout's capture; `refresh` reads everything again. */
  enqueue(payoutId: string, refresh?: boolean): void
  /** Queues every settled payout whose capture is still owed (at start). */
  resume(): void
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>
  /** Takes nothing new; resolves when the running capture has finished. */
  close(): Promise<void>
}

function summary(result: CaptureResult): string {
  const notes = [...result.gaps, ...result.warnings]
  const shown = notes.slice(0, NOTES_SHOWN).map((n) => n.message)
  const more = notes.length - shown.length
  return `Accounting facts of ${result.transactions} transaction(s) captured (${result.factsRead} read now, ${result.ratesRead} rate reading(s)).${
    shown.length === 0 ? ' Every rate was read at its block.' : ` ${shown.join(' ')}`
  }${more > 0 ? ` And ${more} more.` : ''}`
}

export function createCaptureQueue(deps: CaptureQueueDeps): CaptureQueue {
  const { db } = deps
  let tail: Promise<void> = Promise.resolve()
  const queued = new Map<string, boolean>()
  let closed = false

  function audit(payoutId: string, action: string, detail: string): void {
    inTransaction(db.write, () =>
      appendAudit(db.write, { actor: SYSTEM_ACTOR, action, payoutId, at: deps.now().toISOString(), detail })
    )
  }

  async function run(payoutId: string): Promise<void> {
    const refresh = queued.get(payoutId) === true
    queued.delete(payoutId)
    const payout = getPayoutRow(db.read, payoutId)
    if (payout === undefined) return
    try {
      const result = await captureAccounting(
        { db, rpc: deps.rpcFor(payout.chainId), catalogue: deps.catalogue, feeds: deps.feeds, now: deps.now },
        payoutId,
        { refresh, currencies: FIAT_CURRENCIES }
      )
      audit(payoutId, CAPTURE_AUDIT.captured, summary(result))
      deps.captured(payoutId)
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e)
      audit(
        payoutId,
        CAPTURE_AUDIT.failed,
        `Reading block times, fees and rates failed (${why}). The payment is unaffected; this is tried again at the next start.`
      )
    }
  }

  const queue: CaptureQueue = {
    observe(event) {
      if (event.type !== 'payout.changed') return
      if (event.status === 'completed' || event.status === 'failed') queue.enqueue(event.id)
    },
    enqueue(payoutId, refresh = false) {
      if (closed) return
      const already = queued.has(payoutId)
      queued.set(payoutId, refresh || queued.get(payoutId) === true)
      if (already) return
      // A failure to record the failure must not stop the captures queued after it.
      tail = tail
        .then(() => (closed ? undefined : run(payoutId)))
        .catch((e: unknown) => console.error(`Capturing payout ${payoutId} failed`, e))
    },
    resume() {
      for (const owed of payoutsAwaitingCapture(db.read)) queue.enqueue(owed.payoutId, owed.feedUnreadable)
    },
    idle: () => tail,
    async close() {
      closed = true
      await tail
    }
  }
  return queue
}
