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
  let port: number
  /** Requests that reached the address a redirect points to: a client that follows redirects would add some. */
  let followed = 0
  const secretUrl = (path: string): string => `${base}/${path}?apikey=SECRET-KEY-123`

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0]
      if (path === '/hang') return // never answers
      const redirect = /^\/moved-(\d{3})(-relative|-nowhere)?$/.exec(path ?? '')
      if (redirect) {
        const [, status, kind] = redirect
        // Another host name for the same server, so a followed redirect would be counted below.
        const location =
          kind === '-relative'
            ? '/v3/0123456789abcdef0123456789'
            : `http://localhost:${port}/target?apikey=OTHER-KEY-456789abc`
        res.writeHead(
          Number(status),
          kind === '-nowhere' ? { 'content-type': 'text/html' } : { location, 'content-type': 'text/html' }
        )
        res.end('<html><body>Moved</body></html>')
        return
      }
      if (path === '/target') followed++
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
    port = typeof address === 'object' && address ? address.port : 0
    base = `http://127.0.0.1:${port}`
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

  describe('an endpoint that answers with a redirect', () => {
    const redirected = async (path: string): Promise<ChainError> => {
      const client = new JsonRpcClient({ url: secretUrl(path), label: 'Ethereum endpoint 1' })
      const e = await client.request('eth_sendRawTransaction', ['0x00']).catch((x: unknown) => x)
      expect(e).toBeInstanceOf(ChainError)
      expect((e as ChainError).code).toBe(CHAIN_ERROR.rpcRedirected)
      expect((e as ChainError).message).not.toContain('SECRET-KEY-123')
      return e as ChainError
    }

    it.each([301, 302, 303, 307, 308])(
      'is not followed on HTTP %i, and the error names the status and the masked target',
      async (status) => {
        const e = await redirected(`moved-${status}`)
        expect(e.message).toContain(`HTTP ${status}`)
        expect(e.message).toContain(`http://localhost:${port}/••••`)
        expect(e.message).not.toContain('OTHER-KEY-456789abc')
        expect(e.message).toContain('If you trust that address, enter it in Settings → Network connections')
        expect(e.maybeSent).toBe(true)
        expect(e.details).toEqual({ status, location: `http://localhost:${port}/••••` })
        expect(followed).toBe(0)
      }
    )

    it('resolves a relative Location against the endpoint and hides the key in it', async () => {
      const e = await redirected('moved-308-relative')
      expect(e.message).toContain(`to ${base}/••••`)
      expect(e.message).not.toContain('0123456789abcdef0123456789')
      expect(e.message).toContain(
        'what follows the host is shown as •••• because it may carry a key; take the full address from your provider'
      )
    })

    it('says so when the redirect names no address', async () => {
      const e = await redirected('moved-301-nowhere')
      expect(e.message).toContain('HTTP 301')
      expect(e.message).toContain('without saying where to')
      expect(e.message).toContain('Settings → Network connections')
    })

    it('fails a whole batch the same way', async () => {
      const client = new JsonRpcClient({ url: secretUrl('moved-307'), label: 'Ethereum endpoint 1' })
      const e = await client.batch([{ method: 'eth_chainId', params: [] }]).catch((x: unknown) => x)
      expect((e as ChainError).code).toBe(CHAIN_ERROR.rpcRedirected)
      expect(followed).toBe(0)
    })
  })
})
