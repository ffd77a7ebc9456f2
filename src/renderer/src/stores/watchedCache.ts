// Runs in: renderer. Main's data for what is on screen: a view watches a key while it is mounted,
// the app's event feed asks for a fresh read of what an event changed, and reads of one key never
// overlap (events during a read cause one more). What no view watches is not kept, so a view opened
// again starts empty and reads anew instead of showing what was true when it was last open.
import { useCallback, useEffect } from 'react'
import { create, type StoreApi, type UseBoundStore } from 'zustand'
import type { AppError, Result } from '../api'
import { singleFlight } from '../lib/singleFlight'

export interface Cached<V> {
  readonly value: V | null
  /** The last read's failure; the value read before it stays shown. */
  readonly error: AppError | null
}

export interface WatchedCache<V> {
  readonly entries: Readonly<Record<string, Cached<V>>>
  /** Keeps `key` until the returned function is called; a key watched twice is kept until both stop. */
  watch(key: string): () => void
  /** Reads `key` again if a view watches it; does nothing otherwise. */
  reload(key: string): void
  /** Shows what main answered to an action, without asking again; a read already on its way does not overwrite it. */
  update(key: string, next: (value: V | null) => V): void
}

export type WatchedStore<V> = UseBoundStore<StoreApi<WatchedCache<V>>>

export function createWatchedCache<V>(read: (key: string) => Promise<Result<V>>): WatchedStore<V> {
  const watchers = new Map<string, number>()
  const reads = new Map<string, () => void>()
  // Each read and each update takes a ticket; only an answer holding the newest one is shown.
  const tickets = new Map<string, number>()
  const nextTicket = (key: string): number => {
    const ticket = (tickets.get(key) ?? 0) + 1
    tickets.set(key, ticket)
    return ticket
  }

  return create<WatchedCache<V>>()((set, get) => {
    const put = (key: string, entry: Cached<V>): void => set({ entries: { ...get().entries, [key]: entry } })
    const reader = (key: string): (() => void) =>
      singleFlight(async () => {
        const ticket = nextTicket(key)
        const result = await read(key)
        if (tickets.get(key) !== ticket || !watchers.has(key)) return
        if (result.ok) put(key, { value: result.value, error: null })
        else put(key, { value: get().entries[key]?.value ?? null, error: result.error })
      })

    return {
      entries: {},
      watch(key) {
        watchers.set(key, (watchers.get(key) ?? 0) + 1)
        if (!reads.has(key)) {
          reads.set(key, reader(key))
          put(key, { value: null, error: null })
        }
        let stopped = false
        return () => {
          if (stopped) return
          stopped = true
          const left = (watchers.get(key) ?? 1) - 1
          if (left > 0) {
            watchers.set(key, left)
            return
          }
          watchers.delete(key)
          reads.delete(key)
          nextTicket(key) // a read still on its way is not shown
          const rest = { ...get().entries }
          delete rest[key]
          set({ entries: rest })
        }
      },
      reload(key) {
        reads.get(key)?.()
      },
      update(key, next) {
        if (!watchers.has(key)) return
        nextTicket(key)
        put(key, { value: next(get().entries[key]?.value ?? null), error: null })
      }
    }
  })
}

export interface WatchedView<V> extends Cached<V> {
  readonly reload: () => void
}

/** Watches `key` while the calling view is mounted, reading it now and again whenever `version` changes. */
export function useWatched<V>(cache: WatchedStore<V>, key: string, version = ''): WatchedView<V> {
  useEffect(() => cache.getState().watch(key), [cache, key])
  useEffect(() => cache.getState().reload(key), [cache, key, version])
  const entry = cache((s) => s.entries[key])
  const reload = useCallback(() => cache.getState().reload(key), [cache, key])
  return { value: entry?.value ?? null, error: entry?.error ?? null, reload }
}
