// Runs in: tests (plain Node, Vitest). Crash and resume: the process dies between signing and broadcast, or between broadcast and
// receipt; a fresh executor over the same journal finishes the job. Every recipient is paid
// exactly once, checked on chain, and the payer's nonce moved once per transaction.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Transaction } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startChainFixture, ETHER, TOKEN_UNIT, type ChainFixture } from '../../test/chainFixture'
import { MemoryJournal } from '../../test/memoryJournal'
import type { ChildInput } from '../../test/payoutChild'
import { EthRpc } from './ethRpc'
import { Executor } from './executor'
import { quoteFees } from './fees'
import { TX_STATE, type NewJournalTx } from './journal'
import { planBatch } from './planBatch'
import { planPerRecipient } from './planPerRecipient'
import type { PaymentRow, PlanAsset } from './planTypes'
import { settle } from '../../test/settle'

let fx: ChainFixture
let dir: string
beforeAll(async () => {
  fx = await startChainFixture()
  dir = mkdtempSync(join(tmpdir(), 'treasury-resume-'))
})
afterAll(async () => {
  await fx?.stop()
  rmSync(dir, { recursive: true, force: true })
})

class Crash extends Error {}

/** A journal whose process "dies" right after the N-th durable write of the given kind. */
class CrashingJournal extends MemoryJournal {
  private count = 0
  constructor(
    private readonly after: 'record' | 'broadcast',
    private readonly at: number,
    path?: string
  ) {
    super(path)
  }
  override recordSigned(tx: NewJournalTx): void {
    super.recordSigned(tx)
    if (this.after === 'record' && ++this.count === this.at)
      throw new Crash('killed after persisting, before broadcast')
  }
  override markBroadcast(hash: string): void {
    super.markBroadcast(hash)
    if (this.after === 'broadcast' && ++this.count === this.at)
      throw new Crash('killed after broadcast, before receipt')
  }
}

const executorOver = (journal: MemoryJournal, rpc: EthRpc = fx.rpc): Executor =>
  new Executor({ rpc, journal, chainId: fx.node.chainId, confirmations: 1, pollIntervalMs: 50 })

/** The node's handle, with every raw transaction it is asked to send noted (nonce order check). */
class RecordingRpc extends EthRpc {
  readonly sentNonces: number[] = []
  override sendRawTransaction(raw: string): Promise<string> {
    this.sentNonces.push(Transaction.from(raw).nonce)
    return super.sendRawTransaction(raw)
  }
}

/** After a restart: settle the journal, then plan and pay only the rows no transaction ever covered. */
async function restartAndFinish(
  path: string,
  asset: PlanAsset,
  rows: readonly PaymentRow[],
  batch: boolean,
  rpc: EthRpc = fx.rpc
): Promise<MemoryJournal> {
  const journal = new MemoryJournal(path)
  const executor = executorOver(journal, rpc)
  await settle(executor, 60_000)
  const remaining = rows.filter((r) => journal.item(r.itemId) === undefined)
  if (remaining.length > 0) {
    const request = {
      rpc: fx.rpc,
      chainId: fx.node.chainId,
      from: fx.payer.address,
      asset,
      rows: remaining,
      fees: await quoteFees(fx.rpc)
    }
    const plan = batch
      ? await planBatch({ ...request, batchContract: fx.batchContract })
      : await planPerRecipient(request)
    const report = await executor.execute('crash', plan, fx.payer)
    expect(report.stopped).toBeUndefined()
    await settle(executor, 60_000)
  }
  return journal
}

async function expectEveryRowPaidOnce(
  journal: MemoryJournal,
  asset: PlanAsset,
  rows: readonly PaymentRow[],
  nonceBefore: number
): Promise<void> {
  expect(
    await fx.balances(
      asset,
      rows.map((r) => r.to)
    )
  ).toEqual(rows.map((r) => r.amount))
  for (const r of rows) expect(journal.item(r.itemId)?.status).toBe('paid')
  expect(journal.txs.every((t) => t.state === TX_STATE.confirmed)).toBe(true)
  expect(await fx.rpc.nonce(fx.payer.address)).toBe(nonceBefore + journal.txs.length)
}

describe('in-process crash', () => {
  it('between signing and broadcast: the persisted transaction is sent on restart, the rest planned again', async () => {
    const rows = fx.rows(fx.recipients(10, 'crash-sign'), (i) => BigInt(i + 1) * (ETHER / 1000n), 'crash-sign')
    const nonceBefore = await fx.rpc.nonce(fx.payer.address)
    const path = join(dir, 'sign.json')
    const plan = await planPerRecipient({
      rpc: fx.rpc,
      chainId: fx.node.chainId,
      from: fx.payer.address,
      asset: fx.native,
      rows,
      fees: await quoteFees(fx.rpc)
    })
    await expect(
      executorOver(new CrashingJournal('record', 4, path)).execute('crash', plan, fx.payer)
    ).rejects.toBeInstanceOf(Crash)
    // Three sent, the fourth persisted but never sent.
    expect(await fx.rpc.nonce(fx.payer.address)).toBe(nonceBefore + 3)
    const journal = await restartAndFinish(path, fx.native, rows, false)
    await expectEveryRowPaidOnce(journal, fx.native, rows, nonceBefore)
  })

  it('while the next transaction is signed and persisted but the previous one not yet acknowledged: resumed in nonce order, each row paid once', async () => {
    const rows = fx.rows(fx.recipients(6, 'crash-ahead'), (i) => BigInt(i + 1) * (ETHER / 1000n), 'crash-ahead')
    const nonceBefore = await fx.rpc.nonce(fx.payer.address)
    const path = join(dir, 'ahead.json')
    const plan = await planPerRecipient({
      rpc: fx.rpc,
      chainId: fx.node.chainId,
      from: fx.payer.address,
      asset: fx.native,
      rows,
      fees: await quoteFees(fx.rpc)
    })
    // The process dies once the 4th transaction is persisted, while the send of the 3rd is still on
    // its way (held here until then, and never delivered).
    let fourthPersisted: () => void = () => undefined
    const persisted = new Promise<void>((resolve) => (fourthPersisted = resolve))
    class DyingJournal extends MemoryJournal {
      private records = 0
      override recordSigned(tx: NewJournalTx): void {
        super.recordSigned(tx)
        if (++this.records === 4) {
          fourthPersisted()
          throw new Crash('killed after persisting the 4th, before the 3rd was acknowledged')
        }
      }
    }
    class HeldRpc extends EthRpc {
      private sends = 0
      override async sendRawTransaction(raw: string): Promise<string> {
        if (++this.sends < 3) return super.sendRawTransaction(raw)
        await persisted
        throw new Crash('the process died with this send in flight')
      }
    }
    await expect(
      executorOver(new DyingJournal(path), new HeldRpc(fx.rpc.client)).execute('crash', plan, fx.payer)
    ).rejects.toBeInstanceOf(Crash)
    const left = new MemoryJournal(path)
    expect(left.txs.map((t) => [t.nonce - nonceBefore, t.state])).toEqual([
      [0, TX_STATE.broadcast],
      [1, TX_STATE.broadcast],
      [2, TX_STATE.signed],
      [3, TX_STATE.signed]
    ])
    expect(await fx.rpc.nonce(fx.payer.address, 'pending')).toBe(nonceBefore + 2)
    const rpc = new RecordingRpc(fx.rpc.client)
    const journal = await restartAndFinish(path, fx.native, rows, false, rpc)
    // The two left signed went out lowest nonce first, before anything newly planned.
    expect(rpc.sentNonces.slice(0, 2)).toEqual([nonceBefore + 2, nonceBefore + 3])
    expect(rpc.sentNonces).toEqual([...rpc.sentNonces].sort((a, b) => a - b))
    await expectEveryRowPaidOnce(journal, fx.native, rows, nonceBefore)
  })

  it('between broadcast and receipt in an ERC-20 batch: the sent batch is reconciled, not paid again', async () => {
    const rows = fx.rows(fx.recipients(50, 'crash-batch'), (i) => BigInt(i + 1) * TOKEN_UNIT, 'crash-batch')
    const nonceBefore = await fx.rpc.nonce(fx.payer.address)
    const path = join(dir, 'batch.json')
    const plan = await planBatch({
      rpc: fx.rpc,
      chainId: fx.node.chainId,
      from: fx.payer.address,
      asset: fx.token,
      rows,
      fees: await quoteFees(fx.rpc),
      batchContract: fx.batchContract
    })
    // Broadcast #1 is the approval, #2 the batch itself.
    await expect(
      executorOver(new CrashingJournal('broadcast', 2, path)).execute('crash', plan, fx.payer)
    ).rejects.toBeInstanceOf(Crash)
    const journal = await restartAndFinish(path, fx.token, rows, true)
    expect(journal.txs).toHaveLength(2)
    await expectEveryRowPaidOnce(journal, fx.token, rows, nonceBefore)
  })
})

describe('SIGKILL of a real process', () => {
  const runChild = (input: ChildInput): Promise<NodeJS.Signals | null> =>
    new Promise((resolve, reject) => {
      // Plain node with the tsx loader, so the SIGKILL hits the very process that was paying.
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(__dirname, '..', '..', 'test', 'payoutChild.ts'), JSON.stringify(input)],
        {
          stdio: ['ignore', 'ignore', 'pipe']
        }
      )
      let stderr = ''
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      child.on('error', reject)
      child.on('exit', (code, signal) =>
        signal ? resolve(signal) : reject(new Error(`child exited with ${code}: ${stderr}`))
      )
    })

  it.each([
    ['record', 3, 'per_recipient'],
    ['broadcast', 5, 'per_recipient'],
    ['record', 1, 'batch'],
    ['broadcast', 1, 'batch']
  ] as const)(
    'killed after %s #%i of a %s plan, restarted: every recipient paid exactly once',
    async (killAfter, killAt, planKind) => {
      const tag = `kill-${killAfter}-${planKind}`
      const rows = fx.rows(fx.recipients(8, tag), (i) => BigInt(i + 1) * (ETHER / 1000n), tag)
      const nonceBefore = await fx.rpc.nonce(fx.payer.address)
      const path = join(dir, `${tag}.json`)
      const signal = await runChild({
        url: fx.node.url,
        chainId: fx.node.chainId.toString(),
        payerKey: fx.node.accounts[1]!.privateKey,
        journalPath: path,
        plan: planKind,
        asset: fx.native,
        batchContract: fx.batchContract.address,
        rows: rows.map((r) => ({ ...r, amount: r.amount.toString() })),
        killAfter,
        killAt
      })
      expect(signal).toBe('SIGKILL')
      // What the dead process left behind. Steps overlap by one (the next is signed and persisted
      // while the previous is sent), so: killed after persisting #killAt, #killAt-1 may or may not
      // have reached the node; killed after #killAt was acknowledged, exactly killAt were sent and
      // #killAt+1 may already be persisted (never sent).
      const left = new MemoryJournal(path)
      const sent = (await fx.rpc.nonce(fx.payer.address)) - nonceBefore
      if (killAfter === 'record') {
        expect(left.txs).toHaveLength(killAt)
        expect([Math.max(0, killAt - 2), killAt - 1]).toContain(sent)
      } else {
        expect(sent).toBe(killAt)
        expect([killAt, Math.min(killAt + 1, planKind === 'batch' ? 1 : rows.length)]).toContain(left.txs.length)
      }
      // Whatever was persisted and not sent is still waiting, signed, in nonce order after what was sent.
      expect(left.txs.filter((t) => t.state === TX_STATE.signed).every((t) => t.nonce - nonceBefore >= sent - 1)).toBe(
        true
      )
      const journal = await restartAndFinish(path, fx.native, rows, planKind === 'batch')
      await expectEveryRowPaidOnce(journal, fx.native, rows, nonceBefore)
    }
  )
})
