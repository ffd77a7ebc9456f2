// Runs in: renderer. A debounced callback that survives re-renders and is cancelled on unmount.
import { useEffect, useMemo, useRef } from 'react'
import { debounce, type Debounced } from '../lib/debounce'

export function useDebouncedCallback<A extends unknown[]>(fn: (...args: A) => void, waitMs: number): Debounced<A> {
  const latest = useRef(fn)
  useEffect(() => {
    latest.current = fn
  })
  const debounced = useMemo(() => debounce((...args: A) => latest.current(...args), waitMs), [waitMs])
  useEffect(() => () => debounced.cancel(), [debounced])
  return debounced
}
