// Runs in: tests (plain Node, Vitest). The JSON-RPC client classifies every failure so the engine can branch on it: node error wordings
// of different brands, lost answers ("maybe sent"), web pages and garbage, and timeouts. Endpoint
// URLs (which carry API keys) never appear in messages.
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../../test/anvil'
import { CHAIN_ERROR, ChainError } from './errors'
import { JsonRpcClient, classifyRpcError } from './rpc'

describe('classifying node errors', () => {
  it.each([
    ['already known', CHAIN_ERROR.alreadyKnown],
    ['known transaction: 0xabc', CHAIN_ERROR.alreadyKnown],
    ['transaction already imported', CHAIN_ERROR.alreadyKnown],
    ['nonce too low', CHAIN_ERROR.nonceTooLow],
    ['nonce too low: next nonce 5, tx nonce 4', CHAIN_ERROR.nonceTooLow],
    ['replacement transaction underpriced', CHAIN_ERROR.replacementUnderpriced],
    ['insufficient funds for gas * price + value', CHAIN_ERROR.insufficientFunds],
    ['Insufficient funds for gas * price + value', CHAIN_ERROR.insufficientFunds],
    ['execution reverted: TestToken: address blocked', CHAIN_ERROR.executionReverted],
    ['daily request count exceeded, request rate limited', CHAIN_ERROR.rpcRateLimited],
    ['method not found', CHAIN_ERROR.rpcError]
  ])('reads "%s" as %s', (message, code) => {
    expect(classifyRpcError({ code: -32000, message }, 'Endpoint').code).toBe(code)
  })

  it('reads JSON-RPC code 3 as a revert whatever the wording', () => {
    expect(classifyRpcError({ code: 3, message: 'VM Exception' }, 'Endpoint').code).toBe(CHAIN_ERROR.executionReverted)
  })
})

describe('transport failures', () => {
  let server: Server
  let base: string
  const secretUrl = (path: string): string => `${base}/${path}?apikey=SECRET-KEY-123`

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0]
      if (path === '/hang') return // never answers
      if (path === '/html') {
        res.writeHead(502, { 'content-type': 'text/html' })
        res.end('<html><body>Bad gateway</body></html>')
      } else if (path === '/garbage') {
        res.writeHead(200)
        res.end('this is not json')
      } else if (path === '/wrong-id') {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ jsonrpc: '2.0', id: 999, result: '0x1' }))
      } else if (path === '/limited') {
        res.writeHead(429)
        res.end('slow down')
      } else {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ jsonrpc: '2.0', id: 1, error: { code: -32000, message: 'nonce too low' } }))
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  const failure = async (path: string, timeoutMs = 2_000): Promise<ChainError> => {
    const client = new JsonRpcClient({ url: secretUrl(path), label: 'Ethereum endpoint 1', timeoutMs })
    const e = await client.request('eth_sendRawTransaction', ['0x00']).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ChainError)
    expect((e as ChainError).message).not.toContain('SECRET-KEY-123')
    expect((e as ChainError).message).not.toContain(base)
    return e as ChainError
  }

  it('a request that is never answered is a timeout that may have been sent', async () => {
    const e = await failure('hang', 300)
    expect([e.code, e.maybeSent]).toEqual([CHAIN_ERROR.rpcTimeout, true])
  })

  it('an HTML page is a bad response that may have been sent', async () => {
    const e = await failure('html')
    expect([e.code, e.maybeSent]).toEqual([CHAIN_ERROR.rpcBadResponse, true])
    expect(e.message).toContain('web page')
  })

  it('garbage is a bad response that may have been sent', async () => {
    expect((await failure('garbage')).code).toBe(CHAIN_ERROR.rpcBadResponse)
  })

  it('an answer to another request id is not taken as ours', async () => {
    expect((await failure('wrong-id')).code).toBe(CHAIN_ERROR.rpcBadResponse)
  })

  it('HTTP 429 is rate limiting', async () => {
    expect((await failure('limited')).code).toBe(CHAIN_ERROR.rpcRateLimited)
  })

  it('a JSON-RPC error is classified and carries the node message', async () => {
    const e = await failure('error')
    expect(e.code).toBe(CHAIN_ERROR.nonceTooLow)
    expect(e.message).toContain('Ethereum endpoint 1')
  })

  it('a refused connection was certainly not sent', async () => {
    const client = new JsonRpcClient({ url: `http://127.0.0.1:${await freePort()}/`, label: 'Local node' })
    const e = (await client.request('eth_chainId').catch((x: unknown) => x)) as ChainError
    expect([e.code, e.maybeSent]).toEqual([CHAIN_ERROR.rpcUnreachable, false])
  })
})
