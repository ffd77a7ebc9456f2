// Runs in: tests (plain Node, Vitest). Fault tests: flaky endpoints between the engine and a real node. Whatever the endpoint answers,
// each recipient is paid exactly once, verified on chain, and lost answers are settled by hash.
import { Wallet } from 'ethers'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startChainFixture, ETHER, type ChainFixture } from '../../test/chainFixture'
import { MemoryJournal } from '../../test/memoryJournal'
import { startRpcFaultProxy, type RpcFaultProxy } from '../../test/rpcFaultProxy'
import { checkEndpoint } from './endpointCheck'
import { EthRpc } from './ethRpc'
import { FailoverRpcClient } from './rpcFailover'
import { CHAIN_ERROR, isChainError } from './errors'
import type { ExecutionEvent } from './events'
import { Executor } from './executor'
import { createTrackingLoops } from './trackingLoops'
import { quoteFees } from './fees'
import { TX_STATE } from './journal'
import { planPerRecipient } from './planPerRecipient'
import type { PaymentRow } from './planTypes'
import { settle } from '../../test/settle'
import { minedReceipt } from '../../test/minedReceipt'

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

interface Run {
  readonly journal: MemoryJournal
  readonly events: ExecutionEvent[]
  readonly executor: Executor
  readonly rows: PaymentRow[]
  readonly nonceBefore: number
}

async function runThroughProxy(
  tag: string,
  count = 3
): Promise<Run & { report: Awaited<ReturnType<Executor['execute']>> }> {
  const rows = fx.rows(fx.recipients(count, tag), (i) => BigInt(i + 1) * (ETHER / 100n), tag)
  // Planning goes straight to the node; only execution goes through the misbehaving endpoint.
  const plan = await planPerRecipient({
    rpc: fx.rpc,
    chainId: fx.node.chainId,
    from: fx.payer.address,
    asset: fx.native,
    rows,
    fees: await quoteFees(fx.rpc)
  })
  const journal = new MemoryJournal()
  const events: ExecutionEvent[] = []
  const executor = new Executor({
    rpc: fx.rpcAt(proxy.url, 1_000),
    journal,
    chainId: fx.node.chainId,
    confirmations: 1,
    pollIntervalMs: 50,
    broadcast: { attempts: 3, retryDelayMs: 50 },
    onEvent: (e) => events.push(e)
  })
  const nonceBefore = await fx.rpc.nonce(fx.payer.address)
  const report = await executor.execute(tag, plan, fx.payer)
  return { journal, events, executor, rows, nonceBefore, report }
}

async function expectPaidExactlyOnce(run: Run): Promise<void> {
  await settle(run.executor, 60_000)
  expect(
    await fx.balances(
      fx.native,
      run.rows.map((r) => r.to)
    )
  ).toEqual(run.rows.map((r) => r.amount))
  expect(await fx.rpc.nonce(fx.payer.address)).toBe(run.nonceBefore + run.rows.length)
  for (const r of run.rows) expect(run.journal.item(r.itemId)?.status).toBe('paid')
  expect(run.journal.txs.every((t) => t.state === TX_STATE.confirmed)).toBe(true)
}

describe('broadcast through a faulty endpoint', () => {
  it('settles by hash a transaction the endpoint accepted but never answered for (timeout)', async () => {
    proxy.addFault({ method: 'eth_sendRawTransaction', mode: 'hang_after_forward' })
    const run = await runThroughProxy('timeout')
    expect(run.report.stopped).toBeUndefined()
    expect(run.events).toContainEqual(expect.objectContaining({ type: 'maybe_sent', code: CHAIN_ERROR.rpcTimeout }))
    await expectPaidExactlyOnce(run)
  })

  it('treats "already known" as sent', async () => {
    proxy.addFault({
      method: 'eth_sendRawTransaction',
      mode: 'error_after_forward',
      message: 'already known',
      times: 2
    })
    const run = await runThroughProxy('known')
    expect(run.report.stopped).toBeUndefined()
    await expectPaidExactlyOnce(run)
  })

  it('answers "nonce too low" by looking up its own hash, and finds it mined', async () => {
    proxy.addFault({ method: 'eth_sendRawTransaction', mode: 'error_after_forward', message: 'nonce too low' })
    const run = await runThroughProxy('nonce-low')
    expect(run.report.stopped).toBeUndefined()
    await expectPaidExactlyOnce(run)
  })

  it('treats an HTML error page after delivery as "maybe sent" and settles it by hash', async () => {
    proxy.addFault({ method: 'eth_sendRawTransaction', mode: 'html_after_forward' })
    const run = await runThroughProxy('html-after')
    expect(run.events).toContainEqual(expect.objectContaining({ type: 'maybe_sent', code: CHAIN_ERROR.rpcBadResponse }))
    await expectPaidExactlyOnce(run)
  })

  it('re-sends the same bytes when HTML pages hide whether anything was delivered', async () => {
    proxy.addFault({ method: 'eth_sendRawTransaction', mode: 'html_without_forward', times: 4 })
    const run = await runThroughProxy('html-before')
    const first = run.journal.txs[0]!
    expect(run.events.filter((e) => e.type === 'maybe_sent' && e.hash === first.hash).length).toBeGreaterThanOrEqual(3)
    await expectPaidExactlyOnce(run)
  })

  it('stops signing when a refusal cannot be explained by its own hash, and settles the signed one later', async () => {
    proxy.addFault({ method: 'eth_sendRawTransaction', mode: 'error_without_forward', message: 'nonce too low' })
    const run = await runThroughProxy('refused')
    expect(run.report.stopped?.error.code).toBe(CHAIN_ERROR.nonceTooLow)
    // The refused one is persisted, and so is the one signed while it was being sent (never sent);
    // the row after them was never signed and is handed back.
    expect(run.report.stopped?.unsignedItemIds).toEqual(['refused-2'])
    expect(run.journal.txs.map((t) => t.state)).toEqual([TX_STATE.signed, TX_STATE.signed])
    await settle(run.executor, 60_000)
    // The signed ones were sent again with the same bytes (the nonces were still free) and paid once.
    expect(
      await fx.balances(
        fx.native,
        run.rows.map((r) => r.to)
      )
    ).toEqual([run.rows[0]!.amount, run.rows[1]!.amount, 0n])
    expect(await fx.rpc.nonce(fx.payer.address)).toBe(run.nonceBefore + 2)
  })
})

describe('a transaction refused while the next one was being signed', () => {
  it('never sends the one signed ahead before the refused one is held by a node, and pays each row once', async () => {
    // The first send is refused outright; so is the tracker's first re-send of it.
    proxy.addFault({
      method: 'eth_sendRawTransaction',
      mode: 'error_without_forward',
      message: 'nonce too low',
      times: 2
    })
    const run = await runThroughProxy('ahead', 4)
    const [first, second] = run.journal.txs
    expect(run.report.stopped?.step).toBe(0)
    expect(run.report.stopped?.error.code).toBe(CHAIN_ERROR.nonceTooLow)
    // Step 1 was signed while step 0 was being sent: persisted with its row, reported as signed, never sent.
    expect(run.report.signed).toEqual([first!.hash, second!.hash])
    expect(run.journal.txs.map((t) => [t.nonce - run.nonceBefore, t.state, t.itemIds])).toEqual([
      [0, TX_STATE.signed, ['ahead-0']],
      [1, TX_STATE.signed, ['ahead-1']]
    ])
    expect(run.report.stopped?.unsignedItemIds).toEqual(['ahead-2', 'ahead-3'])
    expect(proxy.seen.get('eth_sendRawTransaction')).toBe(1)
    // A pass in which step 0 is refused again sends nothing after it.
    await run.executor.reconcileOnce()
    expect(proxy.seen.get('eth_sendRawTransaction')).toBe(2)
    expect(await fx.rpc.nonce(fx.payer.address, 'pending')).toBe(run.nonceBefore)
    // Then step 0 goes through, and only after it, step 1.
    await settle(run.executor, 60_000)
    const sent = run.events.filter((e) => e.type === 'broadcast').map((e) => (e.type === 'broadcast' ? e.hash : ''))
    expect(sent).toEqual([first!.hash, second!.hash])
    const paid = run.rows.slice(0, 2)
    expect(
      await fx.balances(
        fx.native,
        run.rows.map((r) => r.to)
      )
    ).toEqual([...paid.map((r) => r.amount), 0n, 0n])
    expect(await fx.rpc.nonce(fx.payer.address)).toBe(run.nonceBefore + 2)
    for (const r of paid) expect(run.journal.item(r.itemId)?.status).toBe('paid')
  })
})

describe('an endpoint on the wrong chain', () => {
  it('is refused before anything is signed', async () => {
    proxy.addFault({ method: 'eth_chainId', mode: 'wrong_chain', chainId: 1n, times: 10 })
    const before = fx.payer.signatures
    const error = await runThroughProxy('wrong-chain').catch((e: unknown) => e)
    expect(isChainError(error, CHAIN_ERROR.wrongChain)).toBe(true)
    expect(fx.payer.signatures).toBe(before)
  })

  it('fails the endpoint check on save', async () => {
    proxy.addFault({ method: 'eth_chainId', mode: 'wrong_chain', chainId: 1n })
    const result = await checkEndpoint({ url: proxy.url, expectedChainId: fx.node.chainId })
    expect(result.ok ? undefined : result.error.code).toBe(CHAIN_ERROR.wrongChain)
    const healthy = await checkEndpoint({ url: proxy.url, expectedChainId: fx.node.chainId, maxBlockAgeSeconds: 3_600 })
    expect(healthy.ok).toBe(true)
  })

  it('fails the endpoint check when its latest block is too old', async () => {
    const inAnHour = (): number => Math.floor(Date.now() / 1000) + 3_600
    const result = await checkEndpoint({
      url: proxy.url,
      expectedChainId: fx.node.chainId,
      maxBlockAgeSeconds: 600,
      now: inAnHour
    })
    expect(result.ok ? undefined : result.error.code).toBe(CHAIN_ERROR.staleEndpoint)
  })
})

describe('a nonce used by a transaction the journal does not know', () => {
  it('fails the items of the signed transaction that can never be mined, naming the one it read at that nonce', async () => {
    proxy.addFault({ method: 'eth_sendRawTransaction', mode: 'error_without_forward', message: 'nonce too low' })
    const run = await runThroughProxy('taken', 1)
    const ours = run.journal.txs[0]!
    // Another wallet app spends the same nonce meanwhile.
    const other = new Wallet(fx.node.accounts[1]!.privateKey, fx.dev.provider)
    const theirs = await other.sendTransaction({ to: other.address, value: 0n, nonce: ours.nonce })
    await minedReceipt(fx.dev.provider, theirs.hash)
    for (let i = 0; i < 5 && run.journal.item('taken-0')?.status === 'in_progress'; i++) {
      await run.executor.reconcileOnce()
      await fx.mine(1)
    }
    expect(run.journal.item('taken-0')).toMatchObject({
      status: 'failed',
      failure: { code: 'NONCE_TAKEN', reason: expect.stringContaining(theirs.hash) }
    })
    expect(await fx.balances(fx.native, [run.rows[0]!.to])).toEqual([0n])
  })
})

describe('several endpoints for one network', () => {
  it('moves on to the next endpoint when the first answers with web pages, and pays once', async () => {
    for (const method of [
      'eth_chainId',
      'eth_sendRawTransaction',
      'eth_getTransactionCount',
      'eth_getBlockByNumber',
      'eth_call'
    ]) {
      proxy.addFault({ method, mode: 'html_without_forward', times: 100 })
    }
    const rpc = new EthRpc(
      new FailoverRpcClient([
        { url: proxy.url, label: 'Endpoint 1', timeoutMs: 1_000 },
        { url: fx.node.url, label: 'Endpoint 2' }
      ])
    )
    const rows = fx.rows(fx.recipients(2, 'failover'), () => ETHER / 10n, 'failover')
    const plan = await planPerRecipient({
      rpc,
      chainId: fx.node.chainId,
      from: fx.payer.address,
      asset: fx.native,
      rows,
      fees: await quoteFees(rpc)
    })
    const journal = new MemoryJournal()
    const executor = new Executor({ rpc, journal, chainId: fx.node.chainId, confirmations: 1, pollIntervalMs: 50 })
    const report = await executor.execute('failover', plan, fx.payer)
    expect(report.stopped).toBeUndefined()
    await settle(executor, 60_000)
    expect(
      await fx.balances(
        fx.native,
        rows.map((r) => r.to)
      )
    ).toEqual(rows.map((r) => r.amount))
    // The first endpoint was tried (its web page met), then the working one kept: the reads before
    // signing never reach it here; the tests below fault those on purpose.
    expect(proxy.seen.get('eth_getBlockByNumber')).toBe(1)
    expect(proxy.hits.get('eth_getBlockByNumber')).toBe(1)
  })
})

describe('faults on the reads taken right before signing (nonce and simulation, one batch request)', () => {
  it.each(['eth_getTransactionCount', 'eth_call'])(
    'moves on to the next endpoint when %s in the batch gets a web page, and pays once',
    async (method) => {
      proxy.addFault({ method, mode: 'html_without_forward', times: 100 })
      const rpc = new EthRpc(
        new FailoverRpcClient([
          { url: proxy.url, label: 'Endpoint 1', timeoutMs: 1_000 },
          { url: fx.node.url, label: 'Endpoint 2' }
        ])
      )
      const tag = `pre-sign-${method}`
      const rows = fx.rows(fx.recipients(2, tag), () => ETHER / 10n, tag)
      // Planned straight on the node: the first request the faulty endpoint is asked to fail is the batch before the first signature.
      const plan = await planPerRecipient({
        rpc: fx.rpc,
        chainId: fx.node.chainId,
        from: fx.payer.address,
        asset: fx.native,
        rows,
        fees: await quoteFees(fx.rpc)
      })
      const executor = new Executor({
        rpc,
        journal: new MemoryJournal(),
        chainId: fx.node.chainId,
        confirmations: 1,
        pollIntervalMs: 50
      })
      const report = await executor.execute(tag, plan, fx.payer)
      expect(report.stopped).toBeUndefined()
      expect(proxy.hits.get(method)).toBe(1)
      expect([
        proxy.seen.get('eth_getTransactionCount'),
        proxy.seen.get('eth_call'),
        proxy.seen.get('eth_sendRawTransaction')
      ]).toEqual([2, 1, undefined])
      await settle(executor, 60_000)
      expect(
        await fx.balances(
          fx.native,
          rows.map((r) => r.to)
        )
      ).toEqual(rows.map((r) => r.amount))
    }
  )

  it('stops before signing when the endpoint says the simulation reverts, naming the row', async () => {
    proxy.addFault({
      method: 'eth_call',
      mode: 'error_without_forward',
      message: 'execution reverted: blocked by the endpoint'
    })
    const before = fx.payer.signatures
    const run = await runThroughProxy('sim-fault', 2)
    expect(proxy.hits.get('eth_call')).toBe(1)
    expect(run.report.stopped?.error.code).toBe(CHAIN_ERROR.recipientWouldFail)
    expect(run.report.stopped?.error.message).toContain('blocked by the endpoint')
    expect(run.report.stopped?.unsignedItemIds).toEqual(['sim-fault-0', 'sim-fault-1'])
    expect([fx.payer.signatures, run.journal.txs.length]).toEqual([before, 0])
    expect(await fx.rpc.nonce(fx.payer.address, 'pending')).toBe(run.nonceBefore)
  })

  it.each([
    ['an error', { mode: 'error_without_forward', message: 'header not found' }, CHAIN_ERROR.rpcError],
    ['a lost answer', { mode: 'hang_after_forward' }, CHAIN_ERROR.rpcTimeout]
  ] as const)('signs nothing when the nonce read gets %s', async (_, fault, code) => {
    proxy.addFault({ method: 'eth_getTransactionCount', ...fault })
    const before = fx.payer.signatures
    const run = await runThroughProxy(`nonce-fault-${code}`, 2)
    expect(proxy.hits.get('eth_getTransactionCount')).toBe(1)
    expect(run.report.stopped?.error.code).toBe(code)
    expect(run.report.stopped?.unsignedItemIds).toHaveLength(2)
    expect([fx.payer.signatures, run.journal.txs.length]).toEqual([before, 0])
    expect(await fx.rpc.nonce(fx.payer.address, 'pending')).toBe(run.nonceBefore)
  })
})

describe('background tracking', () => {
  it('keeps reconciling through an outage and settles once the endpoint answers again', async () => {
    proxy.addFault({ method: 'eth_sendRawTransaction', mode: 'error_without_forward', message: 'nonce too low' })
    const run = await runThroughProxy('polling', 1)
    expect(run.journal.txs[0]?.state).toBe(TX_STATE.signed)
    proxy.addFault({ method: 'eth_blockNumber', mode: 'html_without_forward', times: 3 })
    const errors: unknown[] = []
    const loops = createTrackingLoops({
      executorFor: () => run.executor,
      pollIntervalMs: 50,
      onError: (_chainId, e) => void errors.push(e)
    })
    try {
      await loops.track(Number(fx.node.chainId))
    } finally {
      await loops.stop()
    }
    expect(errors.length).toBeGreaterThanOrEqual(3)
    expect(run.journal.item('polling-0')?.status).toBe('paid')
    expect(await fx.balances(fx.native, [run.rows[0]!.to])).toEqual([run.rows[0]!.amount])
  })
})
