// Runs in: Vitest (Node, fake timers). The draft autosave rhythm.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAutosaver, type AutosaveState } from './autosave'

const WAIT = 300

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

function deferred(): { promise: Promise<boolean>; resolve: (ok: boolean) => void } {
  let resolve!: (ok: boolean) => void
  const promise = new Promise<boolean>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

describe('createAutosaver', () => {
  it('saves once after typing pauses, however many edits came before', async () => {
    const save = vi.fn(async () => true)
    const saver = createAutosaver(save, WAIT)
    saver.touch()
    await vi.advanceTimersByTimeAsync(WAIT - 1)
    saver.touch()
    await vi.advanceTimersByTimeAsync(WAIT - 1)
    expect(save).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(save).toHaveBeenCalledTimes(1)
    expect(saver.state).toBe('saved')
  })

  it('runs one save at a time and saves edits made during a save right after it', async () => {
    const first = deferred()
    const save = vi.fn().mockReturnValueOnce(first.promise).mockResolvedValue(true)
    const saver = createAutosaver(save, WAIT)
    saver.touch()
    await vi.advanceTimersByTimeAsync(WAIT)
    saver.touch()
    await vi.advanceTimersByTimeAsync(WAIT * 3)
    expect(save).toHaveBeenCalledTimes(1) // still waiting for the first
    first.resolve(true)
    await vi.advanceTimersByTimeAsync(0)
    expect(save).toHaveBeenCalledTimes(2)
    expect(saver.state).toBe('saved')
  })

  it('reports a failed save and tries again on flush, with the edit still pending', async () => {
    const states: AutosaveState[] = []
    const save = vi.fn().mockResolvedValueOnce(false).mockResolvedValue(true)
    const saver = createAutosaver(save, WAIT, (s) => states.push(s))
    saver.touch()
    await vi.advanceTimersByTimeAsync(WAIT)
    expect(saver.state).toBe('error')
    await saver.flush()
    expect(save).toHaveBeenCalledTimes(2)
    expect(states).toEqual(['waiting', 'saving', 'error', 'saving', 'saved'])
  })

  it('flush saves a waiting edit at once without waiting for the pause', async () => {
    const save = vi.fn(async () => true)
    const saver = createAutosaver(save, WAIT)
    saver.touch()
    await saver.flush()
    expect(save).toHaveBeenCalledTimes(1)
  })

  it('a thrown save counts as a failure, not a crash', async () => {
    const saver = createAutosaver(async () => {
      throw new Error('boom')
    }, WAIT)
    saver.touch()
    await vi.advanceTimersByTimeAsync(WAIT)
    expect(saver.state).toBe('error')
  })

  it('after dispose no timer fires', async () => {
    const save = vi.fn(async () => true)
    const saver = createAutosaver(save, WAIT)
    saver.touch()
    saver.dispose()
    await vi.advanceTimersByTimeAsync(WAIT * 2)
    expect(save).not.toHaveBeenCalled()
  })
})
