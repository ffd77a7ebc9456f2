// Runs in: renderer. Listens to events pushed by main while a view is mounted.
import { useEffect, useRef } from 'react'
import type { TreasuryEvent } from '../../../shared/api'
import { onTreasuryEvent } from '../api'

export function useTreasuryEvent(listener: (event: TreasuryEvent) => void): void {
  // The latest listener is kept in a ref so the subscription is made once, not on every render.
  const latest = useRef(listener)
  useEffect(() => {
    latest.current = listener
  })
  useEffect(() => onTreasuryEvent((event) => latest.current(event)), [])
}
