// Runs in: main (plain Node). One background loop per network that follows the journal's open
// transactions: the same reconciliation pass as the engine's start-up resume, but stoppable, and
// paused while a payout on that network is being signed (the executor then reconciles what it
// waits for itself, and two passes must never settle the same transaction).
// A loop runs while something is live or a confirmed transaction is inside its reorg re-check
// window. When only unverified transactions remain it ends, and a slower re-check of them is
// scheduled. An endpoint that serves another chain ends the loop at once (reported, never retried
// on its own): tracking that network resumes when its endpoint changes, a payment starts or the app
// restarts.
import { CHAIN_ERROR, ChainError } from './errors'
import type { Executor } from './executor'

export interface TrackingLoopsOptions {
  readonly executorFor: (chainId: number) => Executor
  readonly pollIntervalMs: number
  /** Pause between passes that only look at unverified transactions again. Default: 60 s. */
  readonly recheckIntervalMs?: number
  /** Pause between passes while only confirmed transactions are watched for reorgs. Default: 12 s (a block or more). */
  readonly watchIntervalMs?: number
  /** A pass that failed (endpoint down, garbage answer, wrong chain): reported; the loop goes on unless the chain is wrong. */
  readonly onError: (chainId: number, error: unknown) => void
}

export interface TrackingLoops {
  /** Starts (or keeps) the loop for a network; resolves when it ends (nothing left to follow, wrong chain, or stop). */
  track(chainId: number): Promise<void>
  /** Runs `job` with the network's loop paused between passes. */
  exclusive<T>(chainId: number, job: () => Promise<T>): Promise<T>
  /** Resolves when every running loop has ended. */
  idle(): Promise<void>
  stop(): Promise<void>
}

export const DEFAULT_RECHECK_INTERVAL_MS = 60_000
export const DEFAULT_WATCH_INTERVAL_MS = 12_000

const isWrongChain = (error: unknown): boolean => error instanceof ChainError && error.code === CHAIN_ERROR.wrongChain

export function createTrackingLoops(options: TrackingLoopsOptions): TrackingLoops {
  const running = new Map<number, Promise<void>>()
  const busy = new Map<number, number>()
  /** The pass in flight per network, so a signing job starts only once it is over. */
  const passes = new Map<number, Promise<unknown>>()
  /** Slower re-checks of unverified transactions, per network. */
  const rechecks = new Map<number, NodeJS.Timeout>()
  const recheckMs = options.recheckIntervalMs ?? DEFAULT_RECHECK_INTERVAL_MS
  const watchMs = Math.max(options.pollIntervalMs, options.watchIntervalMs ?? DEFAULT_WATCH_INTERVAL_MS)
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

  function scheduleRecheck(chainId: number): void {
    if (stopped || rechecks.has(chainId)) return
    const timer = setTimeout(() => {
      rechecks.delete(chainId)
      void track(chainId)
    }, recheckMs)
    // A pending re-check never keeps the process alive on its own.
    timer.unref()
    rechecks.set(chainId, timer)
  }

  async function loop(chainId: number): Promise<void> {
    const executor = options.executorFor(chainId)
    while (!stopped) {
      if ((busy.get(chainId) ?? 0) > 0) {
        await sleep(options.pollIntervalMs)
        continue
      }
      let pause = options.pollIntervalMs
      try {
        const pass = executor.reconcileOnce()
        passes.set(chainId, pass)
        const left = await pass
        if (left.live === 0 && left.watched === 0) {
          if (left.unverified > 0) scheduleRecheck(chainId)
          return
        }
        // Only confirmed transactions are watched: a block hash changes at most once a block.
        if (left.live === 0) pause = watchMs
      } catch (error) {
        options.onError(chainId, error)
        if (isWrongChain(error)) return
      } finally {
        passes.delete(chainId)
      }
      await sleep(pause)
    }
  }

  function track(chainId: number): Promise<void> {
    const current = running.get(chainId)
    if (current) return current
    if (stopped) return Promise.resolve()
    const pending = rechecks.get(chainId)
    if (pending) {
      clearTimeout(pending)
      rechecks.delete(chainId)
    }
    const started = loop(chainId).finally(() => running.delete(chainId))
    running.set(chainId, started)
    return started
  }

  return {
    track,
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
      for (const timer of rechecks.values()) clearTimeout(timer)
      rechecks.clear()
      for (const wake of [...sleepers]) wake()
      await Promise.all([...running.values()])
    }
  }
}
