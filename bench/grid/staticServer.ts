// Runs in: benchmarks (plain Node). Serves one folder on 127.0.0.1 over http (module scripts do not
// load from file://): the bare AG Grid page and its rows. GET only, nothing outside the folder.
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json'
}

export interface StaticServer {
  readonly url: string
  close(): Promise<void>
}

export async function serveFolder(folder: string): Promise<StaticServer> {
  const root = normalize(folder)
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    const file = normalize(join(root, path === '/' ? '/index.html' : decodeURIComponent(path)))
    if (req.method !== 'GET') return void res.writeHead(405).end()
    if (!file.startsWith(root + sep)) return void res.writeHead(403).end()
    readFile(file).then(
      (body) =>
        res
          .writeHead(200, {
            'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
            'cache-control': 'no-store'
          })
          .end(body),
      () => res.writeHead(404).end()
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
