// Runs in: tests (plain Node, Vitest). What the JSON-RPC client refuses to do for an endpoint,
// against real local HTTP servers: read an answer past MAX_RPC_RESPONSE_BYTES (declared or
// streamed), and send anything over plain http:// to another machine.
import { createServer, type Server, type ServerResponse } from 'node:http'
import { networkInterfaces } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHAIN_ERROR, ChainError } from './errors'
import { JsonRpcClient, MAX_RPC_RESPONSE_BYTES } from './rpc'
import { FailoverRpcClient } from './rpcFailover'

const MIB = 1024 * 1024
const PREFIX = '{"jsonrpc":"2.0","id":1,"result":"'
const SUFFIX = '"}'

/** A JSON-RPC answer to request id 1 of exactly `bytes` bytes. */
function answerOf(bytes: number): Buffer {
  const body = Buffer.alloc(bytes, 'a')
  body.write(PREFIX, 0)
  body.write(SUFFIX, bytes - SUFFIX.length)
  return body
}

/** Sends `body` in 1 MiB pieces without a Content-Length (chunked), as a streaming endpoint does. */
function stream(res: ServerResponse, body: Buffer): void {
  res.writeHead(200, { 'content-type': 'application/json' })
  let at = 0
  const next = (): void => {
    while (at < body.length) {
      const piece = body.subarray(at, at + MIB)
      at += piece.length
      if (!res.write(piece)) {
        res.once('drain', next)
        return
      }
    }
    res.end()
  }
  next()
}

/** Sends 1 MiB pieces for as long as the client reads them. */
function endless(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' })
  const piece = Buffer.alloc(MIB, 'a')
  const next = (): void => {
    while (!res.destroyed) if (!res.write(piece)) return void res.once('drain', next)
  }
  res.write(PREFIX)
  next()
}

let server: Server
let port: number
const asked = new Map<string, number>()
/** Paths whose answer the client stopped reading before the server had written it all. */
const cutOff = new Set<string>()

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? ''
    asked.set(path, (asked.get(path) ?? 0) + 1)
    res.on('close', () => {
      if (!res.writableFinished) cutOff.add(path)
    })
    req.resume()
    req.on('end', () => {
      if (path === '/exact') stream(res, answerOf(MAX_RPC_RESPONSE_BYTES))
      else if (path === '/over') stream(res, answerOf(MAX_RPC_RESPONSE_BYTES + 1))
      else if (path === '/endless') endless(res)
      else if (path === '/declared') {
        // Announces 64 MiB and sends one byte: the client refuses on the header alone.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 * MAX_RPC_RESPONSE_BYTES) })
        res.write('{')
      } else if (path === '/small-over') stream(res, answerOf(2048))
      else stream(res, answerOf(64))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve))
  const address = server.address()
  port = typeof address === 'object' && address ? address.port : 0
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const local = (path: string): string => `http://127.0.0.1:${port}${path}?apikey=SECRET-KEY-123`
const failure = async (client: JsonRpcClient): Promise<ChainError> => {
  const e = await client.request('eth_getBlockReceipts', ['latest']).catch((x: unknown) => x)
  expect(e).toBeInstanceOf(ChainError)
  expect((e as ChainError).message).not.toContain('SECRET-KEY-123')
  return e as ChainError
}

describe('an answer is read up to MAX_RPC_RESPONSE_BYTES (32 MiB)', () => {
  it('is 32 MiB', () => {
    expect(MAX_RPC_RESPONSE_BYTES).toBe(32 * MIB)
  })

  it('reads an answer of exactly the limit', async () => {
    const client = new JsonRpcClient({ url: local('/exact'), label: 'Ethereum endpoint 1' })
    const result = await client.request('eth_getBlockReceipts', ['latest'])
    expect(typeof result === 'string' && result.length).toBe(MAX_RPC_RESPONSE_BYTES - PREFIX.length - SUFFIX.length)
  })

  it('refuses one byte more, stops reading, and says why', async () => {
    const e = await failure(new JsonRpcClient({ url: local('/over'), label: 'Ethereum endpoint 1' }))
    expect([e.code, e.maybeSent]).toEqual([CHAIN_ERROR.rpcResponseTooLarge, true])
    expect(e.message).toBe(
      'Ethereum endpoint 1 sent an answer larger than 32 MiB, which Treasury does not read; the endpoint may be misconfigured or misbehaving. Try again, or use another endpoint in Settings → Network connections.'
    )
  })

  it('stops reading an endless answer at the limit instead of waiting for its end', async () => {
    const e = await failure(
      new JsonRpcClient({ url: local('/endless'), label: 'Ethereum endpoint 1', timeoutMs: 30_000 })
    )
    expect(e.code).toBe(CHAIN_ERROR.rpcResponseTooLarge)
    await expect.poll(() => cutOff.has('/endless')).toBe(true)
  })

  it('refuses an answer whose declared length is over the limit without waiting for it', async () => {
    const e = await failure(
      new JsonRpcClient({ url: local('/declared'), label: 'Ethereum endpoint 1', timeoutMs: 5_000 })
    )
    expect(e.code).toBe(CHAIN_ERROR.rpcResponseTooLarge)
  })

  it('moves on to the next endpoint when one answers too much', async () => {
    const client = new FailoverRpcClient([
      { url: local('/small-over'), label: 'Endpoint 1', maxResponseBytes: 1024 },
      { url: local('/ok'), label: 'Endpoint 2', maxResponseBytes: 1024 }
    ])
    expect(await client.request('eth_chainId')).toBe('a'.repeat(64 - PREFIX.length - SUFFIX.length))
    expect(asked.get('/small-over')).toBe(1)
  })
})

describe('plain http:// goes only to this computer', () => {
  /** This machine's own address on a network interface: the same server, reached as another host. */
  const lanAddress = Object.values(networkInterfaces())
    .flat()
    .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal)?.address

  if (lanAddress === undefined)
    console.warn('[rpc] no non-loopback IPv4 address here: the remote-address case is skipped')

  it.skipIf(lanAddress === undefined)(
    'sends nothing to an unencrypted address on another machine and says what to enter instead',
    async () => {
      const before = asked.get('/lan') ?? 0
      const e = await failure(
        new JsonRpcClient({
          url: `http://${lanAddress}:${port}/lan?apikey=SECRET-KEY-123`,
          label: 'Ethereum endpoint 1'
        })
      )
      expect([e.code, e.maybeSent]).toEqual([CHAIN_ERROR.rpcInsecureEndpoint, false])
      expect(e.message).toContain('Enter its https:// address in Settings → Network connections')
      expect(e.message).toContain('only for a node on this computer (127.0.0.1, ::1 or localhost)')
      expect(asked.get('/lan') ?? 0).toBe(before)
    }
  )

  it.each(['127.0.0.1', '127.0.0.2'])('talks to a node on this computer over http://%s', async (host) => {
    const client = new JsonRpcClient({ url: `http://${host}:${port}/ok`, label: 'Local node' })
    expect(await client.request('eth_chainId')).toBe('a'.repeat(64 - PREFIX.length - SUFFIX.length))
  })
})
