// Runs in: main (plain Node). A thin JSON-RPC client over HTTP(S) with a timeout, which classifies
// every failure into a ChainError code. The endpoint URL often carries an API key: it never appears
// in an error message; errors name the endpoint by its label instead.
// It uses node:http(s) with a keep-alive agent rather than fetch: on a payout run's request rate
// fetch costs the main thread about three times as much per request (measured against anvil).
// Unlike fetch it follows no HTTP redirect, and none is followed on purpose: the request (and the
// API key in its URL) must not go to another address the user never entered. A redirect is a
// specific error naming where it points, so the user can enter that address if they trust it.
// Nothing is sent over plain http:// to another machine (see secrets/endpointScheme.ts), and an
// answer is read up to MAX_RPC_RESPONSE_BYTES: an endpoint cannot make main buffer without limit.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { checkEndpointScheme, LOOPBACK_HOSTS_TEXT } from '../secrets/endpointScheme'
import { MASK, maskSecretUrl } from '../secrets/mask'
import { CHAIN_ERROR, ChainError, type ChainErrorCode } from './errors'

export const DEFAULT_RPC_TIMEOUT_MS = 10_000
/** How many calls go into one JSON-RPC batch request; public endpoints commonly cap batches near 100. */
export const MAX_BATCH_CALLS = 100
/**
 * The largest answer read from an endpoint: 32 MiB. A batch of MAX_BATCH_CALLS receipts of large
 * batch payouts stays well below it; anything larger is a misbehaving or hostile endpoint.
 */
export const MAX_RPC_RESPONSE_BYTES = 32 * 1024 * 1024
const BYTES_PER_MIB = 1024 * 1024
/** Where endpoint addresses are entered in the app; a redirect message sends the user there. */
const ENDPOINT_SETTINGS_PLACE = 'Settings → Network connections'

const HTTP_TOO_MANY_REQUESTS = 429
/** HTTP statuses that ask the client to repeat the request at the address in Location. */
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308])

export interface RpcCall {
  readonly method: string
  readonly params: readonly unknown[]
}

export type RpcOutcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: ChainError }

export interface RpcClientOptions {
  readonly url: string
  /** How the endpoint is named in messages, e.g. "Ethereum endpoint 1". Never the URL. */
  readonly label?: string
  readonly timeoutMs?: number
  /** The largest answer read; MAX_RPC_RESPONSE_BYTES unless a test sets a smaller one. */
  readonly maxResponseBytes?: number
}

interface JsonRpcErrorObject {
  code?: unknown
  message?: unknown
  data?: unknown
}

const MESSAGE_RULES: readonly (readonly [RegExp, ChainErrorCode])[] = [
  [
    /already known|known transaction|already imported|already exists|alreadyknown|already in (the )?(mem)?pool/i,
    CHAIN_ERROR.alreadyKnown
  ],
  [/nonce too low|nonce has already been used|oldnonce|nonce.*(lower|less) than/i, CHAIN_ERROR.nonceTooLow],
  [/replacement.*underpriced|underpriced.*replace|replacement fee too low/i, CHAIN_ERROR.replacementUnderpriced],
  [/insufficient funds|insufficient balance for transfer|balance too low for/i, CHAIN_ERROR.insufficientFunds],
  [/revert/i, CHAIN_ERROR.executionReverted],
  [/rate limit|too many requests|exceeded.*capacity/i, CHAIN_ERROR.rpcRateLimited]
]

const FRIENDLY: Record<string, string> = {
  [CHAIN_ERROR.alreadyKnown]: 'The network already has this transaction.',
  [CHAIN_ERROR.nonceTooLow]: 'The network says this transaction number was already used.',
  [CHAIN_ERROR.replacementUnderpriced]:
    'A transaction with the same number is pending and the new fee is not high enough to replace it.',
  [CHAIN_ERROR.insufficientFunds]: 'The paying account does not hold enough to cover the amount and the network fee.',
  [CHAIN_ERROR.executionReverted]: 'The network rejected the transaction when running it (it would revert).',
  [CHAIN_ERROR.rpcRateLimited]: 'The network endpoint is limiting requests; try again shortly or add another endpoint.'
}

/** Classifies a JSON-RPC error object as nodes of different brands word it. */
export function classifyRpcError(error: JsonRpcErrorObject, label: string): ChainError {
  const text = typeof error.message === 'string' ? error.message : JSON.stringify(error)
  const numeric = typeof error.code === 'number' ? error.code : undefined
  let code: ChainErrorCode = CHAIN_ERROR.rpcError
  for (const [pattern, c] of MESSAGE_RULES) {
    if (pattern.test(text)) {
      code = c
      break
    }
  }
  if (code === CHAIN_ERROR.rpcError && numeric === 3) code = CHAIN_ERROR.executionReverted
  if (code === CHAIN_ERROR.rpcError && numeric === -32005) code = CHAIN_ERROR.rpcRateLimited
  const friendly = FRIENDLY[code] ?? `${label} answered with an error.`
  return new ChainError(code, `${friendly} (${label}: ${text})`, {
    details: { rpcCode: numeric, rpcMessage: text, data: error.data }
  })
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Raised when an endpoint does not answer in time (the request is abandoned). */
class RequestTimeout extends Error {
  override readonly name = 'TimeoutError'
}

/** Raised when an answer grows past the limit (the request is abandoned, the rest never read). */
class ResponseTooLarge extends Error {
  override readonly name = 'ResponseTooLarge'
}

function transportError(e: unknown, label: string, timeoutMs: number): ChainError {
  const name = e instanceof Error ? e.name : ''
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ChainError(CHAIN_ERROR.rpcTimeout, `${label} did not answer within ${Math.round(timeoutMs / 1000)} s.`, {
      maybeSent: true,
      cause: e
    })
  }
  const code = e instanceof Error ? (e as { code?: unknown }).code : undefined
  // A refused connection never delivered the request; anything else (reset, closed socket) may have.
  const refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN'
  return new ChainError(
    CHAIN_ERROR.rpcUnreachable,
    `${label} could not be reached. Check the network connection and the endpoint address.`,
    {
      maybeSent: !refused,
      cause: e
    }
  )
}

/** What EthRpc needs from a connection: one endpoint (JsonRpcClient) or several (FailoverRpcClient). */
export interface RpcTransport {
  readonly label: string
  request(method: string, params?: readonly unknown[]): Promise<unknown>
  batch(calls: readonly RpcCall[]): Promise<RpcOutcome[]>
  /**
   * A transport that finds its endpoint anew for each call (the user may change it) hands out one
   * fixed to the endpoint configured now: a tracking pass checks the chain id of exactly the
   * endpoint it then reads from. Transports fixed to one endpoint leave this out.
   */
  pinned?(): Promise<RpcTransport>
}

/** One connection pool per protocol, shared by every client; idle sockets never keep the process alive. */
const AGENTS = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) } as const

interface HttpAnswer {
  readonly status: number
  readonly text: string
  /** The Location header, as sent (may be relative). */
  readonly location: string | undefined
}

/** POSTs JSON; resolves with whatever came back (any status), rejects on a transport failure or timeout. */
function postJson(url: URL, body: string, timeoutMs: number, maxBytes: number): Promise<HttpAnswer> {
  const https = url.protocol === 'https:'
  if (!https && url.protocol !== 'http:') return Promise.reject(new Error('unsupported protocol'))
  return new Promise<HttpAnswer>((resolve, reject) => {
    const send = https ? httpsRequest : httpRequest
    const req = send(
      url,
      {
        method: 'POST',
        agent: https ? AGENTS['https:'] : AGENTS['http:'],
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'content-length': Buffer.byteLength(body)
        }
      },
      (res: IncomingMessage) => {
        const declared = Number(res.headers['content-length'])
        if (Number.isFinite(declared) && declared > maxBytes) return fail(new ResponseTooLarge('declared too large'))
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > maxBytes) fail(new ResponseTooLarge('grew too large'))
          else chunks.push(chunk)
        })
        res.on('end', () => {
          clearTimeout(timer)
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            location: res.headers.location
          })
        })
        res.on('error', fail)
      }
    )
    const timer = setTimeout(() => fail(new RequestTimeout('no answer in time')), timeoutMs)
    let failed = false
    function fail(error: Error): void {
      if (failed) return
      failed = true
      clearTimeout(timer)
      req.destroy()
      reject(error)
    }
    req.on('error', fail)
    req.end(body)
  })
}

export class JsonRpcClient implements RpcTransport {
  readonly label: string
  private readonly url: URL | undefined
  private readonly timeoutMs: number
  private readonly maxResponseBytes: number
  private nextId = 1

  constructor(options: RpcClientOptions) {
    this.url = URL.canParse(options.url) ? new URL(options.url) : undefined
    this.label = options.label ?? 'The network endpoint'
    this.timeoutMs = options.timeoutMs ?? DEFAULT_RPC_TIMEOUT_MS
    this.maxResponseBytes = options.maxResponseBytes ?? MAX_RPC_RESPONSE_BYTES
  }

  /** One call. Throws a classified ChainError. */
  async request(method: string, params: readonly unknown[] = []): Promise<unknown> {
    const id = this.nextId++
    const body = await this.post({ jsonrpc: '2.0', id, method, params })
    return this.unwrap(body, id)
  }

  /** Many calls in JSON-RPC batch requests of at most MAX_BATCH_CALLS; each call gets its own outcome. */
  async batch(calls: readonly RpcCall[]): Promise<RpcOutcome[]> {
    const outcomes: RpcOutcome[] = []
    for (let start = 0; start < calls.length; start += MAX_BATCH_CALLS) {
      const slice = calls.slice(start, start + MAX_BATCH_CALLS)
      const firstId = this.nextId
      this.nextId += slice.length
      const body = await this.post(
        slice.map((c, i) => ({ jsonrpc: '2.0', id: firstId + i, method: c.method, params: c.params }))
      )
      if (!Array.isArray(body)) {
        // Some endpoints answer a batch with one error object (e.g. batches not allowed).
        const error =
          isRecord(body) && isRecord(body.error)
            ? classifyRpcError(body.error, this.label)
            : this.badResponse('a batch answer that is not a list')
        for (let i = 0; i < slice.length; i++) outcomes.push({ ok: false, error })
        continue
      }
      const byId = new Map<unknown, unknown>()
      for (const entry of body) if (isRecord(entry)) byId.set(entry.id, entry)
      for (let i = 0; i < slice.length; i++) {
        try {
          outcomes.push({ ok: true, value: this.unwrap(byId.get(firstId + i), firstId + i) })
        } catch (e) {
          outcomes.push({
            ok: false,
            error: e instanceof ChainError ? e : this.badResponse('an unreadable batch entry')
          })
        }
      }
    }
    return outcomes
  }

  private badResponse(what: string, status?: number): ChainError {
    const http = status === undefined ? '' : ` (HTTP ${status})`
    return new ChainError(
      CHAIN_ERROR.rpcBadResponse,
      `${this.label} sent ${what}${http} instead of a network answer; it may be misconfigured or down.`,
      {
        maybeSent: true
      }
    )
  }

  /**
   * A redirect, never followed. The target is shown masked like any endpoint address (a redirect
   * from http to https usually keeps the key in the path); maybe sent, as with any unusable answer
   * to a request that may change state.
   */
  private redirected(status: number, location: string | undefined): ChainError {
    const base = this.url?.href
    const target =
      location === undefined || base === undefined || !URL.canParse(location, base)
        ? undefined
        : maskSecretUrl(new URL(location, base).href)
    const notFollowed =
      'Requests are not forwarded to another address automatically, because the address you entered may carry your API key.'
    const advice =
      target === undefined
        ? `Ask your provider for the endpoint's current address and enter it in ${ENDPOINT_SETTINGS_PLACE}.`
        : `If you trust that address, enter it in ${ENDPOINT_SETTINGS_PLACE}${target.includes(MASK) ? ` (what follows the host is shown as ${MASK} because it may carry a key; take the full address from your provider)` : ''}.`
    const where = target === undefined ? 'without saying where to' : `to ${target}`
    return new ChainError(
      CHAIN_ERROR.rpcRedirected,
      `${this.label} answered with a redirect (HTTP ${status}) ${where}. ${notFollowed} ${advice}`,
      {
        maybeSent: true,
        details: { status, location: target }
      }
    )
  }

  private unwrap(body: unknown, id: number): unknown {
    if (!isRecord(body) || body.id !== id) throw this.badResponse('an answer to a different request')
    if (isRecord(body.error)) throw classifyRpcError(body.error, this.label)
    if (!('result' in body)) throw this.badResponse('an answer without a result')
    return body.result
  }

  /** Refuses an unencrypted address on another machine before anything is sent to it. */
  private insecure(): ChainError {
    return new ChainError(
      CHAIN_ERROR.rpcInsecureEndpoint,
      `${this.label} has an unencrypted address (${this.url?.protocol ?? 'http:'}//) on another machine, so nothing was ` +
        `sent to it: the API key and every answer would cross the network readable and changeable. Enter its https:// ` +
        `address in ${ENDPOINT_SETTINGS_PLACE}; unencrypted addresses are used only for a node on this computer ` +
        `(${LOOPBACK_HOSTS_TEXT}).`
    )
  }

  private tooLarge(): ChainError {
    return new ChainError(
      CHAIN_ERROR.rpcResponseTooLarge,
      `${this.label} sent an answer larger than ${this.maxResponseBytes / BYTES_PER_MIB} MiB, which Treasury does not ` +
        `read; the endpoint may be misconfigured or misbehaving. Try again, or use another endpoint in ${ENDPOINT_SETTINGS_PLACE}.`,
      { maybeSent: true }
    )
  }

  private async post(payload: unknown): Promise<unknown> {
    if (this.url !== undefined) {
      const scheme = checkEndpointScheme(this.url)
      if (!scheme.ok && scheme.reason === 'unencrypted_remote') throw this.insecure()
    }
    let response: HttpAnswer
    try {
      if (!this.url) throw new Error('not a URL')
      response = await postJson(this.url, JSON.stringify(payload), this.timeoutMs, this.maxResponseBytes)
    } catch (e) {
      if (e instanceof ResponseTooLarge) throw this.tooLarge()
      throw transportError(e, this.label, this.timeoutMs)
    }
    const { text } = response
    const ok = response.status >= 200 && response.status < 300
    if (REDIRECT_STATUSES.has(response.status)) throw this.redirected(response.status, response.location)
    if (response.status === HTTP_TOO_MANY_REQUESTS) {
      throw new ChainError(CHAIN_ERROR.rpcRateLimited, FRIENDLY[CHAIN_ERROR.rpcRateLimited] ?? '', { maybeSent: true })
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      const looksHtml = /^\s*</.test(text)
      throw this.badResponse(looksHtml ? 'a web page' : 'an unreadable answer', response.status)
    }
    if (!ok && !(isRecord(parsed) && isRecord(parsed.error)) && !Array.isArray(parsed)) {
      throw new ChainError(CHAIN_ERROR.rpcHttpError, `${this.label} answered with HTTP ${response.status}.`, {
        maybeSent: true
      })
    }
    return parsed
  }
}
