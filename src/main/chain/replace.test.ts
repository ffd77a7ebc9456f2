// Runs in: tests (plain Node, Vitest). Stuck transactions and reorgs on a real node: speed-up and cancel reuse the nonce with fees raised
// by at least the replacement bump, whichever is mined decides the items, and a mined transaction
// whose block is reorged out goes back to pending confirmation and is still paid exactly once.
import { Transaction } from 'ethers'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startChainFixture, ETHER, TOKEN_UNIT, type ChainFixture } from '../../test/chainFixture'
import { MemoryJournal } from '../../test/memoryJournal'
import { CHAIN_ERROR, isChainError } from './errors'
import type { ExecutionEvent } from './events'
import { Executor } from './executor'
import { quoteFees } from './fees'
import { TX_PURPOSE, TX_STATE } from './journal'
import { planBatch } from './planBatch'
import { planPerRecipient } from './planPerRecipient'
import { REPLACEMENT_KIND, replaceTransaction } from './replace'
import { settle } from '../../test/settle'

let fx: ChainFixture
beforeAll(async () => {
  fx = await startChainFixture()
})
afterAll(async () => {
  await fx?.stop()
})

async function submitOne(tag: string, confirmations = 1) {
  const rows = fx.rows(fx.recipients(1, tag), () => ETHER, tag)
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
    rpc: fx.rpc,
    journal,
    chainId: fx.node.chainId,
    confirmations,
    pollIntervalMs: 50,
    onEvent: (e) => events.push(e)
  })
  const report = await executor.execute(tag, plan, fx.payer)
  expect(report.stopped).toBeUndefined()
  return { rows, journal, executor, events, hash: report.signed[0]! }
}

describe('with mining paused (a stuck transaction)', () => {
  beforeEach(async () => {
    await fx.send('evm_setAutomine', [false])
    return async () => {
      await fx.send('evm_setAutomine', [true])
    }
  })

  it('speeds up with the same nonce and fees raised by at least 10%; the speed-up pays the item once', async () => {
    const { rows, journal, executor, hash } = await submitOne('speed')
    const replacement = await replaceTransaction({
      rpc: fx.rpc,
      journal,
      signer: fx.payer,
      hash,
      kind: REPLACEMENT_KIND.speedUp
    })
    const original = Transaction.from(journal.txs[0]!.raw)
    const faster = Transaction.from(replacement.raw)
    expect(faster.nonce).toBe(original.nonce)
    expect(faster.maxFeePerGas! * 100n).toBeGreaterThanOrEqual(original.maxFeePerGas! * 110n)
    expect(faster.maxPriorityFeePerGas! * 100n).toBeGreaterThanOrEqual(original.maxPriorityFeePerGas! * 110n)
    expect(faster.data).toBe(original.data)
    await fx.mine(1)
    await settle(executor, 30_000)
    expect(journal.txs.map((t) => t.state)).toEqual([TX_STATE.replaced, TX_STATE.confirmed])
    expect(journal.item(rows[0]!.itemId)?.status).toBe('paid')
    expect(await fx.balances(fx.native, [rows[0]!.to])).toEqual([ETHER])
  })

  it('cancels with a 0-value self-transfer on the same nonce; the item is not paid', async () => {
    const { rows, journal, executor, hash } = await submitOne('cancel')
    const cancel = await replaceTransaction({
      rpc: fx.rpc,
      journal,
      signer: fx.payer,
      hash,
      kind: REPLACEMENT_KIND.cancel
    })
    const parsed = Transaction.from(cancel.raw)
    expect(parsed.to).toBe(fx.payer.address)
    expect(parsed.value).toBe(0n)
    expect(cancel.purpose).toBe(TX_PURPOSE.cancel)
    await fx.mine(1)
    await settle(executor, 30_000)
    expect(journal.item(rows[0]!.itemId)).toMatchObject({ status: 'failed', failure: { code: 'CANCELLED' } })
    expect(await fx.balances(fx.native, [rows[0]!.to])).toEqual([0n])
  })

  it('lets the batch go on after a stuck approval is sped up', async () => {
    const rows = fx.rows(fx.recipients(5, 'approve-speed'), (i) => BigInt(i + 1) * TOKEN_UNIT, 'approve-speed')
    const plan = await planBatch({
      rpc: fx.rpc,
      chainId: fx.node.chainId,
      from: fx.payer.address,
      asset: fx.token,
      rows,
      fees: await quoteFees(fx.rpc),
      batchContract: fx.batchContract
    })
    const journal = new MemoryJournal()
    const executor = new Executor({
      rpc: fx.rpc,
      journal,
      chainId: fx.node.chainId,
      confirmations: 1,
      pollIntervalMs: 50
    })
    const running = executor.execute('approve-speed', plan, fx.payer)
    const until = async (condition: () => boolean): Promise<void> => {
      for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 25))
      expect(condition()).toBe(true)
    }
    await until(() => journal.txs[0]?.state === TX_STATE.broadcast)
    await replaceTransaction({
      rpc: fx.rpc,
      journal,
      signer: fx.payer,
      hash: journal.txs[0]!.hash,
      kind: REPLACEMENT_KIND.speedUp
    })
    await fx.mine(1)
    await until(() => journal.txs.length === 3)
    await fx.mine(1)
    expect((await running).stopped).toBeUndefined()
    await settle(executor, 30_000)
    expect(journal.txs.map((t) => [t.purpose, t.state])).toEqual([
      [TX_PURPOSE.approve, TX_STATE.replaced],
      [TX_PURPOSE.approve, TX_STATE.confirmed],
      [TX_PURPOSE.payment, TX_STATE.confirmed]
    ])
    expect(
      await fx.balances(
        fx.token,
        rows.map((r) => r.to)
      )
    ).toEqual(rows.map((r) => r.amount))
  })

  it('refuses to replace a transaction that is already in a block', async () => {
    const { journal, executor, hash } = await submitOne('too-late')
    await fx.mine(1)
    await executor.reconcileOnce()
    const error = await replaceTransaction({
      rpc: fx.rpc,
      journal,
      signer: fx.payer,
      hash,
      kind: REPLACEMENT_KIND.cancel
    }).catch((e: unknown) => e)
    expect(isChainError(error, CHAIN_ERROR.notReplaceable)).toBe(true)
  })
})

describe('a reorg', () => {
  // Blocks are mined on request here: with automine, anvil answers eth_sendRawTransaction before
  // the block holding the transaction exists, so "mined" right after sending would be a race.
  beforeEach(async () => {
    await fx.send('evm_setAutomine', [false])
    return async () => {
      await fx.send('evm_setAutomine', [true])
    }
  })

  it('moves a mined transaction back to pending confirmation, then confirms it once', async () => {
    const snapshot = await fx.send('evm_snapshot')
    const { rows, journal, executor, events, hash } = await submitOne('reorg', 3)
    await fx.mine(1)
    await executor.reconcileOnce()
    expect(journal.txs[0]?.state).toBe(TX_STATE.mined)
    // The block holding it disappears (anvil drops its transactions with it).
    await fx.send('evm_revert', [snapshot])
    expect(await fx.rpc.receipt(hash)).toBeUndefined()
    await executor.reconcileOnce()
    expect(events).toContainEqual({ type: 'reorged', payoutId: 'reorg', hash })
    // Re-sent with the same bytes by that pass, mined again, then buried under the confirmation depth.
    for (let i = 0; i < 20 && journal.txs[0]?.state !== TX_STATE.confirmed; i++) {
      await fx.mine(1)
      await executor.reconcileOnce()
    }
    expect(journal.txs[0]?.state).toBe(TX_STATE.confirmed)
    expect(journal.txs).toHaveLength(1)
    expect(await fx.balances(fx.native, [rows[0]!.to])).toEqual([ETHER])
  })
})

describe('confirmation depth', () => {
  // Mined on request, for the same reason as the reorg above.
  beforeEach(async () => {
    await fx.send('evm_setAutomine', [false])
    return async () => {
      await fx.send('evm_setAutomine', [true])
    }
  })

  it('keeps a mined transaction pending until the configured number of blocks is reached', async () => {
    const { rows, journal, executor } = await submitOne('depth', 4)
    await fx.mine(1)
    await executor.reconcileOnce()
    expect(journal.txs[0]?.state).toBe(TX_STATE.mined)
    expect(journal.item(rows[0]!.itemId)?.status).toBe('in_progress')
    await fx.mine(2)
    await executor.reconcileOnce()
    expect(journal.txs[0]?.state).toBe(TX_STATE.mined)
    await fx.mine(1)
    await executor.reconcileOnce()
    expect(journal.txs[0]?.state).toBe(TX_STATE.confirmed)
    expect(journal.item(rows[0]!.itemId)?.status).toBe('paid')
  })
})

describe('fees at signing time', () => {
  it('refuses to sign when fees more than doubled since the plan, and signs nothing', async () => {
    const rows = fx.rows(fx.recipients(1, 'fee-jump'), () => ETHER, 'fee-jump')
    const plan = await planPerRecipient({
      rpc: fx.rpc,
      chainId: fx.node.chainId,
      from: fx.payer.address,
      asset: fx.native,
      rows,
      fees: await quoteFees(fx.rpc)
    })
    const planned = plan.fees.type === 2 ? plan.fees.maxFeePerGas : 0n
    await fx.send('anvil_setNextBlockBaseFeePerGas', [`0x${(planned * 3n).toString(16)}`])
    await fx.mine(1)
    const journal = new MemoryJournal()
    const executor = new Executor({
      rpc: fx.rpc,
      journal,
      chainId: fx.node.chainId,
      confirmations: 1,
      pollIntervalMs: 50
    })
    const before = fx.payer.signatures
    const error = await executor.execute('fee-jump', plan, fx.payer).catch((e: unknown) => e)
    expect(isChainError(error, CHAIN_ERROR.feeTooHigh)).toBe(true)
    expect(fx.payer.signatures).toBe(before)
    expect(journal.txs).toHaveLength(0)
  })
})
