// Runs in: tests (plain Node, Vitest). Failover between a network's endpoints: an endpoint that
// answers with a redirect is unusable (the redirect is never followed), so the next one is asked;
// when every endpoint redirects, the user reads the redirect and where it points.
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHAIN_ERROR, ChainError } from './errors'
import { FailoverRpcClient } from './rpcFailover'

const TEMPORARY_REDIRECT = 307
const CHAIN_ID_HEX = '0x2a'

let server: Server
let base: string
const asked = new Map<string, number>()

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? ''
    asked.set(path, (asked.get(path) ?? 0) + 1)
    if (path === '/moved') {
      res.writeHead(TEMPORARY_REDIRECT, { location: '/elsewhere' })
      res.end()
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const { id } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: number }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ jsonrpc: '2.0', id, result: CHAIN_ID_HEX }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

describe('failover past a redirecting endpoint', () => {
  it('asks the next endpoint and never the address the redirect points to', async () => {
    asked.clear()
    const rpc = new FailoverRpcClient([
      { url: `${base}/moved`, label: 'Endpoint 1' },
      { url: `${base}/working`, label: 'Endpoint 2' }
    ])
    expect(await rpc.request('eth_chainId')).toBe(CHAIN_ID_HEX)
    expect(await rpc.request('eth_chainId')).toBe(CHAIN_ID_HEX)
    expect([asked.get('/moved'), asked.get('/working'), asked.get('/elsewhere')]).toEqual([1, 2, undefined])
  })

  it('reports the redirect when no endpoint is left', async () => {
    const rpc = new FailoverRpcClient([{ url: `${base}/moved`, label: 'Endpoint 1' }])
    const e = await rpc.request('eth_chainId').catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ChainError)
    expect((e as ChainError).code).toBe(CHAIN_ERROR.rpcRedirected)
    expect((e as ChainError).message).toContain(`HTTP ${TEMPORARY_REDIRECT}) to ${base}/••••`)
  })
})

describe('a pass pinned to one endpoint', () => {
  it('reads only from the endpoint that last worked, never failing over to one whose chain it did not check', async () => {
    asked.clear()
    const rpc = new FailoverRpcClient([
      { url: `${base}/moved`, label: 'Endpoint 1' },
      { url: `${base}/working`, label: 'Endpoint 2' }
    ])
    expect(await rpc.request('eth_chainId')).toBe(CHAIN_ID_HEX)
    const pinned = await rpc.pinned()
    expect(await pinned.request('eth_chainId')).toBe(CHAIN_ID_HEX)
    expect([asked.get('/moved'), asked.get('/working')]).toEqual([1, 2])
    const single = await new FailoverRpcClient([{ url: `${base}/moved`, label: 'Endpoint 1' }]).pinned()
    expect(await single.request('eth_chainId').catch((e: unknown) => (e as ChainError).code)).toBe(
      CHAIN_ERROR.rpcRedirected
    )
  })
})
