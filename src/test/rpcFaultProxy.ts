// Runs in: tests (plain Node). A JSON-RPC proxy on 127.0.0.1 in front of a real node that can
// misbehave on purpose, the way flaky public endpoints do: accept a request and never answer,
// answer "already known" or "nonce too low", serve an HTML error page, claim another chain, or
// say it has nothing (a lagging or load-balanced node that serves no receipt for a mined transaction).
//
// Faults apply inside JSON-RPC batch requests too, each where it happens on a real endpoint:
// - a node answers every call of a batch on its own, so a JSON-RPC answer (an error, another chain
//   id) replaces only the faulted call's entry; the other calls are forwarded and answered by the node;
// - a lost answer or an HTML page comes from the HTTP layer (gateway, load balancer, crashed node),
//   which carries the whole batch in one response, so it hits the whole batch.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

export type FaultMode =
  /** Forward to the node, then never answer (the client times out although the node got it). */
  | 'hang_after_forward'
  /** Forward, then answer with a JSON-RPC error whose message is `message`. */
  | 'error_after_forward'
  /** Do not forward; answer with a JSON-RPC error whose message is `message`. */
  | 'error_without_forward'
  /** Forward, then answer with an HTML 502 page. */
  | 'html_after_forward'
  /** Do not forward; answer with an HTML 503 page. */
  | 'html_without_forward'
  /** Answer eth_chainId with `chainId`. */
  | 'wrong_chain'
  /** Do not forward; answer `null`, the node's "I have no such thing" (no receipt, no transaction). */
  | 'null_without_forward'
  /** Forward, then answer with `rewrite` applied to the node's result (a lying endpoint). */
  | 'rewrite_after_forward'

export interface FaultRule {
  readonly method: string
  readonly mode: FaultMode
  /** How many matching calls to disturb; then the rule is spent. Default 1. */
  times?: number
  readonly message?: string
  readonly chainId?: bigint
  /** Only calls whose params match (e.g. a nonce read at a block number, not at 'latest'). */
  readonly when?: (params: readonly unknown[]) => boolean
  /** For 'rewrite_after_forward': the answer to give instead of the node's `result`. */
  readonly rewrite?: (result: unknown, params: readonly unknown[]) => unknown
}

export interface RpcFaultProxy {
  readonly url: string
  /** Calls seen per method (each call of a batch counts), disturbed or not. */
  readonly seen: Map<string, number>
  /** HTTP requests per method that carried at least one call of it (a batch counts once). */
  readonly requests: Map<string, number>
  /** Faults applied per method: what a test asserts to know its fault was met. */
  readonly hits: Map<string, number>
  addFault(rule: FaultRule): void
  clearFaults(): void
  stop(): Promise<void>
}

interface RpcRequest {
  id?: unknown
  method?: unknown
  params?: unknown
}

/** Where a fault lands: on the call's own entry of the answer, or on the whole HTTP response. */
type FaultScope = 'call' | 'response'

function scopeOf(mode: FaultMode): FaultScope {
  switch (mode) {
    case 'error_after_forward':
    case 'error_without_forward':
    case 'wrong_chain':
    case 'null_without_forward':
    case 'rewrite_after_forward':
      return 'call'
    case 'hang_after_forward':
    case 'html_after_forward':
    case 'html_without_forward':
      return 'response'
    default: {
      const unknown: never = mode
      throw new Error(`unknown fault mode ${String(unknown)}`)
    }
  }
}

/** Whether the node receives a call whose answer is replaced by a call-scoped fault. */
function forwardsCall(mode: FaultMode): boolean {
  return mode === 'error_after_forward' || mode === 'rewrite_after_forward'
}

const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>'
const HTTP_OK = 200
const HTTP_BAD_GATEWAY = 502
const HTTP_UNAVAILABLE = 503
const HTTP_INTERNAL_ERROR = 500
/** JSON-RPC "server error", what nodes use for the errors these faults imitate. */
const RPC_SERVER_ERROR = -32000

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export async function startRpcFaultProxy(upstream: string): Promise<RpcFaultProxy> {
  const rules: FaultRule[] = []
  const seen = new Map<string, number>()
  const requests = new Map<string, number>()
  const hits = new Map<string, number>()
  const hanging = new Set<ServerResponse>()

  const forward = async (body: string): Promise<string> => {
    const res = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    return res.text()
  }

  const count = (map: Map<string, number>, method: string): void => {
    map.set(method, (map.get(method) ?? 0) + 1)
  }

  const ruleFor = (call: RpcRequest, scope: FaultScope): FaultRule | undefined =>
    rules.find(
      (r) =>
        r.method === String(call.method) &&
        (r.times ?? 1) > 0 &&
        scopeOf(r.mode) === scope &&
        (r.when === undefined || r.when(Array.isArray(call.params) ? call.params : []))
    )

  const spend = (rule: FaultRule): FaultRule => {
    rule.times = (rule.times ?? 1) - 1
    count(hits, rule.method)
    return rule
  }

  /** The first response-scoped fault any call of the request meets; spent once for the whole response. */
  const responseFault = (calls: readonly RpcRequest[]): FaultRule | undefined => {
    for (const call of calls) {
      const rule = ruleFor(call, 'response')
      if (rule) return spend(rule)
    }
    return undefined
  }

  const rpcError = (call: RpcRequest, rule: FaultRule): unknown => ({
    jsonrpc: '2.0',
    id: call.id,
    error: { code: RPC_SERVER_ERROR, message: rule.message ?? 'fault' }
  })

  const callAnswer = (call: RpcRequest, rule: FaultRule, fromNode: unknown): unknown => {
    if (rule.mode === 'rewrite_after_forward') {
      const answer = fromNode as { result?: unknown; error?: unknown } | undefined
      if (answer === undefined || answer.error !== undefined || !rule.rewrite) return answer
      const params = Array.isArray(call.params) ? (call.params as unknown[]) : []
      return { jsonrpc: '2.0', id: call.id, result: rule.rewrite(answer.result, params) }
    }
    if (rule.mode === 'wrong_chain')
      return { jsonrpc: '2.0', id: call.id, result: `0x${(rule.chainId ?? 1n).toString(16)}` }
    if (rule.mode === 'null_without_forward') return { jsonrpc: '2.0', id: call.id, result: null }
    return rpcError(call, rule)
  }

  /**
   * Answers with the node's answers, except for calls with a call-scoped fault: those the node
   * either never sees or sees with its answer replaced. Undefined when no call is faulted.
   */
  const answerCalls = async (calls: readonly RpcRequest[], batch: boolean): Promise<string | undefined> => {
    const faults = calls.map((call) => {
      const rule = ruleFor(call, 'call')
      return rule ? spend(rule) : undefined
    })
    if (faults.every((f) => f === undefined)) return undefined
    const forwarded = calls.filter((_, i) => {
      const rule = faults[i]
      return rule === undefined || forwardsCall(rule.mode)
    })
    const fromNode = new Map<unknown, unknown>()
    if (forwarded.length > 0) {
      const answer = JSON.parse(await forward(JSON.stringify(batch ? forwarded : forwarded[0]))) as unknown
      for (const entry of Array.isArray(answer) ? answer : [answer]) fromNode.set((entry as RpcRequest).id, entry)
    }
    const answers = calls.map((call, i) => {
      const rule = faults[i]
      return rule === undefined ? fromNode.get(call.id) : callAnswer(call, rule, fromNode.get(call.id))
    })
    return JSON.stringify(batch ? answers : answers[0])
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req)
      const parsed = JSON.parse(body) as RpcRequest | RpcRequest[]
      const batch = Array.isArray(parsed)
      const calls = batch ? parsed : [parsed]
      for (const call of calls) count(seen, String(call.method))
      for (const method of new Set(calls.map((c) => String(c.method)))) count(requests, method)
      const json = (text: string): void => {
        res.writeHead(HTTP_OK, { 'content-type': 'application/json' })
        res.end(text)
      }
      const html = (status: number): void => {
        res.writeHead(status, { 'content-type': 'text/html' })
        res.end(HTML_PAGE)
      }
      const whole = responseFault(calls)
      if (whole) {
        switch (whole.mode) {
          case 'hang_after_forward':
            await forward(body)
            hanging.add(res)
            return
          case 'html_after_forward':
            await forward(body)
            html(HTTP_BAD_GATEWAY)
            return
          case 'html_without_forward':
            html(HTTP_UNAVAILABLE)
            return
          case 'error_after_forward':
          case 'error_without_forward':
          case 'wrong_chain':
          case 'null_without_forward':
          case 'rewrite_after_forward':
            throw new Error(`${whole.mode} is not a fault of the whole response`)
          default: {
            const unknown: never = whole.mode
            throw new Error(`unknown fault mode ${String(unknown)}`)
          }
        }
      }
      json((await answerCalls(calls, batch)) ?? (await forward(body)))
    })().catch(() => {
      if (!res.headersSent) res.writeHead(HTTP_INTERNAL_ERROR)
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    requests,
    hits,
    addFault: (rule) => rules.push({ ...rule }),
    clearFaults: () => rules.splice(0),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
