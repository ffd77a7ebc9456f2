// Runs in: tests (plain Node, Vitest). An endpoint that answers, but not the truth: a receipt of
// another transaction, a receipt invented for one it never got (alone, or with a nonce that backs
// it, which only a witness can contradict), a paid one served as failed or as unknown, a
// successful receipt stripped of its token Transfer events, a pending nonce far ahead of the
// account's. Against a real node behind a proxy that rewrites its answers, no row
// is called paid or unpaid on such an answer, nothing is signed on it, and nothing is paid twice.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startChainFixture, ETHER, TOKEN_UNIT, type ChainFixture } from '../../test/chainFixture'
import { MemoryJournal } from '../../test/memoryJournal'
import { startRpcFaultProxy, type RpcFaultProxy } from '../../test/rpcFaultProxy'
import { settle } from '../../test/settle'
import { CHAIN_ERROR, isChainError } from './errors'
import { Executor, type ExecutionReport } from './executor'
import { quoteFees } from './fees'
import { planBatch } from './planBatch'
import { planPerRecipient } from './planPerRecipient'
import { assertNotPaidOnChain } from '../services/execution/paidOnChain'
import type { PaymentRow, PlanAsset } from './planTypes'
import type { EthRpc } from './ethRpc'

let fx: ChainFixture
let proxy: RpcFaultProxy
beforeAll(async () => {
  fx = await startChainFixture()
})
afterAll(async () => {
  await fx?.stop()
})
beforeEach(async () => {
  proxy = await startRpcFaultProxy(fx.node.url)
})
afterEach(async () => {
  await proxy.stop()
})

const EVERY_CALL = 1_000

interface Run {
  readonly rows: PaymentRow[]
  readonly journal: MemoryJournal
  readonly executor: Executor
}

/** Plans straight on the node, then pays through the proxy; the payment must not stop. */
async function payThroughProxy(
  tag: string,
  asset: PlanAsset,
  count: number,
  batch = false,
  witnesses: readonly EthRpc[] = []
): Promise<Run> {
  const run = await startThroughProxy(tag, asset, count, batch, witnesses)
  expect(run.report.stopped).toBeUndefined()
  return run
}

async function startThroughProxy(
  tag: string,
  asset: PlanAsset,
  count: number,
  batch = false,
  witnesses: readonly EthRpc[] = []
): Promise<Run & { readonly report: ExecutionReport }> {
  const unit = asset.kind === 'native' ? ETHER / 1_000n : TOKEN_UNIT
  const rows = fx.rows(fx.recipients(count, tag), (i) => BigInt(i + 1) * unit, tag)
  const request = {
    rpc: fx.rpc,
    chainId: fx.node.chainId,
    from: fx.payer.address,
    asset,
    rows,
    fees: await quoteFees(fx.rpc)
  }
  const plan = batch
    ? await planBatch({ ...request, batchContract: fx.batchContract })
    : await planPerRecipient(request)
  const journal = new MemoryJournal()
  const executor = new Executor({
    rpc: fx.rpcAt(proxy.url, 1_000),
    journal,
    chainId: fx.node.chainId,
    confirmations: 1,
    witnesses,
    pollIntervalMs: 50,
    broadcast: { attempts: 2, retryDelayMs: 20 }
  })
  const report = await executor.execute(tag, plan, fx.payer)
  return { rows, journal, executor, report }
}

/**
 * The endpoint never hands a transaction to the node (it answers "nonce too low"), and serves
 * `fake(hash)` as the receipt of any transaction the node has none for.
 */
function neverSendAndServe(fake: (hash: unknown) => unknown): void {
  proxy.addFault({
    method: 'eth_sendRawTransaction',
    mode: 'error_without_forward',
    message: 'nonce too low',
    times: EVERY_CALL
  })
  proxy.addFault({
    method: 'eth_getTransactionReceipt',
    mode: 'rewrite_after_forward',
    rewrite: (receipt, params) => receipt ?? fake(params[0]),
    times: EVERY_CALL
  })
}

/** Tracking passes with a new block after each; returns the errors the passes met. */
async function passes(executor: Executor, count: number): Promise<unknown[]> {
  const errors: unknown[] = []
  for (let i = 0; i < count; i++) {
    await executor.reconcileOnce().catch((e: unknown) => errors.push(e))
    await fx.mine(1)
  }
  return errors
}

describe('a receipt of another transaction', () => {
  it('settles nothing: the row stays in progress until the endpoint serves the receipt asked for, then is paid once', async () => {
    // A real receipt of an earlier payment, to be served for a transaction the node never got.
    const earlier = await payThroughProxy('decoy-source', fx.native, 1)
    await settle(earlier.executor)
    const decoy = await fx.send('eth_getTransactionReceipt', [earlier.journal.txs[0]!.hash])
    neverSendAndServe(() => decoy)
    const run = await payThroughProxy('decoy', fx.native, 1)
    const errors = await passes(run.executor, 3)
    expect(proxy.hits.get('eth_getTransactionReceipt')).toBeGreaterThan(0)
    expect(run.journal.item('decoy-0')?.status).toBe('in_progress')
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.every((e) => isChainError(e, CHAIN_ERROR.rpcBadResponse))).toBe(true)
    expect(String(errors[0])).toContain(run.journal.txs[0]!.hash)
    expect(await fx.balances(fx.native, [run.rows[0]!.to])).toEqual([0n])

    proxy.clearFaults()
    await settle(run.executor)
    expect(run.journal.item('decoy-0')?.status).toBe('paid')
    expect(await fx.balances(fx.native, [run.rows[0]!.to])).toEqual([run.rows[0]!.amount])
  })
})

describe('a receipt invented for a transaction the node never got', () => {
  it("settles nothing while the endpoint's own count of the account's transactions says it was not mined", async () => {
    // A real receipt of an earlier payment, rewritten to name the new transaction and its recipient.
    const earlier = await payThroughProxy('invented-source', fx.native, 1)
    await settle(earlier.executor)
    const decoy = (await fx.send('eth_getTransactionReceipt', [earlier.journal.txs[0]!.hash])) as object
    const [to] = fx.recipients(1, 'invented')
    neverSendAndServe((hash) => ({ ...decoy, transactionHash: hash, to: to!.toLowerCase() }))
    const run = await payThroughProxy('invented', fx.native, 1)
    await passes(run.executor, 3)
    expect(proxy.hits.get('eth_getTransactionReceipt')).toBeGreaterThan(0)
    expect(run.journal.item('invented-0')?.status).toBe('in_progress')
    expect(await fx.balances(fx.native, [to!])).toEqual([0n])

    proxy.clearFaults()
    await settle(run.executor)
    expect(run.journal.item('invented-0')?.status).toBe('paid')
    expect(await fx.balances(fx.native, [to!])).toEqual([run.rows[0]!.amount])
  })
})

describe('a receipt invented together with a nonce that backs it', () => {
  it('is doubted when a witness past its block knows no such transaction: the row needs checking, never paid', async () => {
    const earlier = await payThroughProxy('backed-source', fx.native, 1)
    await settle(earlier.executor)
    const decoy = (await fx.send('eth_getTransactionReceipt', [earlier.journal.txs[0]!.hash])) as object
    const [to] = fx.recipients(1, 'backed')
    neverSendAndServe((hash) => ({ ...decoy, transactionHash: hash, to: to!.toLowerCase() }))
    const run = await payThroughProxy('backed', fx.native, 1, false, [fx.rpcAt(fx.node.url)])
    // A fully consistent liar: the account's count of mined transactions includes the invented one.
    proxy.addFault({
      method: 'eth_getTransactionCount',
      mode: 'rewrite_after_forward',
      when: (params) => params[1] === 'latest',
      rewrite: (count) => `0x${(BigInt(count as string) + 1n).toString(16)}`,
      times: EVERY_CALL
    })
    await passes(run.executor, 3)
    expect(proxy.hits.get('eth_getTransactionCount')).toBeGreaterThan(0)
    expect(run.journal.item('backed-0')).toMatchObject({
      status: 'needs_check',
      failure: { code: 'ENDPOINTS_DISAGREE', reason: expect.stringContaining('knows no such transaction') }
    })
    expect(run.journal.txs.map((t) => t.state)).toEqual(['unverified'])
    expect(await fx.balances(fx.native, [to!])).toEqual([0n])

    // The endpoint honest again: the transaction is sent, mined and the row paid once.
    proxy.clearFaults()
    await settle(run.executor)
    expect(run.journal.item('backed-0')?.status).toBe('paid')
    expect(await fx.balances(fx.native, [to!])).toEqual([run.rows[0]!.amount])
  })
})

describe("a pass's successes put to a witness", () => {
  it('are asked in one request, not one per transaction, and settle when it agrees', async () => {
    const witness = await startRpcFaultProxy(fx.node.url)
    try {
      const run = await payThroughProxy('asked-together', fx.native, 5, false, [fx.rpcAt(witness.url)])
      // Every payment mined before the one pass, so the pass finds all five deep enough.
      await fx.mine(1)
      const hashes = run.journal.txs.map((t) => t.hash)
      for (let tries = 0; (await fx.rpc.receipts(hashes)).includes(undefined); tries++) {
        if (tries > 100) throw new Error('the payments were not mined')
        await new Promise((r) => setTimeout(r, 20))
      }
      await run.executor.reconcileOnce()
      expect(witness.seen.get('eth_getTransactionReceipt')).toBe(5)
      expect(witness.requests.get('eth_getTransactionReceipt')).toBe(1)
      expect(run.rows.map((r) => run.journal.item(r.itemId)?.status)).toEqual(run.rows.map(() => 'paid'))
    } finally {
      await witness.stop()
    }
  })
})

describe('a witness that misses a receipt for a moment', () => {
  it('puts nothing to a person: the row is paid once the witness serves it, never needing checking', async () => {
    const witness = await startRpcFaultProxy(fx.node.url)
    try {
      // One answer without the receipt, as a balancer's backend that has not caught up gives.
      witness.addFault({ method: 'eth_getTransactionReceipt', mode: 'null_without_forward', times: 1 })
      const run = await payThroughProxy('missed-once', fx.native, 1, false, [fx.rpcAt(witness.url)])
      await passes(run.executor, 3)
      expect(witness.hits.get('eth_getTransactionReceipt')).toBe(1)
      expect(run.journal.item('missed-once-0')?.status).toBe('paid')
      expect(run.journal.log.filter((l) => l.startsWith('unverified'))).toEqual([])
    } finally {
      await witness.stop()
    }
  })
})

describe('a witness that lags behind the endpoint in use', () => {
  it('is not asked to judge a success: a witness whose head is behind the receipt knows nothing yet', async () => {
    const lagging = await startRpcFaultProxy(fx.node.url)
    try {
      // The witness serves an old head and no receipts, as a node still syncing would.
      lagging.addFault({
        method: 'eth_blockNumber',
        mode: 'rewrite_after_forward',
        rewrite: () => '0x1',
        times: EVERY_CALL
      })
      lagging.addFault({ method: 'eth_getTransactionReceipt', mode: 'null_without_forward', times: EVERY_CALL })
      const run = await payThroughProxy('lagging', fx.native, 1, false, [fx.rpcAt(lagging.url)])
      await settle(run.executor)
      expect(lagging.hits.get('eth_blockNumber')).toBeGreaterThan(0)
      expect(run.journal.item('lagging-0')?.status).toBe('paid')
      expect(await fx.balances(fx.native, [run.rows[0]!.to])).toEqual([run.rows[0]!.amount])
    } finally {
      await lagging.stop()
    }
  })
})

describe('a paid transaction served as failed', () => {
  it('is checked with the witnesses before its rows are signed again: a success one of them shows refuses', async () => {
    const paid = await payThroughProxy('served-failed', fx.native, 1)
    await settle(paid.executor)
    expect(paid.journal.item('served-failed-0')?.status).toBe('paid')
    proxy.addFault({
      method: 'eth_getTransactionReceipt',
      mode: 'rewrite_after_forward',
      rewrite: (receipt) => (receipt === null ? null : { ...(receipt as object), status: '0x0', logs: [] }),
      times: EVERY_CALL
    })
    const liar = fx.rpcAt(proxy.url, 1_000)
    const { txs } = paid.journal
    // On its word alone the row could be paid again: one endpoint cannot be told from the truth.
    await expect(assertNotPaidOnChain(txs, liar, paid.rows)).resolves.toBeUndefined()
    // A witness that cannot be reached, or serves another chain, adds nothing.
    const unreachable = fx.rpcAt('http://127.0.0.1:9', 500)
    const chainId = fx.node.chainId
    await expect(
      assertNotPaidOnChain(txs, liar, paid.rows, { witnesses: [unreachable], chainId })
    ).resolves.toBeUndefined()
    await expect(
      assertNotPaidOnChain(txs, liar, paid.rows, { witnesses: [fx.rpc], chainId: chainId + 1n })
    ).resolves.toBeUndefined()
    // The node itself, asked as a witness, shows the payment.
    const refused = assertNotPaidOnChain(txs, liar, paid.rows, { witnesses: [unreachable, fx.rpc], chainId })
    await expect(refused).rejects.toMatchObject({ code: 'paid_on_chain', details: { rows: [1] } })
    await expect(refused).rejects.toThrow(`already paid: row 1 (${txs[0]!.hash})`)
    expect(proxy.hits.get('eth_getTransactionReceipt')).toBeGreaterThan(0)
  })
})

describe('a paid transaction the endpoint no longer knows', () => {
  it('is asked of the witnesses before its rows are signed again: its nonce is used, so only they can tell', async () => {
    const paid = await payThroughProxy('served-unknown', fx.native, 1)
    await settle(paid.executor)
    // The endpoint hides the receipt (and the transaction); the account's nonce is past it.
    proxy.addFault({ method: 'eth_getTransactionReceipt', mode: 'null_without_forward', times: EVERY_CALL })
    const liar = fx.rpcAt(proxy.url, 1_000)
    const { txs } = paid.journal
    await expect(assertNotPaidOnChain(txs, liar, paid.rows)).resolves.toBeUndefined()
    const refused = assertNotPaidOnChain(txs, liar, paid.rows, { witnesses: [fx.rpc], chainId: fx.node.chainId })
    await expect(refused).rejects.toMatchObject({ code: 'paid_on_chain', details: { rows: [1] } })
    await expect(refused).rejects.toThrow(`already paid: row 1 (${txs[0]!.hash})`)
    expect(proxy.hits.get('eth_getTransactionReceipt')).toBeGreaterThan(0)
  })
})

describe('a successful receipt stripped of its Transfer events', () => {
  it.each([
    ['a token batch', true],
    ['a token transfer', false]
  ])(
    'leaves the rows of %s needing checking, never failed, so retrying failed rows cannot pay them again',
    async (_, batch) => {
      proxy.addFault({
        method: 'eth_getTransactionReceipt',
        mode: 'rewrite_after_forward',
        rewrite: (receipt) => (receipt === null ? null : { ...(receipt as object), logs: [] }),
        times: EVERY_CALL
      })
      const tag = `no-logs-${batch ? 'batch' : 'transfer'}`
      const run = await payThroughProxy(tag, fx.token, 2, batch)
      await settle(run.executor)
      expect(proxy.hits.get('eth_getTransactionReceipt')).toBeGreaterThan(0)
      // The tokens did move: the endpoint only left the events out.
      expect(
        await fx.balances(
          fx.token,
          run.rows.map((r) => r.to)
        )
      ).toEqual(run.rows.map((r) => r.amount))
      for (const row of run.rows)
        expect(run.journal.item(row.itemId)).toMatchObject({
          status: 'needs_check',
          failure: { code: 'TRANSFER_NOT_FOUND', reason: expect.stringContaining('Whether it was paid is unknown') }
        })
    }
  )
})

describe('a pending nonce far ahead of the account', () => {
  it('signs nothing: the rows are handed back, saying how many transactions the endpoint claims are waiting', async () => {
    const gap = 1_000n
    proxy.addFault({
      method: 'eth_getTransactionCount',
      mode: 'rewrite_after_forward',
      when: (params) => params[1] === 'pending',
      rewrite: (nonce) => `0x${(BigInt(String(nonce)) + gap).toString(16)}`
    })
    const before = fx.payer.signatures
    const nonceBefore = await fx.rpc.nonce(fx.payer.address, 'pending')
    const run = await startThroughProxy('gap', fx.native, 2)
    expect(proxy.hits.get('eth_getTransactionCount')).toBe(1)
    expect(run.report.stopped?.error.code).toBe(CHAIN_ERROR.nonceGap)
    expect(run.report.stopped?.error.message).toContain(`${gap} transactions`)
    expect(run.report.stopped?.unsignedItemIds).toEqual(['gap-0', 'gap-1'])
    expect([fx.payer.signatures, run.journal.txs.length]).toEqual([before, 0])
    expect(await fx.rpc.nonce(fx.payer.address, 'pending')).toBe(nonceBefore)
  })
})
