// Runs in: main (plain Node; the Electron wiring is in window.ts). Which requests the window's
// page may make: its own files (app://treasury), blob: URLs it made itself (files it hands to the
// download dialog), the developer tools when they are allowed, and in development the dev server.
// Everything else, the network above all, is cancelled: main does all RPC.

export interface PageRequestPolicy {
  /** The page's origin, app://treasury. */
  readonly appOrigin: string
  /** The dev server's URL, only when the app is not packaged. */
  readonly devServerUrl?: string
  /** Whether the developer tools may load (never in a packaged build). */
  readonly devTools: boolean
}

const BLOB_PREFIX = 'blob:'
const DEVTOOLS_PREFIX = 'devtools://'

/** Scheme and host, compared as written by the URL parser (custom schemes have no origin of their own there). */
function originOf(url: string): string | undefined {
  try {
    const u = new URL(url)
    if (u.username !== '' || u.password !== '') return undefined
    return `${u.protocol}//${u.host}`
  } catch {
    return undefined
  }
}

export function isAllowedPageRequest(url: string, policy: PageRequestPolicy): boolean {
  if (policy.devTools && url.startsWith(DEVTOOLS_PREFIX)) return true
  const target = url.startsWith(BLOB_PREFIX) ? url.slice(BLOB_PREFIX.length) : url
  const origin = originOf(target)
  if (origin === undefined) return false
  if (origin === policy.appOrigin) return true
  return policy.devServerUrl !== undefined && origin === originOf(policy.devServerUrl)
}
