// Runs in: the browser harness (plain Node). Serves the built renderer on 127.0.0.1 and gives the
// page a `window.treasury` backed by createTreasury, over a loopback-only bridge guarded by a
// random token, the Host header and the Origin header. It stands in for Electron's preload and IPC
// where Electron's binary cannot run; the renderer bundle is byte for byte the one Electron loads.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import { METHOD_NAMES } from '../../src/shared/methods'
import { dispatch } from '../../src/main/dispatch'
import type { Treasury } from '../../src/main/treasury'

export interface HarnessServer {
  readonly url: string
  readonly token: string
  close(): Promise<void>
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}
const MAX_BODY_BYTES = 64 * 1024 * 1024
const BRIDGE = '/__bridge'

/** The renderer's CSP with one change: the page may reach this harness's own origin (the bridge). */
function harnessHtml(html: string): string {
  const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)
  if (csp === null) throw new Error('The renderer page has no Content-Security-Policy')
  return html
    .replace(csp[1]!, csp[1]!.replace("connect-src 'none'", "connect-src 'self'"))
    .replace('<script type="module"', `<script src="${BRIDGE}/bridge.js"></script>\n    <script type="module"`)
}

function bridgeScript(token: string): string {
  return `'use strict';
(() => {
  const token = ${JSON.stringify(token)};
  const call = (name) => async (input) => {
    try {
      const res = await fetch(${JSON.stringify(BRIDGE)} + '/call/' + name, { method: 'POST', headers: { 'content-type': 'application/json', 'x-treasury-token': token }, body: JSON.stringify(input === undefined ? {} : input) });
      return await res.json();
    } catch (e) {
      return { ok: false, error: { code: 'bridge_unreachable', message: 'Treasury is not running. Restart it and reload this page.' } };
    }
  };
  const api = {};
  for (const name of ${JSON.stringify(METHOD_NAMES)}) api[name] = call(name);
  const listeners = new Set();
  const events = new EventSource(${JSON.stringify(BRIDGE)} + '/events?token=' + encodeURIComponent(token));
  events.onmessage = (m) => { const e = JSON.parse(m.data); for (const l of listeners) l(e); };
  api.onEvent = (listener) => { listeners.add(listener); return () => listeners.delete(listener); };
  Object.defineProperty(window, 'treasury', { value: Object.freeze(api), writable: false, configurable: false });
})();
`
}

export async function startHarnessServer(options: {
  treasury: Treasury
  rendererDir: string
  port?: number
}): Promise<HarnessServer> {
  const token = randomBytes(24).toString('hex')
  const root = normalize(options.rendererDir)
  const streams = new Set<ServerResponse>()
  const stopEvents = options.treasury.onEvent((event) => {
    for (const s of streams) s.write(`data: ${JSON.stringify(event)}\n\n`)
  })
  let origin = ''

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error(e)
      if (!res.headersSent) res.writeHead(500).end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A page on another origin, or a DNS-rebinding name for 127.0.0.1, never reaches the bridge.
    if (req.headers.host !== new URL(origin).host) return void res.writeHead(421).end()
    const url = new URL(req.url ?? '/', origin)
    if (url.pathname.startsWith(`${BRIDGE}/`)) return bridge(req, res, url)
    if (req.method !== 'GET') return void res.writeHead(405).end()
    const path = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname)
    const file = normalize(join(root, path))
    if (!file.startsWith(root + sep)) return void res.writeHead(403).end()
    let body: Buffer | string
    try {
      body = await readFile(file)
    } catch {
      return void res.writeHead(404).end()
    }
    if (file.endsWith('index.html')) body = harnessHtml(body.toString('utf8'))
    res
      .writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store'
      })
      .end(body)
  }

  async function bridge(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === `${BRIDGE}/bridge.js`) {
      return void res
        .writeHead(200, { 'content-type': CONTENT_TYPES['.js']!, 'cache-control': 'no-store' })
        .end(bridgeScript(token))
    }
    if (url.pathname === `${BRIDGE}/events`) {
      if (url.searchParams.get('token') !== token) return void res.writeHead(403).end()
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      res.write(': connected\n\n')
      streams.add(res)
      req.on('close', () => streams.delete(res))
      return
    }
    const method = url.pathname.slice(`${BRIDGE}/call/`.length)
    const sameOrigin = req.headers.origin === undefined || req.headers.origin === origin
    if (req.method !== 'POST' || req.headers['x-treasury-token'] !== token || !sameOrigin)
      return void res.writeHead(403).end()
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of req) {
      size += (chunk as Buffer).length
      if (size > MAX_BODY_BYTES) return void res.writeHead(413).end()
      chunks.push(chunk as Buffer)
    }
    let input: unknown
    try {
      input = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      input = undefined
    }
    const result = await dispatch(options.treasury, method, input)
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result))
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: `${origin}/`,
    token,
    async close() {
      stopEvents()
      for (const s of streams) s.end()
      streams.clear()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
