// Runs in: tests (plain Node). A JSON-RPC proxy on 127.0.0.1 in front of a real node that can
// misbehave on purpose, the way flaky public endpoints do: accept a request and never answer,
// answer "already known" or "nonce too low", serve an HTML error page, or claim another chain.
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

export interface FaultRule {
  readonly method: string
  readonly mode: FaultMode
  /** How many matching requests to disturb; then the rule is spent. Default 1. */
  times?: number
  readonly message?: string
  readonly chainId?: bigint
}

export interface RpcFaultProxy {
  readonly url: string
  /** Requests seen per method, disturbed or not. */
  readonly seen: Map<string, number>
  addFault(rule: FaultRule): void
  clearFaults(): void
  stop(): Promise<void>
}

interface RpcRequest {
  id?: unknown
  method?: unknown
}

const HTML_PAGE = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>'

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
  const hanging = new Set<ServerResponse>()

  const forward = async (body: string): Promise<string> => {
    const res = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    return res.text()
  }

  const takeRule = (method: string): FaultRule | undefined => {
    const rule = rules.find((r) => r.method === method && (r.times ?? 1) > 0)
    if (rule) rule.times = (rule.times ?? 1) - 1
    return rule
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req)
      const parsed = JSON.parse(body) as RpcRequest | RpcRequest[]
      const single = Array.isArray(parsed) ? undefined : parsed
      const methods = (Array.isArray(parsed) ? parsed : [parsed]).map((r) => String(r.method))
      for (const m of methods) seen.set(m, (seen.get(m) ?? 0) + 1)
      const rule = single ? takeRule(String(single.method)) : undefined
      const json = (status: number, payload: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(payload))
      }
      const html = (status: number): void => {
        res.writeHead(status, { 'content-type': 'text/html' })
        res.end(HTML_PAGE)
      }
      if (!rule || !single) {
        const answer = await forward(body)
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(answer)
        return
      }
      const rpcError = { jsonrpc: '2.0', id: single.id, error: { code: -32000, message: rule.message ?? 'fault' } }
      switch (rule.mode) {
        case 'hang_after_forward':
          await forward(body)
          hanging.add(res)
          return
        case 'error_after_forward':
          await forward(body)
          json(200, rpcError)
          return
        case 'error_without_forward':
          json(200, rpcError)
          return
        case 'html_after_forward':
          await forward(body)
          html(502)
          return
        case 'html_without_forward':
          html(503)
          return
        case 'wrong_chain':
          json(200, { jsonrpc: '2.0', id: single.id, result: `0x${(rule.chainId ?? 1n).toString(16)}` })
          return
      }
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
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
