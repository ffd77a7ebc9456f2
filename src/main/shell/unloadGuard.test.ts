// Runs in: Vitest (node). The close guard against a stand-in window and clock: a close the page
// asks to hold back is retried until the page lets go or the grace runs out, then allowed;
// a request to stay outside a close is let through at once.
import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { createUnloadGuard, guardUnload, UNLOAD_GRACE_MS, UNLOAD_RETRY_MS } from './unloadGuard'

/** Stands in for a BrowserWindow: its close runs the page's beforeunload answer, as Electron does. */
function standIn(pageStays: () => boolean) {
  let clock = 0
  const win = new EventEmitter()
  const contents = new EventEmitter()
  const scheduled: { fn: () => void; at: number }[] = []
  const state = { closed: false, closeCalls: 0 }
  const window = {
    on: (name: 'close', l: () => void) => win.on(name, l),
    isDestroyed: () => state.closed,
    webContents: {
      on: (name: 'will-prevent-unload', l: (e: { preventDefault(): void }) => void) => contents.on(name, l)
    },
    close() {
      state.closeCalls++
      win.emit('close')
      if (!pageStays()) {
        state.closed = true
        return
      }
      let ignored = false
      contents.emit('will-prevent-unload', { preventDefault: () => (ignored = true) })
      if (ignored) state.closed = true
    }
  }
  guardUnload(
    window,
    createUnloadGuard(() => clock),
    (fn, ms) => void scheduled.push({ fn, at: clock + ms })
  )
  /** Moves the clock on, running retries as they fall due. */
  const advance = (ms: number): void => {
    const end = clock + ms
    for (;;) {
      scheduled.sort((a, b) => a.at - b.at)
      const next = scheduled[0]
      if (next === undefined || next.at > end) break
      scheduled.shift()
      clock = next.at
      next.fn()
    }
    clock = end
  }
  return {
    window,
    state,
    advance,
    emitStay: () => contents.emit('will-prevent-unload', { preventDefault: () => undefined })
  }
}

describe('unload guard', () => {
  it('holds a close back while the page is saving, and closes once the save is done', () => {
    let saving = true
    const s = standIn(() => saving)
    s.window.close()
    expect(s.state.closed).toBe(false)
    s.advance(UNLOAD_RETRY_MS)
    expect(s.state.closed).toBe(false)
    expect(s.state.closeCalls).toBe(2)
    saving = false
    s.advance(UNLOAD_RETRY_MS)
    expect(s.state.closed).toBe(true)
  })

  it('closes anyway when the save does not finish within the grace', () => {
    const s = standIn(() => true)
    s.window.close()
    s.advance(UNLOAD_GRACE_MS - 1)
    expect(s.state.closed).toBe(false)
    s.advance(1)
    expect(s.state.closed).toBe(true)
  })

  it('a close with nothing being saved is not held back', () => {
    const s = standIn(() => false)
    s.window.close()
    expect(s.state.closed).toBe(true)
    expect(s.state.closeCalls).toBe(1)
  })

  it('outside a close (a reload) the page is let go at once', () => {
    const guard = createUnloadGuard(() => 0)
    expect(guard.pageAskedToStay()).toEqual({ kind: 'allow' })
    guard.closeRequested()
    expect(guard.pageAskedToStay()).toEqual({ kind: 'wait', retryInMs: UNLOAD_RETRY_MS })
  })
})
