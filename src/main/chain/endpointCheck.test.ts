// Runs in: tests (plain Node, Vitest). The endpoint check run before an address is saved: an
// endpoint that redirects elsewhere is refused with the status and where it points, and the
// address it points to is never contacted on the user's behalf.
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkEndpoint } from './endpointCheck'
import { CHAIN_ERROR } from './errors'

const MOVED_PERMANENTLY = 301
const PERMANENT_REDIRECT = 308

let server: Server
let port: number
let reachedTarget = 0

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]
    if (path === '/new-home') {
      reachedTarget++
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ jsonrpc: '2.0', id: 1, result: '0x1' }))
      return
    }
    const status = path === '/old-308' ? PERMANENT_REDIRECT : MOVED_PERMANENTLY
    res.writeHead(status, {
      location: `http://localhost:${port}/new-home?key=0123456789abcdef0123`,
      'content-type': 'text/html'
    })
    res.end('<html>Moved</html>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  port = typeof address === 'object' && address ? address.port : 0
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

describe('checking an endpoint that redirects', () => {
  it.each([
    ['old-301', MOVED_PERMANENTLY],
    ['old-308', PERMANENT_REDIRECT]
  ])('refuses %s with the status, the masked target and where to enter it', async (path, status) => {
    const result = await checkEndpoint({
      url: `http://127.0.0.1:${port}/${path}?apikey=SECRET-KEY-123`,
      label: 'Ethereum',
      expectedChainId: 1n
    })
    expect(result.ok).toBe(false)
    const error = result.ok ? undefined : result.error
    expect(error?.code).toBe(CHAIN_ERROR.rpcRedirected)
    expect(error?.message).toContain(
      `Ethereum answered with a redirect (HTTP ${status}) to http://localhost:${port}/••••`
    )
    expect(error?.message).toContain('enter it in Settings → Network connections')
    expect(error?.message).not.toContain('SECRET-KEY-123')
    expect(error?.message).not.toContain('0123456789abcdef0123')
    expect(reachedTarget).toBe(0)
  })
})
