// Runs in: main (plain Node; pure). Which RPC endpoint addresses may be used at all: encrypted
// ones (https://, wss://) anywhere, unencrypted ones (http://, ws://) only for a node on this
// computer. An unencrypted request to another machine shows the API key in its address, and every
// answer (balances, receipts, "this transaction failed") to anyone on the way, who could change it.

const ENCRYPTED_SCHEMES: ReadonlySet<string> = new Set(['https:', 'wss:'])
const LOOPBACK_ONLY_SCHEMES: ReadonlySet<string> = new Set(['http:', 'ws:'])
/** 127.0.0.0/8 as the URL parser writes it (it turns 127.1, 0x7f000001 and 2130706433 into dotted form). */
const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/
const IPV6_LOOPBACK = '[::1]'
const LOCALHOST = 'localhost'

/** Where the app's message says plain addresses are allowed. */
export const LOOPBACK_HOSTS_TEXT = '127.0.0.1, ::1 or localhost'

/** True for a host name the URL parser has normalised to this computer's loopback. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === LOCALHOST || hostname === IPV6_LOOPBACK || IPV4_LOOPBACK.test(hostname)
}

export type EndpointSchemeVerdict =
  | { readonly ok: true }
  /** Not an RPC scheme at all (file:, ftp:, javascript:, ...). */
  | { readonly ok: false; readonly reason: 'not_rpc' }
  /** http: or ws: to a host that is not this computer. */
  | { readonly ok: false; readonly reason: 'unencrypted_remote' }

export function checkEndpointScheme(url: URL): EndpointSchemeVerdict {
  if (ENCRYPTED_SCHEMES.has(url.protocol)) return { ok: true }
  if (!LOOPBACK_ONLY_SCHEMES.has(url.protocol)) return { ok: false, reason: 'not_rpc' }
  return isLoopbackHost(url.hostname) ? { ok: true } : { ok: false, reason: 'unencrypted_remote' }
}
