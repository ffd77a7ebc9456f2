// Runs in: renderer. One piece of work deferred to the next frame or to a later moment, held at
// most once: asking again while it waits changes nothing, and a screen that closes cancels it, so
// a count scheduled for a screen nobody sees any more never runs.

/** Where the work waits: the next frame, or a timer of `ms` (for redraws that may come less often). */
export type DeferredWhen = { readonly frame: true } | { readonly afterMs: number }

export interface DeferredRun {
  /** Defers `work` unless a run already waits; returns whether this call scheduled one. */
  schedule(when: DeferredWhen): boolean
  /** Whether a run waits. */
  readonly pending: boolean
  /** Drops the waiting run, if any. */
  cancel(): void
}

export interface DeferredClock {
  requestFrame(run: () => void): number
  cancelFrame(handle: number): void
  setTimer(run: () => void, ms: number): number
  clearTimer(handle: number): void
}

const browserClock: DeferredClock = {
  requestFrame: (run) => requestAnimationFrame(run),
  cancelFrame: (handle) => cancelAnimationFrame(handle),
  setTimer: (run, ms) => window.setTimeout(run, ms),
  clearTimer: (handle) => window.clearTimeout(handle)
}

export function createDeferredRun(work: () => void, clock: DeferredClock = browserClock): DeferredRun {
  let waiting: { readonly handle: number; readonly frame: boolean } | null = null
  const run = (): void => {
    waiting = null
    work()
  }
  return {
    schedule(when) {
      if (waiting !== null) return false
      waiting =
        'frame' in when
          ? { handle: clock.requestFrame(run), frame: true }
          : { handle: clock.setTimer(run, when.afterMs), frame: false }
      return true
    },
    get pending() {
      return waiting !== null
    },
    cancel() {
      if (waiting === null) return
      if (waiting.frame) clock.cancelFrame(waiting.handle)
      else clock.clearTimer(waiting.handle)
      waiting = null
    }
  }
}
