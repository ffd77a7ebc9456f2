// Runs in: renderer. The tiny hash router: the current Route from `location.hash`, and navigate().
import { useSyncExternalStore } from 'react'
import { parseRoute, routeHref, type Route } from '../lib/route'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

const currentHash = (): string => window.location.hash

export function useRoute(): Route {
  // Subscribing to the hash string (not a parsed object) keeps renders stable between changes.
  const hash = useSyncExternalStore(subscribe, currentHash)
  return parseRoute(hash)
}

/** Goes to a screen. `replace` does not leave the current screen in the back history. */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = routeHref(route)
  if (options.replace) window.location.replace(href)
  else window.location.hash = href
}
