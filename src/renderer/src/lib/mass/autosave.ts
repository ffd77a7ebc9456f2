// Runs in: renderer. The draft's autosave rhythm: every edit asks for a save, saves wait until
// typing pauses, only one save runs at a time, edits made while one runs are saved right after,
// and a failed save is retried on the next edit (or on flush) with nothing lost.

export type AutosaveState = 'idle' | 'waiting' | 'saving' | 'saved' | 'error'

export interface Autosaver {
  /** Something changed: save after the pause. */
  touch(): void
  /** Saves now if anything is waiting; resolves when the grid is saved (or the save failed). */
  flush(): Promise<void>
  /** Stops timers; a save already running still finishes. */
  dispose(): void
  readonly state: AutosaveState
}

/** `save` resolves true when main stored everything it was given. */
export function createAutosaver(
  save: () => Promise<boolean>,
  waitMs: number,
  onState: (state: AutosaveState) => void = () => undefined
): Autosaver {
  let timer: ReturnType<typeof setTimeout> | undefined
  let state: AutosaveState = 'idle'
  let dirty = false
  let running: Promise<void> | null = null
  let disposed = false

  const setState = (next: AutosaveState): void => {
    if (next === state) return
    state = next
    onState(next)
  }

  const run = async (): Promise<void> => {
    while (dirty && !disposed) {
      dirty = false
      setState('saving')
      let ok = false
      try {
        ok = await save()
      } catch {
        ok = false
      }
      if (!ok) {
        dirty = true // kept: the next edit or flush tries again
        setState('error')
        return
      }
    }
    setState(dirty ? 'waiting' : 'saved')
  }

  const start = (): Promise<void> => {
    if (running !== null) return running
    running = run().finally(() => {
      running = null
    })
    return running
  }

  return {
    touch() {
      if (disposed) return
      dirty = true
      setState(running === null ? 'waiting' : 'saving')
      if (timer !== undefined) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = undefined
        void start()
      }, waitMs)
    },
    async flush() {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      if (running !== null) await running
      if (dirty) await start()
    },
    dispose() {
      disposed = true
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
    },
    get state() {
      return state
    }
  }
}
