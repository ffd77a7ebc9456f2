import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createDeferredRun, type DeferredClock } from './deferredRun'

/** Frames as a queue the test flushes; timers as Vitest's fake timers. */
function testClock(): DeferredClock & { flushFrames(): void } {
  const frames = new Map<number, () => void>()
  let next = 1
  return {
    requestFrame(run) {
      frames.set(next, run)
      return next++
    },
    cancelFrame: (handle) => void frames.delete(handle),
    setTimer: (run, ms) => setTimeout(run, ms) as unknown as number,
    clearTimer: (handle) => clearTimeout(handle),
    flushFrames() {
      const due = [...frames.values()]
      frames.clear()
      for (const run of due) run()
    }
  }
}

describe('createDeferredRun', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('runs once per frame however often it is asked', () => {
    const clock = testClock()
    const work = vi.fn()
    const deferred = createDeferredRun(work, clock)
    expect(deferred.schedule({ frame: true })).toBe(true)
    expect(deferred.schedule({ frame: true })).toBe(false)
    expect(deferred.schedule({ afterMs: 250 })).toBe(false)
    clock.flushFrames()
    expect(work).toHaveBeenCalledTimes(1)
    expect(deferred.pending).toBe(false)
    expect(deferred.schedule({ frame: true })).toBe(true)
  })

  it('runs a timed run after its delay', () => {
    const work = vi.fn()
    const deferred = createDeferredRun(work, testClock())
    deferred.schedule({ afterMs: 250 })
    vi.advanceTimersByTime(249)
    expect(work).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(work).toHaveBeenCalledTimes(1)
  })

  it('never runs work cancelled while it waited, on a frame or a timer', () => {
    const clock = testClock()
    const work = vi.fn()
    const deferred = createDeferredRun(work, clock)
    deferred.schedule({ frame: true })
    deferred.cancel()
    clock.flushFrames()
    deferred.schedule({ afterMs: 250 })
    deferred.cancel()
    vi.advanceTimersByTime(1_000)
    expect(work).not.toHaveBeenCalled()
    expect(deferred.pending).toBe(false)
  })
})
