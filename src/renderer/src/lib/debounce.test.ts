// Runs in: Vitest (Node, fake timers). Debounce and latest-only: what typing-driven calls rely on.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { debounce, latestOnly } from './debounce'

describe('debounce', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('calls once, with the latest arguments, after the pause', () => {
    const fn = vi.fn()
    const d = debounce(fn, 150)
    d('a')
    vi.advanceTimersByTime(100)
    d('ab')
    vi.advanceTimersByTime(100)
    d('abc')
    expect(fn).not.toHaveBeenCalled()
    vi.advanceTimersByTime(150)
    expect(fn).toHaveBeenCalledTimes(1)
    expect(fn).toHaveBeenCalledWith('abc')
  })

  it('does not call after cancel', () => {
    const fn = vi.fn()
    const d = debounce(fn, 150)
    d(1)
    d.cancel()
    vi.advanceTimersByTime(1000)
    expect(fn).not.toHaveBeenCalled()
  })

  it('flush runs the pending call at once, and only once', () => {
    const fn = vi.fn()
    const d = debounce(fn, 150)
    d('x')
    d.flush()
    expect(fn).toHaveBeenCalledWith('x')
    vi.advanceTimersByTime(1000)
    d.flush()
    expect(fn).toHaveBeenCalledTimes(1)
  })
})

describe('latestOnly', () => {
  it('treats only the newest ticket as current', () => {
    const l = latestOnly()
    const first = l.next()
    const second = l.next()
    expect(l.isCurrent(first)).toBe(false)
    expect(l.isCurrent(second)).toBe(true)
  })
})
