// Runs in: tests (plain Node, Vitest). Integration: payouts paid on a real anvil node through both plans, every recipient's balance
// checked on chain afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startChainFixture, ETHER, TOKEN_UNIT, type ChainFixture } from '../../test/chainFixture'
import { MemoryJournal } from '../../test/memoryJournal'
import { Executor } from './executor'
import { quoteFees } from './fees'
import { CHAIN_ERROR } from './errors'
import { checkNativeBatch } from './nativeBatchCheck'
import { batchCall } from './batchCalls'
import { BATCH_CALLS } from './batchContract'
import type { ExecutionEvent } from './events'
import { TX_PURPOSE, TX_STATE, type NewJournalTx } from './journal'
import { planBatch } from './planBatch'
import { planPerRecipient } from './planPerRecipient'
import { PLAN_KIND, type ExecutionPlan, type PaymentRow, type PlanAsset, type PlanKind } from './planTypes'
import { settle } from '../../test/settle'

let fx: ChainFixture
beforeAll(async () => {
  fx = await startChainFixture()
})
afterAll(async () => {
  await fx?.stop()
})

async function plan(kind: PlanKind, asset: PlanAsset, rows: readonly PaymentRow[]): Promise<ExecutionPlan> {
  const request = {
    rpc: fx.rpc,
    chainId: fx.node.chainId,
    from: fx.payer.address,
    asset,
    rows,
    fees: await quoteFees(fx.rpc)
  }
  return kind === PLAN_KIND.batch
    ? planBatch({ ...request, batchContract: fx.batchContract })
    : planPerRecipient(request)
}

async function payAndSettle(payoutId: string, p: ExecutionPlan): Promise<MemoryJournal> {
  const journal = new MemoryJournal()
  const executor = new Executor({
    rpc: fx.rpc,
    journal,
    chainId: fx.node.chainId,
    confirmations: 1,
    pollIntervalMs: 50
  })
  const report = await executor.execute(payoutId, p, fx.payer)
  expect(report.stopped).toBeUndefined()
  expect(report.signed).toHaveLength(p.steps.length)
  await settle(executor, 180_000)
  return journal
}

const amountOf =
  (asset: PlanAsset) =>
  (i: number): bigint =>
    asset.kind === 'native' ? BigInt(i + 1) * 10n ** 12n : (BigInt(i + 1) * TOKEN_UNIT) / 100n

describe('a single payment', () => {
  it('pays one recipient in ETH with one clear-signed transfer', async () => {
    const [to] = fx.recipients(1, 'single-eth')
    const rows = fx.rows([to!], () => ETHER / 2n, 'single-eth')
    const p = await plan(PLAN_KIND.perRecipient, fx.native, rows)
    expect(p.steps).toHaveLength(1)
    expect(p.steps[0]!.display.kind).toBe('clear')
    const journal = await payAndSettle('single-eth', p)
    expect(await fx.balances(fx.native, [to!])).toEqual([ETHER / 2n])
    expect(journal.item('single-eth-0')?.status).toBe('paid')
    expect(journal.txs[0]?.state).toBe(TX_STATE.confirmed)
  })

  it('pays one recipient in an ERC-20 token with a transfer whose Transfer event confirms the row', async () => {
    const [to] = fx.recipients(1, 'single-token')
    const rows = fx.rows([to!], () => 1_234n * TOKEN_UNIT, 'single-token')
    const journal = await payAndSettle('single-token', await plan(PLAN_KIND.perRecipient, fx.token, rows))
    expect(await fx.balances(fx.token, [to!])).toEqual([1_234n * TOKEN_UNIT])
    expect(journal.item('single-token-0')?.status).toBe('paid')
  })
})

describe.each([
  ['ETH', 'native'],
  ['ERC-20', 'token']
] as const)('mass payouts in %s', (_label, assetKey) => {
  describe.each([PLAN_KIND.batch, PLAN_KIND.perRecipient])('through the %s plan', (kind) => {
    it.each([1, 10, 500])(
      'pays each of %i recipients exactly their amount',
      async (count) => {
        const asset = fx[assetKey]
        const tag = `${assetKey}-${kind}-${count}`
        const addresses = fx.recipients(count, tag)
        const rows = fx.rows(addresses, amountOf(asset), tag)
        const p = await plan(kind, asset, rows)
        const journal = await payAndSettle(tag, p)
        const balances = await fx.balances(asset, addresses)
        expect(balances).toEqual(rows.map((r) => r.amount))
        for (const row of rows) expect(journal.item(row.itemId)?.status).toBe('paid')
        if (kind === PLAN_KIND.batch) {
          // Packed payments (every amount fits); chunks stay under the target gas; ERC-20 adds exactly one approval.
          expect(p.batchContract?.calls).toBe(BATCH_CALLS.packed)
          for (const step of p.steps) expect(step.gasLimit).toBeLessThanOrEqual(16_777_216n)
          expect(p.steps.filter((s) => s.kind === 'approve')).toHaveLength(asset.kind === 'erc20' ? 1 : 0)
          expect(p.steps.length).toBeLessThan(count + 2)
        } else {
          expect(p.steps).toHaveLength(count)
        }
      },
      300_000
    ) // 500 transactions signed one by one: minutes on a loaded 2-core machine, seconds alone
  })
})

describe('a token payout with an amount over 96 bits', () => {
  it('goes through the Disperse calls, every row paid exactly and settled by its Transfer event', async () => {
    const large = 2n ** 96n + 7n
    await fx.dev.mintToken(fx.payer.address, large)
    const addresses = fx.recipients(3, 'over-96-bits')
    const rows = fx.rows(addresses, (i) => (i === 1 ? large : TOKEN_UNIT), 'over-96-bits')
    const p = await plan(PLAN_KIND.batch, fx.token, rows)
    expect(p.batchContract?.calls).toBe(BATCH_CALLS.disperse)
    const journal = await payAndSettle('over-96-bits', p)
    expect(await fx.balances(fx.token, addresses)).toEqual([TOKEN_UNIT, large, TOKEN_UNIT])
    for (const row of rows) expect(journal.item(row.itemId)?.status).toBe('paid')
  })
})

describe('nonces', () => {
  it('two payouts from the same account at once never share a nonce', async () => {
    const journal = new MemoryJournal()
    const executor = new Executor({
      rpc: fx.rpc,
      journal,
      chainId: fx.node.chainId,
      confirmations: 1,
      pollIntervalMs: 50
    })
    const rowsA = fx.rows(fx.recipients(6, 'parallel-a'), () => ETHER / 10n, 'parallel-a')
    const rowsB = fx.rows(fx.recipients(6, 'parallel-b'), () => TOKEN_UNIT, 'parallel-b')
    const [planA, planB] = await Promise.all([
      plan(PLAN_KIND.perRecipient, fx.native, rowsA),
      plan(PLAN_KIND.perRecipient, fx.token, rowsB)
    ])
    const reports = await Promise.all([
      executor.execute('parallel-a', planA, fx.payer),
      executor.execute('parallel-b', planB, fx.payer)
    ])
    expect(reports.map((r) => r.stopped)).toEqual([undefined, undefined])
    const nonces = journal.txs.map((t) => t.nonce)
    expect(new Set(nonces).size).toBe(12)
    await settle(executor, 60_000)
    expect(
      await fx.balances(
        fx.native,
        rowsA.map((r) => r.to)
      )
    ).toEqual(rowsA.map((r) => r.amount))
    expect(
      await fx.balances(
        fx.token,
        rowsB.map((r) => r.to)
      )
    ).toEqual(rowsB.map((r) => r.amount))
  })
})

describe('persisted before broadcast, with steps overlapping', () => {
  it('sends no transaction before its journal write is on disk, while the next step is already signed', async () => {
    const rows = fx.rows(fx.recipients(3, 'durable'), () => ETHER / 100n, 'durable')
    const p = await plan(PLAN_KIND.perRecipient, fx.native, rows)
    // Records are visible at once (the nonce is claimed) but the second one reaches the disk only when released.
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    class SlowDisk extends MemoryJournal {
      private records = 0
      override recordSigned(tx: NewJournalTx): Promise<void> {
        super.recordSigned(tx)
        return ++this.records === 2 ? held : Promise.resolve()
      }
    }
    const journal = new SlowDisk()
    const events: ExecutionEvent[] = []
    const executor = new Executor({
      rpc: fx.rpc,
      journal,
      chainId: fx.node.chainId,
      confirmations: 1,
      pollIntervalMs: 50,
      onEvent: (e) => events.push(e)
    })
    const nonceBefore = await fx.rpc.nonce(fx.payer.address, 'pending')
    const running = executor.execute('durable', p, fx.payer)
    for (let i = 0; i < 200 && journal.txs.length < 3; i++) await new Promise((r) => setTimeout(r, 10))
    // The third step was signed and recorded while the second waited for the disk; only the first went out.
    expect(journal.txs).toHaveLength(3)
    expect(await fx.rpc.nonce(fx.payer.address, 'pending')).toBe(nonceBefore + 1)
    expect(events.filter((e) => e.type === 'signed')).toHaveLength(1)
    release()
    const report = await running
    expect(report.stopped).toBeUndefined()
    expect(report.signed).toEqual(journal.txs.map((t) => t.hash))
    await settle(executor, 60_000)
    expect(
      await fx.balances(
        fx.native,
        rows.map((r) => r.to)
      )
    ).toEqual(rows.map((r) => r.amount))
  })
})

describe('simulation right before signing', () => {
  it('stops before signing a batch whose recipient became blocked after planning, naming the row', async () => {
    // A chain of its own: the token owner's transactions here must not queue behind other tests' state.
    const shared = fx
    fx = await startChainFixture()
    try {
      const addresses = fx.recipients(40, 'late-block')
      const rows = fx.rows(addresses, () => TOKEN_UNIT, 'late-block')
      const p = await plan(PLAN_KIND.batch, fx.token, rows)
      await fx.dev.setBlocked(addresses[33]!, true)
      const journal = new MemoryJournal()
      const executor = new Executor({
        rpc: fx.rpc,
        journal,
        chainId: fx.node.chainId,
        confirmations: 1,
        pollIntervalMs: 50
      })
      const report = await executor.execute('late-block', p, fx.payer)
      expect(report.stopped?.error.code).toBe(CHAIN_ERROR.recipientWouldFail)
      expect(report.stopped?.error.details).toEqual({
        rows: [{ row: 34, address: addresses[33], reason: 'TestToken: address blocked' }]
      })
      // Only the approval was signed; every row is handed back unpaid.
      expect(journal.txs.map((t) => t.purpose)).toEqual(['approve'])
      expect(report.stopped?.unsignedItemIds).toHaveLength(40)
      expect(await fx.balances(fx.token, addresses)).toEqual(addresses.map(() => 0n))
    } finally {
      await fx.stop()
      fx = shared
    }
  }, 180_000)
})

describe('native batch cross-check by balances', () => {
  it('pays a recipient listed twice the sum of its rows, and the payer listed as a recipient', async () => {
    const [a, b] = fx.recipients(2, 'dupes')
    const rows: PaymentRow[] = [
      { itemId: 'dupes-0', row: 1, to: a!, amount: 3n * 10n ** 15n },
      { itemId: 'dupes-1', row: 2, to: b!, amount: 10n ** 15n },
      { itemId: 'dupes-2', row: 3, to: a!, amount: 2n * 10n ** 15n },
      { itemId: 'dupes-3', row: 4, to: fx.payer.address, amount: 10n ** 15n }
    ]
    const journal = await payAndSettle('dupes', await plan(PLAN_KIND.batch, fx.native, rows))
    expect(await fx.balances(fx.native, [a!, b!])).toEqual([5n * 10n ** 15n, 10n ** 15n])
    expect(rows.map((r) => journal.item(r.itemId)?.status)).toEqual(['paid', 'paid', 'paid', 'paid'])
  })

  it.each([BATCH_CALLS.packed, BATCH_CALLS.disperse])(
    'leaves a row whose plain-account recipient did not receive its amount in the block needing checking (%s calls)',
    async (calls) => {
      const [a] = fx.recipients(1, `not-received-${calls}`)
      const rows: PaymentRow[] = [{ itemId: 'nr-0', row: 1, to: a!, amount: 10n ** 15n }]
      const call = batchCall(fx.native, rows, calls)
      const signed = await fx.payer.signTransaction({
        type: 2,
        chainId: fx.node.chainId,
        nonce: 0,
        to: fx.dev.contracts.batch,
        ...call,
        gasLimit: 100_000n,
        maxFeePerGas: 10n ** 10n,
        maxPriorityFeePerGas: 1n
      })
      const head = await fx.rpc.block('latest')
      // A receipt that claims success in a block where nothing reached the recipient.
      const check = await checkNativeBatch(
        fx.rpc,
        {
          payoutId: 'nr',
          step: 0,
          purpose: TX_PURPOSE.payment,
          chainId: fx.node.chainId,
          from: fx.payer.address,
          nonce: 0,
          raw: signed.raw,
          hash: signed.hash,
          itemIds: ['nr-0'],
          state: TX_STATE.mined
        },
        {
          transactionHash: signed.hash,
          blockNumber: head!.number,
          blockHash: head!.hash,
          success: true,
          gasUsed: 1n,
          effectiveGasPrice: 1n,
          logs: []
        }
      )
      expect(check?.items).toEqual([
        {
          itemId: 'nr-0',
          paid: false,
          needsCheck: true,
          failure: expect.objectContaining({ code: 'TRANSFER_NOT_FOUND' })
        }
      ])
    }
  )
})
