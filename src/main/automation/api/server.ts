// Runs in: main (plain Node). The local REST API's HTTP server: 127.0.0.1 only, on the chosen port.
// Before any endpoint runs a request must name this server in its Host header (a DNS-rebinding page
// names its own host), carry no browser Origin (there is no CORS: no page may call or read it), hold
// a valid token with the endpoint's scope, stay within the body limit and the token's rate. Every
// authenticated call is written to the audit log under the token's name.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AppFailure } from '../../../shared/errors'
import { toErrorResult } from '../../dispatch'
import { appendAudit } from '../../store/auditLog'
import { touchToken } from '../../store/automationRepo'
import { inTransaction, type OpenedDatabase } from '../../store/db'
import { sourceActor } from '../origin'
import { authenticate, bearerToken, requireScope, type StoredToken } from '../tokens'
import { assertDeclaredLength, readBytes } from './body'
import type { EventStreams } from './eventStream'
import { createRateLimiter, DEFAULT_RATE_LIMIT, type RateLimit } from './rateLimit'
import { sendError, sendFile, sendJson } from './replies'
import { ROUTE_SPECS, type RouteSpec } from './routeSpecs'
import type { routeHandlers, RouteReply } from './routes'

export interface ApiServerOptions {
  readonly port: number
  readonly db: OpenedDatabase
  readonly handlers: ReturnType<typeof routeHandlers>
  readonly events: EventStreams
  readonly openapi: () => unknown
  readonly now: () => Date
  readonly rateLimit?: RateLimit
  readonly log?: (e: unknown) => void
}

export interface ApiServer {
  readonly url: string
  close(): Promise<void>
}

const LOOPBACK = '127.0.0.1'
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/
const compiled = ROUTE_SPECS.map((spec) => ({
  spec,
  pattern: new RegExp(`^${spec.path.replace('{id}', '(?<id>[A-Za-z0-9_-]{1,64})')}$`),
  literal: !spec.path.includes('{')
}))

type Match =
  | { readonly kind: 'route'; readonly spec: RouteSpec; readonly params: Record<string, string> }
  | { readonly kind: 'method'; readonly allow: string }
  | { readonly kind: 'none' }

function matchRoute(method: string, path: string): Match {
  const byPath = compiled
    .map((c) => ({ ...c, found: c.pattern.exec(path) }))
    .filter((c) => c.found !== null)
    .sort((a, b) => Number(b.literal) - Number(a.literal))
  const hit = byPath.find((c) => c.spec.method === method)
  if (hit !== undefined) return { kind: 'route', spec: hit.spec, params: { ...hit.found!.groups } }
  if (byPath.length > 0) return { kind: 'method', allow: [...new Set(byPath.map((c) => c.spec.method))].join(', ') }
  return { kind: 'none' }
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const log = options.log ?? console.error
  const limiter = createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT)
  const { db } = options
  let port = options.port

  function audit(token: StoredToken, detail: string): void {
    const at = options.now().toISOString()
    inTransaction(db.write, () => {
      touchToken(db.write, token.id, at)
      appendAudit(db.write, {
        actor: sourceActor({ kind: 'api', name: token.name }),
        action: 'api_call',
        payoutId: null,
        at,
        detail
      })
    })
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET'
    const host = req.headers.host
    if (host !== `${LOOPBACK}:${port}` && host !== `localhost:${port}`) {
      sendError(res, {
        code: 'api_host_refused',
        message: `This API answers only requests addressed to ${LOOPBACK}:${port}.`
      })
      return
    }
    if (req.headers.origin !== undefined || req.headers['sec-fetch-site'] !== undefined) {
      sendError(res, {
        code: 'api_origin_refused',
        message: 'Web pages may not call this API. Call it from a program on this computer.'
      })
      return
    }
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`)
    if (url.pathname === '/openapi.json' && method === 'GET') return sendJson(res, 200, options.openapi())
    const match = matchRoute(method, url.pathname)
    if (match.kind === 'none') {
      sendError(res, {
        code: 'api_route_not_found',
        message: `${url.pathname} is not an endpoint of this API; see /openapi.json.`
      })
      return
    }
    if (match.kind === 'method') {
      sendError(
        res,
        {
          code: 'api_method_not_allowed',
          message: `${url.pathname} does not take ${method}; it takes ${match.allow}.`
        },
        { allow: match.allow }
      )
      return
    }
    let token: StoredToken
    try {
      token = authenticate(db.write, bearerToken(req.headers.authorization))
    } catch (e) {
      sendError(res, errorOf(e, log))
      return
    }
    const wait = limiter.take(token.id)
    if (wait > 0) {
      // Not audited: a flood of refused calls must not grow the log.
      sendError(
        res,
        { code: 'api_rate_limited', message: `Too many requests with the token "${token.name}". Retry in ${wait} s.` },
        { 'retry-after': String(wait) }
      )
      return
    }
    const line = `${method} ${url.pathname}`
    try {
      requireScope(token, match.spec.scope)
      const key = req.headers['idempotency-key']
      if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)))
        throw new AppFailure('invalid_input', 'Idempotency-Key must be 1 to 200 printable ASCII characters.')
      const id = match.spec.id
      if (id === 'events') {
        options.events.open(req, res)
        audit(token, `${line} -> 200 (event stream opened)`)
        return
      }
      assertDeclaredLength(req, match.spec.maxBodyBytes)
      const reply = await options.handlers[id]({
        spec: match.spec,
        token,
        params: match.params,
        query: url.searchParams,
        idempotencyKey: match.spec.idempotent === true && typeof key === 'string' ? key : null,
        body: async () => ({
          bytes: await readBytes(req, match.spec.maxBodyBytes),
          contentType: req.headers['content-type'] ?? ''
        })
      })
      const status = send(res, reply)
      audit(token, `${line} -> ${status}${reply.payoutId === undefined ? '' : ` ${reply.payoutId}`}`)
    } catch (e) {
      const error = errorOf(e, log)
      const status = sendError(res, error)
      audit(token, `${line} -> ${status} ${error.code}`)
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(e)
      if (!res.headersSent) sendError(res, errorOf(e, log))
    })
  })
  server.headersTimeout = 30_000
  server.requestTimeout = 10 * 60_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE' || e.code === 'EACCES'
          ? new AppFailure(
              'automation_port_in_use',
              `Port ${options.port} on ${LOOPBACK} is taken by another program. Choose another port for the API.`
            )
          : e
      )
    )
    server.listen(options.port, LOOPBACK, () => resolve())
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://${LOOPBACK}:${port}`,
    async close() {
      options.events.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

function send(res: ServerResponse, reply: RouteReply): number {
  if (reply.kind === 'file') {
    sendFile(res, reply.file.fileName, reply.file.contentBase64)
    return 200
  }
  sendJson(res, reply.status, reply.body, reply.headers)
  return reply.status
}

function errorOf(e: unknown, log: (e: unknown) => void) {
  const result = toErrorResult(e, log)
  return result.ok ? unreachable() : result.error
}

function unreachable(): never {
  throw new Error('toErrorResult always returns an error')
}
