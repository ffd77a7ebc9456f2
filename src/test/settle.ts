// Runs in: tests (plain Node). Follows an executor's live transactions until none remain, with the
// same tracking loop the app runs (chain/trackingLoops.ts), and fails after `timeoutMs` with the
// last error a pass met.
import type { Executor } from '../main/chain/executor'
import { createTrackingLoops } from '../main/chain/trackingLoops'

const POLL_MS = 50

export async function settle(executor: Executor, timeoutMs = 60_000): Promise<void> {
  const errors: unknown[] = []
  const loops = createTrackingLoops({
    executorFor: () => executor,
    pollIntervalMs: POLL_MS,
    onError: (_chainId, error) => void errors.push(error)
  })
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const last = errors.at(-1)
      reject(
        new Error(
          `Transactions still live after ${timeoutMs} ms${last === undefined ? '' : `; last error: ${String(last)}`}`
        )
      )
    }, timeoutMs)
  })
  try {
    await Promise.race([loops.track(Number(executor.tracker.chainId)), timedOut])
  } finally {
    clearTimeout(timer)
    await loops.stop()
  }
}
