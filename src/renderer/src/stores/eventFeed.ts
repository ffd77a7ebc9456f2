// Runs in: renderer. The app's one subscription to main's events. Each event goes to the stores
// that cache what it changed, for as long as the app runs, so nothing is missed because the view
// showing it is not on screen. Views read the stores; the few views that follow an event without
// caching main's data (payment progress, automation, books) listen through useTreasuryEvent, which
// this subscription feeds too.
import type { TreasuryEvent } from '../../../shared/api'
import { assertNever } from '../../../shared/result'
import { onTreasuryEvent } from '../api'
import { useDevice } from './device'
import { ENDPOINTS, useEndpointList } from './endpoints'
import { usePayoutList } from './payoutList'
import { PENDING_HERE, usePayoutDetails, usePayoutTransactionLists, usePendingHere } from './payouts'
import { usePolicy } from './policy'
import { useSettings } from './settings'
import { useSigningSessions } from './signingSessions'

type Listener = (event: TreasuryEvent) => void
const listeners = new Set<Listener>()

/** Hears every event after the stores have taken it; returns the unsubscribe function. */
export function onAppEvent(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function routeEvent(event: TreasuryEvent): void {
  switch (event.type) {
    case 'payout.changed':
      // Only a list already shown once is refreshed; a first visit loads it anyway.
      if (usePayoutList.getState().data !== null) void usePayoutList.getState().load()
      // The watched caches read again only what a view on screen shows.
      usePayoutDetails.getState().reload(event.id)
      usePayoutTransactionLists.getState().reload(event.id)
      usePendingHere.getState().reload(PENDING_HERE)
      break
    case 'settings.changed':
      void useSettings.getState().load()
      useEndpointList.getState().reload(ENDPOINTS)
      break
    case 'policy.changed':
      void usePolicy.getState().load()
      break
    case 'device.status':
      useDevice.getState().setStatus(event.status)
      break
    case 'execution.progress':
      useSigningSessions.getState().progress(event.progress)
      // Rows move (queued -> on their way -> paid) without the payout's status changing, and main
      // reports those moves only as progress: the payout on screen is read again with its transactions.
      usePayoutDetails.getState().reload(event.progress.payoutId)
      usePayoutTransactionLists.getState().reload(event.progress.payoutId)
      break
    case 'execution.trackingError':
    case 'automation.changed':
    case 'accounting.captured':
      // Held by the views that show them (payment, automation settings, books), through onAppEvent.
      break
    default:
      assertNever(event, 'event')
  }
  for (const listener of listeners) listener(event)
}

/** Subscribes once, when the app starts; returns the unsubscribe function. */
export function startEventFeed(): () => void {
  return onTreasuryEvent(routeEvent)
}
