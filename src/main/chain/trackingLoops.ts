// Runs in: main (plain Node). One background loop per network that follows the journal's live
// transactions until none remain: the same reconciliation pass as the engine's start-up resume,
// but stoppable, and paused while a payout on that network is being signed (the executor then
// reconciles what it waits for itself, and two passes must never settle the same transaction).
import type { Executor } from './executor'

export interface TrackingLoopsOptions {
  readonly executorFor: (chainId: number) => Executor
  readonly pollIntervalMs: number
  /** A pass that failed (endpoint down, garbage answer): the loop keeps going after a pause. */
  readonly onError: (chainId: number, error: unknown) => void
}

export interface TrackingLoops {
  /** Starts (or keeps) the loop for a network; resolves when nothing is live there any more or on stop. */
  track(chainId: number): Promise<void>
  /** Runs `job` with the network's loop paused between passes. */
  exclusive<T>(chainId: number, job: () => Promise<T>): Promise<T>
  /** Resolves when every running loop has ended. */
  idle(): Promise<void>
  stop(): Promise<void>
}

export function createTrackingLoops(options: TrackingLoopsOptions): TrackingLoops {
  const running = new Map<number, Promise<void>>()
  const busy = new Map<number, number>()
  /** The pass in flight per network, so a signing job starts only once it is over. */
  const passes = new Map<number, Promise<unknown>>()
  let stopped = false
  const sleepers = new Set<() => void>()
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done(): void {
        clearTimeout(timer)
        sleepers.delete(done)
        resolve()
      }
      sleepers.add(done)
    })

  async function loop(chainId: number): Promise<void> {
    const executor = options.executorFor(chainId)
    while (!stopped) {
      if ((busy.get(chainId) ?? 0) > 0) {
        await sleep(options.pollIntervalMs)
        continue
      }
      try {
        const pass = executor.reconcileOnce()
        passes.set(chainId, pass)
        const live = await pass
        if (live === 0) return
      } catch (error) {
        options.onError(chainId, error)
      } finally {
        passes.delete(chainId)
      }
      await sleep(options.pollIntervalMs)
    }
  }

  return {
    track(chainId) {
      const current = running.get(chainId)
      if (current) return current
      if (stopped) return Promise.resolve()
      const started = loop(chainId).finally(() => running.delete(chainId))
      running.set(chainId, started)
      return started
    },
    async exclusive(chainId, job) {
      busy.set(chainId, (busy.get(chainId) ?? 0) + 1)
      try {
        await passes.get(chainId)?.catch(() => undefined)
        return await job()
      } finally {
        busy.set(chainId, (busy.get(chainId) ?? 1) - 1)
      }
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running.values()])
    },
    async stop() {
      stopped = true
      for (const wake of [...sleepers]) wake()
      await Promise.all([...running.values()])
    }
  }
}
