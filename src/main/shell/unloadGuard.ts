// Runs in: main (plain Node; the Electron wiring is in window.ts). Decides what to do when the
// page asks to stay open as the window closes: it does that only while a draft's edit is still
// being saved (see saveBeforeLeaving in the renderer), so the close is held back and tried again
// shortly, for a few seconds at most; after that the window closes anyway, so a save that never
// finishes cannot keep the app open. A request to stay that is not part of a close (a reload) is
// let through: the page has already started its save.

/** How long a close waits in all for the page's save to finish. */
export const UNLOAD_GRACE_MS = 5_000
/** How soon a held-back close is tried again. */
export const UNLOAD_RETRY_MS = 200

export type UnloadDecision = { readonly kind: 'wait'; readonly retryInMs: number } | { readonly kind: 'allow' }

export interface UnloadGuard {
  /** The window was asked to close (the user, or the app quitting). */
  closeRequested(): void
  /** The page asked to stay: hold the close back for now, or let the page go. */
  pageAskedToStay(): UnloadDecision
}

export function createUnloadGuard(
  now: () => number,
  graceMs = UNLOAD_GRACE_MS,
  retryMs = UNLOAD_RETRY_MS
): UnloadGuard {
  let firstCloseAt: number | null = null
  return {
    closeRequested() {
      // Retries close the window again: the grace counts from the first request.
      firstCloseAt ??= now()
    },
    pageAskedToStay() {
      if (firstCloseAt === null) return { kind: 'allow' }
      const left = firstCloseAt + graceMs - now()
      return left > 0 ? { kind: 'wait', retryInMs: Math.min(retryMs, left) } : { kind: 'allow' }
    }
  }
}

/** The parts of a BrowserWindow the guard uses; a stand-in in tests. */
export interface GuardedWindow {
  on(event: 'close', listener: () => void): unknown
  close(): void
  isDestroyed(): boolean
  readonly webContents: {
    on(event: 'will-prevent-unload', listener: (event: { preventDefault(): void }) => void): unknown
  }
}

/**
 * Wires the guard to a window: `later` schedules the retry (setTimeout in the app); `closeAgain`
 * repeats what was asked (closing the window, or quitting the app when that was the request).
 */
export function guardUnload(
  win: GuardedWindow,
  guard: UnloadGuard,
  later: (fn: () => void, ms: number) => void,
  closeAgain: () => void = () => win.close()
): void {
  win.on('close', () => guard.closeRequested())
  win.webContents.on('will-prevent-unload', (event) => {
    const decision = guard.pageAskedToStay()
    switch (decision.kind) {
      case 'allow':
        // Preventing this event ignores the page's request and lets it unload.
        event.preventDefault()
        return
      case 'wait':
        // Not preventing it keeps the page (and the close is cancelled); close again shortly.
        later(() => {
          if (!win.isDestroyed()) closeAgain()
        }, decision.retryInMs)
        return
      default: {
        const unknown: never = decision
        throw new Error(`unknown unload decision ${String(unknown)}`)
      }
    }
  })
}
