// Runs in: renderer. Listens to main's events while a view is mounted, through the app's one
// subscription (stores/eventFeed.ts), for views that hold data of their own.
import { useEffect, useRef } from 'react'
import type { TreasuryEvent } from '../../../shared/api'
import { onAppEvent } from '../stores/eventFeed'

export function useTreasuryEvent(listener: (event: TreasuryEvent) => void): void {
  // The latest listener is kept in a ref so the subscription is made once, not on every render.
  const latest = useRef(listener)
  useEffect(() => {
    latest.current = listener
  })
  useEffect(() => onAppEvent((event) => latest.current(event)), [])
}
