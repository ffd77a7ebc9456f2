// Runs in: renderer. Keeps the device status fresh while a view showing it is mounted: asks main
// every few seconds while the window is visible (one request at a time, so a slow device never
// piles up requests); 'device.status' events reach the store through stores/eventFeed.ts.
import { useEffect } from 'react'
import { useDevice } from '../../stores/device'

export const DEVICE_POLL_MS = 3_000

export function useDevicePolling(): void {
  const refresh = useDevice((s) => s.refresh)
  useEffect(() => {
    let inFlight = false
    let stopped = false
    const tick = (): void => {
      if (inFlight || stopped || document.visibilityState === 'hidden') return
      inFlight = true
      void refresh().finally(() => {
        inFlight = false
      })
    }
    tick()
    const timer = window.setInterval(tick, DEVICE_POLL_MS)
    document.addEventListener('visibilitychange', tick)
    return () => {
      stopped = true
      window.clearInterval(timer)
      document.removeEventListener('visibilitychange', tick)
    }
  }, [refresh])
}
