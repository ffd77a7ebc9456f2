// Runs in: tests (plain Node, Vitest). Tracking on a real node behind an endpoint that lies or
// lags (the fault proxy): a used nonce with no receipt never fails a payment on the endpoint's word,
// other endpoints are asked first, a node without history gives no evidence, an endpoint on
// another chain settles nothing, and a confirmed payment whose block leaves the chain is followed
// again. Every recipient is paid exactly once, read on chain.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startChainFixture, ETHER, type ChainFixture } from '../../test/chainFixture'
import { MemoryJournal } from '../../test/memoryJournal'
import { startRpcFaultProxy, type RpcFaultProxy } from '../../test/rpcFaultProxy'
import { CHAIN_ERROR, isChainError } from './errors'
import type { EthRpc } from './ethRpc'
import type { ExecutionEvent } from './events'
import { Executor } from './executor'
import { quoteFees } from './fees'
import { TX_STATE } from './journal'
import { planPerRecipient } from './planPerRecipient'
import type { RecordWatch } from './tracker'
import { createTrackingLoops } from './trackingLoops'

let fx: ChainFixture
let proxy: RpcFaultProxy
beforeAll(async () => {
  fx = await startChainFixture()
})
afterAll(async () => {
  await fx?.stop()
})
// Blocks are mined on request, so each pass sees exactly the chain the test made.
beforeEach(async () => {
  proxy = await startRpcFaultProxy(fx.node.url)
  await fx.send('evm_setAutomine', [false])
})
afterEach(async () => {
  await fx.send('evm_setAutomine', [true])
  await proxy.stop()
})

const FOREVER = Number.POSITIVE_INFINITY
const blockNumberParam = (params: readonly unknown[]): boolean => params[1] !== 'latest' && params[1] !== 'pending'

interface Sent {
  readonly journal: MemoryJournal
  readonly executor: Executor
  readonly events: ExecutionEvent[]
  readonly itemId: string
  readonly to: string
  readonly hash: string
  readonly nonceBefore: number
}

/** One ETH payment signed and sent through the proxy, then mined. */
async function payOne(
  tag: string,
  options: {
    witnesses?: readonly EthRpc[]
    reorgWatchBlocks?: number
    records?: RecordWatch
  } = {}
): Promise<Sent> {
  const rows = fx.rows(fx.recipients(1, tag), () => ETHER / 10n, tag)
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
    rpc: fx.rpcAt(proxy.url, 2_000),
    journal,
    chainId: fx.node.chainId,
    confirmations: 1,
    pollIntervalMs: 50,
    onEvent: (e) => events.push(e),
    ...options
  })
  const nonceBefore = await fx.rpc.nonce(fx.payer.address)
  const report = await executor.execute(tag, plan, fx.payer)
  expect(report.stopped).toBeUndefined()
  await fx.mine(1)
  return { journal, executor, events, itemId: rows[0]!.itemId, to: rows[0]!.to, hash: report.signed[0]!, nonceBefore }
}

async function expectPaidOnce(sent: Sent): Promise<void> {
  expect(await fx.balances(fx.native, [sent.to])).toEqual([ETHER / 10n])
  expect(await fx.rpc.nonce(fx.payer.address)).toBe(sent.nonceBefore + 1)
  expect(sent.journal.txs).toHaveLength(1)
}

describe('a used nonce and no receipt', () => {
  it('makes the payment unverified and its row need checking, never failed; it is paid once when a receipt can be read', async () => {
    proxy.addFault({ method: 'eth_getTransactionReceipt', mode: 'null_without_forward', times: FOREVER })
    const sent = await payOne('lying')
    // The first pass notes the used nonce; a block later the judgement is due.
    await sent.executor.reconcileOnce()
    expect(sent.journal.txs[0]?.state).toBe(TX_STATE.broadcast)
    await fx.mine(1)
    const left = await sent.executor.reconcileOnce()
    expect(left).toEqual({ live: 0, unverified: 1, watched: 0 })
    expect(sent.journal.txs[0]).toMatchObject({ state: TX_STATE.unverified, failure: { code: 'NO_RECEIPT' } })
    expect(sent.journal.item(sent.itemId)?.status).toBe('needs_check')
    // The endpoint did list the transaction in a block: the note says so, and what to do.
    const note = sent.events.find((e) => e.type === 'unverified')
    expect(note).toMatchObject({
      hash: sent.hash,
      reason: expect.stringContaining('does list this transaction in block')
    })
    expect(sent.events.some((e) => e.type === 'failed')).toBe(false)
    // Later passes look again and change nothing while the endpoint stays silent.
    await fx.mine(1)
    await sent.executor.reconcileOnce()
    expect(sent.journal.item(sent.itemId)?.status).toBe('needs_check')
    // The endpoint serves the receipt again: the row is paid, by the one transaction.
    proxy.clearFaults()
    expect(await sent.executor.reconcileOnce()).toEqual({ live: 0, unverified: 0, watched: 0 })
    expect(sent.journal.txs[0]?.state).toBe(TX_STATE.confirmed)
    expect(sent.journal.item(sent.itemId)?.status).toBe('paid')
    await expectPaidOnce(sent)
  })

  it("asks the network's other endpoints first: a witness's receipt settles the payment", async () => {
    proxy.addFault({ method: 'eth_getTransactionReceipt', mode: 'null_without_forward', times: FOREVER })
    const sent = await payOne('witnessed', { witnesses: [fx.rpc] })
    await sent.executor.reconcileOnce()
    await fx.mine(1)
    await sent.executor.reconcileOnce()
    expect(sent.journal.txs[0]?.state).toBe(TX_STATE.confirmed)
    expect(sent.journal.item(sent.itemId)?.status).toBe('paid')
    expect(sent.events.some((e) => e.type === 'unverified' || e.type === 'failed')).toBe(false)
    await expectPaidOnce(sent)
  })

  it('skips a witness on another chain: its word counts for nothing', async () => {
    proxy.addFault({ method: 'eth_getTransactionReceipt', mode: 'null_without_forward', times: FOREVER })
    const wrong = await startRpcFaultProxy(fx.node.url)
    try {
      wrong.addFault({ method: 'eth_chainId', mode: 'wrong_chain', chainId: 1n, times: FOREVER })
      const sent = await payOne('wrong-witness', { witnesses: [fx.rpcAt(wrong.url)] })
      await sent.executor.reconcileOnce()
      await fx.mine(1)
      await sent.executor.reconcileOnce()
      expect(wrong.seen.get('eth_getTransactionReceipt')).toBeUndefined()
      expect(sent.journal.item(sent.itemId)?.status).toBe('needs_check')
    } finally {
      await wrong.stop()
    }
  })

  it('gives no evidence when the node cannot serve the account history: unverified, not failed', async () => {
    proxy.addFault({ method: 'eth_getTransactionReceipt', mode: 'null_without_forward', times: FOREVER })
    proxy.addFault({
      method: 'eth_getTransactionCount',
      mode: 'error_without_forward',
      message: 'missing trie node',
      times: FOREVER,
      when: blockNumberParam
    })
    const sent = await payOne('pruned')
    await sent.executor.reconcileOnce()
    await fx.mine(1)
    await sent.executor.reconcileOnce()
    expect(proxy.hits.get('eth_getTransactionCount')).toBeGreaterThan(0)
    expect(sent.journal.txs[0]?.state).toBe(TX_STATE.unverified)
    expect(sent.journal.item(sent.itemId)).toMatchObject({ status: 'needs_check' })
    expect(sent.events.find((e) => e.type === 'unverified')).toMatchObject({
      reason: expect.not.stringContaining('list this transaction')
    })
    expect(await fx.balances(fx.native, [sent.to])).toEqual([ETHER / 10n])
  })
})

describe('a transaction whose journal record differs from its signed bytes', () => {
  /** A record watch that names `what` for the sent payment while `differs()` says so, on passes or only before settling. */
  function watch(when: 'every pass' | 'before settling', what: string, differs: () => boolean): RecordWatch {
    return {
      differences: (open) => new Map(when === 'every pass' && differs() ? open.map((t) => [t.hash, what]) : []),
      beforeSettling: () => (differs() ? what : undefined)
    }
  }

  for (const when of ['every pass', 'before settling'] as const) {
    it(`settles nothing on the record (found ${when}): unverified with what differs, followed again once it matches`, async () => {
      let differs = true
      const sent = await payOne(`altered-record-${when.replace(' ', '-')}`, {
        records: watch(when, 'its links were moved', () => differs)
      })
      expect(await sent.executor.reconcileOnce()).toEqual({ live: 0, unverified: 1, watched: 0 })
      expect(sent.journal.txs[0]).toMatchObject({ state: TX_STATE.unverified, failure: { code: 'JOURNAL_ALTERED' } })
      expect(sent.journal.item(sent.itemId)?.status).toBe('needs_check')
      expect(sent.events.filter((e) => e.type === 'unverified')).toEqual([
        expect.objectContaining({ hash: sent.hash, reason: expect.stringContaining('(its links were moved)') })
      ])
      expect(sent.events.some((e) => e.type === 'confirmed')).toBe(false)
      // Later passes neither settle it nor say it again.
      for (const _ of [1, 2]) {
        await fx.mine(1)
        await sent.executor.reconcileOnce()
      }
      expect(sent.journal.item(sent.itemId)?.status).toBe('needs_check')
      expect(sent.events.filter((e) => e.type === 'unverified')).toHaveLength(1)
      differs = false
      expect(await sent.executor.reconcileOnce()).toEqual({ live: 0, unverified: 0, watched: 0 })
      expect(sent.journal.item(sent.itemId)?.status).toBe('paid')
      await expectPaidOnce(sent)
    })
  }
})

describe('an endpoint that now serves another chain', () => {
  it('reads and settles nothing from it, and stops tracking that network instead of retrying', async () => {
    const sent = await payOne('chain-swap')
    proxy.addFault({ method: 'eth_chainId', mode: 'wrong_chain', chainId: 1n, times: FOREVER })
    const error = await sent.executor.reconcileOnce().catch((e: unknown) => e)
    expect(isChainError(error, CHAIN_ERROR.wrongChain)).toBe(true)
    expect(proxy.seen.get('eth_getTransactionReceipt')).toBeUndefined()
    expect(sent.journal.txs[0]?.state).toBe(TX_STATE.broadcast)
    expect(sent.journal.item(sent.itemId)?.status).toBe('in_progress')
    const errors: unknown[] = []
    const loops = createTrackingLoops({
      executorFor: () => sent.executor,
      pollIntervalMs: 20,
      onError: (_chainId, e) => void errors.push(e)
    })
    await loops.track(Number(fx.node.chainId))
    await loops.stop()
    expect(errors).toHaveLength(1)
    expect(isChainError(errors[0], CHAIN_ERROR.wrongChain)).toBe(true)
    // The endpoint is corrected: the same payment settles, paid once.
    proxy.clearFaults()
    await sent.executor.reconcileOnce()
    expect(sent.journal.item(sent.itemId)?.status).toBe('paid')
    await expectPaidOnce(sent)
  })
})

describe('a confirmed payment whose block leaves the chain', () => {
  it('is live again with its row in progress, then confirmed again and paid once', async () => {
    const snapshot = await fx.send('evm_snapshot')
    const sent = await payOne('reorg-confirmed', { reorgWatchBlocks: 5 })
    expect(await sent.executor.reconcileOnce()).toEqual({ live: 0, unverified: 0, watched: 1 })
    expect(sent.journal.item(sent.itemId)?.status).toBe('paid')
    const firstBlock = sent.journal.txs[0]?.block
    // Another block takes its place at the same height (anvil drops the transaction with the old one).
    await fx.send('evm_revert', [snapshot])
    await fx.mine(1)
    await sent.executor.reconcileOnce()
    expect(sent.events).toContainEqual({ type: 'reorged', payoutId: 'reorg-confirmed', hash: sent.hash })
    expect(sent.journal.txs[0]?.state).toBe(TX_STATE.broadcast)
    expect(sent.journal.item(sent.itemId)?.status).toBe('in_progress')
    // The same bytes are sent again, mined in a new block, and confirmed.
    for (let i = 0; i < 5 && sent.journal.txs[0]?.state !== TX_STATE.confirmed; i++) {
      await sent.executor.reconcileOnce()
      await fx.mine(1)
    }
    await sent.executor.reconcileOnce()
    expect(sent.journal.txs[0]?.state).toBe(TX_STATE.confirmed)
    expect(sent.journal.txs[0]?.block?.hash).not.toBe(firstBlock?.hash)
    expect(sent.journal.item(sent.itemId)?.status).toBe('paid')
    await expectPaidOnce(sent)
    // Once its block is older than the re-check window, nothing is watched any more.
    await fx.mine(6)
    expect(await sent.executor.reconcileOnce()).toEqual({ live: 0, unverified: 0, watched: 0 })
  })
})
