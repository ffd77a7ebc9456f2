// Runs in: renderer. Debouncing for typing: validation and search wait until the user pauses, and
// a late answer to an earlier keystroke can be recognised and dropped.

export interface Debounced<A extends unknown[]> {
  (...args: A): void
  /** Drops a pending call (e.g. when the view unmounts). */
  cancel(): void
  /** Runs a pending call now (e.g. on submit), if there is one. */
  flush(): void
}

/** Calls `fn` with the latest arguments once `waitMs` have passed without another call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, waitMs: number): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | undefined
  let pending: A | undefined
  const run = (): void => {
    timer = undefined
    const args = pending
    pending = undefined
    if (args !== undefined) fn(...args)
  }
  const debounced = (...args: A): void => {
    pending = args
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(run, waitMs)
  }
  debounced.cancel = (): void => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    pending = undefined
  }
  debounced.flush = (): void => {
    if (timer !== undefined) clearTimeout(timer)
    run()
  }
  return debounced
}

/**
 * Hands out increasing tickets; only the newest is current. An async answer carries the ticket
 * it was asked with, so a slow reply to an old keystroke never overwrites a newer one.
 */
export function latestOnly(): { next(): number; isCurrent(ticket: number): boolean } {
  let last = 0
  return {
    next: () => ++last,
    isCurrent: (ticket) => ticket === last
  }
}
