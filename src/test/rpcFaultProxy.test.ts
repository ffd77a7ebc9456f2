// Runs in: tests (plain Node, Vitest). The fault proxy disturbs calls inside JSON-RPC batch requests
// as a real endpoint would: a node's answer to one call replaces only that call's entry, while a
// lost answer or a web page (HTTP layer) takes the whole batch with it.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CHAIN_ERROR, ChainError } from '../main/chain/errors'
import { JsonRpcClient, type RpcOutcome } from '../main/chain/rpc'
import { startAnvil, type AnvilNode } from './anvil'
import { startRpcFaultProxy, type RpcFaultProxy } from './rpcFaultProxy'

const CHAIN_ID = 4343
const SHORT_TIMEOUT_MS = 500

let node: AnvilNode
let proxy: RpcFaultProxy
let direct: JsonRpcClient
beforeAll(async () => {
  node = await startAnvil({ chainId: CHAIN_ID })
  direct = new JsonRpcClient({ url: node.url })
})
afterAll(async () => {
  await node?.stop()
})
beforeEach(async () => {
  proxy = await startRpcFaultProxy(node.url)
})
afterEach(async () => {
  await proxy.stop()
})

const viaProxy = (timeoutMs?: number): JsonRpcClient =>
  new JsonRpcClient({ url: proxy.url, label: 'Proxy', ...(timeoutMs === undefined ? {} : { timeoutMs }) })
const blockNumber = async (): Promise<bigint> => BigInt(String(await direct.request('eth_blockNumber')))
const batch = () => [
  { method: 'eth_getTransactionCount', params: [node.accounts[0]!.address, 'pending'] },
  { method: 'evm_mine', params: [] },
  { method: 'eth_chainId', params: [] }
]
const errorOf = (o: RpcOutcome | undefined): ChainError | undefined => (o && !o.ok ? o.error : undefined)

describe('a fault on one call of a batch that a node would answer', () => {
  it('replaces only that call with the error and lets the node answer the others', async () => {
    proxy.addFault({ method: 'eth_getTransactionCount', mode: 'error_without_forward', message: 'header not found' })
    const [nonce, mined, chainId] = await viaProxy().batch(batch())
    expect(errorOf(nonce)?.code).toBe(CHAIN_ERROR.rpcError)
    expect(errorOf(nonce)?.message).toContain('header not found')
    expect(mined?.ok).toBe(true)
    expect(chainId).toEqual({ ok: true, value: `0x${CHAIN_ID.toString(16)}` })
    expect(proxy.hits.get('eth_getTransactionCount')).toBe(1)
    expect(proxy.seen.get('eth_chainId')).toBe(1)
    // Spent: the same batch again goes through untouched.
    expect((await viaProxy().batch(batch())).every((o) => o.ok)).toBe(true)
    expect(proxy.hits.get('eth_getTransactionCount')).toBe(1)
  })

  it('forwards the faulted call or not, as the mode says', async () => {
    const before = await blockNumber()
    proxy.addFault({ method: 'evm_mine', mode: 'error_without_forward', message: 'refused' })
    const [, notMined] = await viaProxy().batch(batch())
    expect(errorOf(notMined)?.message).toContain('refused')
    expect(await blockNumber()).toBe(before)
    proxy.addFault({ method: 'evm_mine', mode: 'error_after_forward', message: 'already known' })
    const [, minedAnyway] = await viaProxy().batch(batch())
    expect(errorOf(minedAnyway)?.code).toBe(CHAIN_ERROR.alreadyKnown)
    expect(await blockNumber()).toBe(before + 1n)
    expect(proxy.hits.get('evm_mine')).toBe(2)
  })

  it("rewrites the node's answer to one call, and leaves a node's error as it is", async () => {
    const before = await blockNumber()
    proxy.addFault({
      method: 'eth_getTransactionCount',
      mode: 'rewrite_after_forward',
      rewrite: (nonce, params) => ({ nonce, asked: params[1] })
    })
    const [nonce, mined] = await viaProxy().batch(batch())
    expect(nonce).toEqual({ ok: true, value: { nonce: '0x0', asked: 'pending' } })
    expect(mined?.ok).toBe(true)
    expect(await blockNumber()).toBe(before + 1n)
    proxy.addFault({ method: 'eth_getBlockByNumber', mode: 'rewrite_after_forward', rewrite: () => 'never given' })
    const refused = await viaProxy()
      .request('eth_getBlockByNumber', ['not a block'])
      .catch((x: unknown) => x)
    expect((refused as ChainError).code).toBe(CHAIN_ERROR.rpcError)
  })

  it('answers a faulted eth_chainId in a batch with the other chain', async () => {
    proxy.addFault({ method: 'eth_chainId', mode: 'wrong_chain', chainId: 1n })
    const [, , chainId] = await viaProxy().batch(batch())
    expect(chainId).toEqual({ ok: true, value: '0x1' })
  })
})

describe('a fault on one call of a batch that the HTTP layer causes', () => {
  it('turns the whole batch into a web page, delivered or not', async () => {
    const before = await blockNumber()
    proxy.addFault({ method: 'eth_getTransactionCount', mode: 'html_without_forward' })
    const page = await viaProxy()
      .batch(batch())
      .catch((x: unknown) => x)
    expect((page as ChainError).code).toBe(CHAIN_ERROR.rpcBadResponse)
    expect(await blockNumber()).toBe(before)
    proxy.addFault({ method: 'eth_chainId', mode: 'html_after_forward' })
    const delivered = await viaProxy()
      .batch(batch())
      .catch((x: unknown) => x)
    expect([(delivered as ChainError).code, (delivered as ChainError).maybeSent]).toEqual([
      CHAIN_ERROR.rpcBadResponse,
      true
    ])
    expect(await blockNumber()).toBe(before + 1n)
    expect([proxy.hits.get('eth_getTransactionCount'), proxy.hits.get('eth_chainId')]).toEqual([1, 1])
  })

  it('loses the answer to the whole batch after the node got it', async () => {
    const before = await blockNumber()
    proxy.addFault({ method: 'eth_chainId', mode: 'hang_after_forward' })
    const lost = await viaProxy(SHORT_TIMEOUT_MS)
      .batch(batch())
      .catch((x: unknown) => x)
    expect([(lost as ChainError).code, (lost as ChainError).maybeSent]).toEqual([CHAIN_ERROR.rpcTimeout, true])
    expect(await blockNumber()).toBe(before + 1n)
    expect(proxy.hits.get('eth_chainId')).toBe(1)
  })
})

describe('single requests', () => {
  it('are disturbed as before, and counted', async () => {
    proxy.addFault({ method: 'eth_chainId', mode: 'wrong_chain', chainId: 1n })
    expect(await viaProxy().request('eth_chainId')).toBe('0x1')
    expect(await viaProxy().request('eth_chainId')).toBe(`0x${CHAIN_ID.toString(16)}`)
    proxy.addFault({ method: 'eth_blockNumber', mode: 'html_without_forward' })
    const e = await viaProxy()
      .request('eth_blockNumber')
      .catch((x: unknown) => x)
    expect((e as ChainError).code).toBe(CHAIN_ERROR.rpcBadResponse)
    expect([proxy.hits.get('eth_chainId'), proxy.hits.get('eth_blockNumber'), proxy.seen.get('eth_chainId')]).toEqual([
      1, 1, 2
    ])
  })
})
