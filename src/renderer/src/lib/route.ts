// Runs in: renderer. The app's screens as hash URLs (#/payouts, #/payouts/new, #/payouts/<id>,
// #/payouts/<id>/edit, #/payouts/<id>/report, #/settings, #/approvals, #/address-book, #/schedules): pure parsing and building, so the router needs no library and
// every rule is testable without a browser.
import { assertNever } from '../../../shared/result'

export type Route =
  | { readonly name: 'payouts' }
  | { readonly name: 'newSingle' }
  | { readonly name: 'newMass' }
  | { readonly name: 'payout'; readonly id: string }
  | { readonly name: 'editPayout'; readonly id: string }
  | { readonly name: 'settings' }
  | { readonly name: 'payoutReport'; readonly id: string }
  | { readonly name: 'approvals' }
  | { readonly name: 'addressBook' }
  | { readonly name: 'schedules' }
  | { readonly name: 'notFound'; readonly path: string }

export const DEFAULT_ROUTE: Route = { name: 'payouts' }

// Same shape main accepts for ids; anything else is a link that cannot resolve.
const ID = /^[A-Za-z0-9_-]{1,64}$/

/** Reads a `location.hash` ("#/payouts/abc") into a Route. An empty hash is the payouts list. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '').split('?')[0] ?? ''
  const parts = raw
    .split('/')
    .filter((p) => p !== '')
    .map(safeDecode)
  if (parts.length === 0) return DEFAULT_ROUTE
  const [first, second, third, ...rest] = parts
  if (rest.length === 0 && first === 'payouts') {
    if (second === undefined) return { name: 'payouts' }
    if (second === 'new' && third === undefined) return { name: 'newSingle' }
    if (second === 'new' && third === 'mass') return { name: 'newMass' }
    if (second === 'new' && third === 'single') return { name: 'newSingle' }
    if (second !== null && ID.test(second)) {
      if (third === undefined) return { name: 'payout', id: second }
      if (third === 'edit') return { name: 'editPayout', id: second }
      if (third === 'report') return { name: 'payoutReport', id: second }
    }
  }
  if (first === 'settings' && second === undefined) return { name: 'settings' }
  if (first === 'approvals' && second === undefined) return { name: 'approvals' }
  if (first === 'address-book' && second === undefined) return { name: 'addressBook' }
  if (first === 'schedules' && second === undefined) return { name: 'schedules' }
  return { name: 'notFound', path: `/${raw.replace(/^\/+/, '')}` }
}

/** The hash (with its leading "#") that opens a Route. parseRoute(routeHref(r)) gives back r. */
export function routeHref(route: Route): string {
  switch (route.name) {
    case 'payouts':
      return '#/payouts'
    case 'newSingle':
      return '#/payouts/new'
    case 'newMass':
      return '#/payouts/new/mass'
    case 'payout':
      return `#/payouts/${encodeURIComponent(route.id)}`
    case 'editPayout':
      return `#/payouts/${encodeURIComponent(route.id)}/edit`
    case 'settings':
      return '#/settings'
    case 'payoutReport':
      return `#/payouts/${encodeURIComponent(route.id)}/report`
    case 'approvals':
      return '#/approvals'
    case 'addressBook':
      return '#/address-book'
    case 'schedules':
      return '#/schedules'
    case 'notFound':
      return `#${route.path}`
    default:
      return assertNever(route, 'route')
  }
}

/** Which top-level section a route belongs to, for the navigation's "current page" marker. */
export function routeSection(route: Route): 'payouts' | 'settings' | 'approvals' | 'addressBook' | 'schedules' | null {
  switch (route.name) {
    case 'payouts':
    case 'newSingle':
    case 'newMass':
    case 'payout':
    case 'editPayout':
    case 'payoutReport':
      return 'payouts'
    case 'settings':
      return 'settings'
    case 'approvals':
      return 'approvals'
    case 'addressBook':
      return 'addressBook'
    case 'schedules':
      return 'schedules'
    case 'notFound':
      return null
    default:
      return assertNever(route, 'route')
  }
}

function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part)
  } catch {
    return null // malformed %-escape: the id test below rejects it
  }
}
