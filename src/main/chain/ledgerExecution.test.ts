// Runs in: tests (plain Node, Vitest). The engine signing through the Ledger signer on the emulated
// device (the same TransactionSigner the app uses), paying on anvil: a native payout clear-signed
// per recipient and an ERC-20 batch (approve, then the blind-signed batch call).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startChainFixture, ETHER, TOKEN_UNIT, type ChainFixture } from '../../test/chainFixture'
import { MemoryJournal } from '../../test/memoryJournal'
import { createLedgerEmulator } from '../ledger/emulator'
import { createEthApp } from '../ledger/hwAppEth'
import { createLedgerSigner } from '../ledger/ledgerSigner'
import { CHAIN_ERROR } from './errors'
import { Executor } from './executor'
import { quoteFees } from './fees'
import { planBatch } from './planBatch'
import { planPerRecipient } from './planPerRecipient'
import type { ExecutionPlan } from './planTypes'
import type { TransactionSigner } from './signer'
import { settle } from '../../test/settle'

const PATH = "44'/60'/0'/0/0"
let fx: ChainFixture
let signer: TransactionSigner
let emulator: ReturnType<typeof createLedgerEmulator>

beforeAll(async () => {
  fx = await startChainFixture()
  emulator = createLedgerEmulator({ blindSigning: true })
  const eth = createEthApp(emulator.transport)
  signer = createLedgerSigner({ path: PATH, address: emulator.addressOf(PATH), withEth: (job) => job(eth) })
  await fx.send('anvil_setBalance', [signer.address, `0x${(1_000n * ETHER).toString(16)}`])
  await fx.dev.mintToken(signer.address, 1_000_000n * TOKEN_UNIT)
})
afterAll(async () => {
  await fx?.stop()
})

async function pay(payoutId: string, plan: ExecutionPlan): Promise<MemoryJournal> {
  const journal = new MemoryJournal()
  const executor = new Executor({
    rpc: fx.rpc,
    journal,
    chainId: fx.node.chainId,
    confirmations: 1,
    pollIntervalMs: 50
  })
  const report = await executor.execute(payoutId, plan, signer)
  expect(report.stopped).toBeUndefined()
  await settle(executor, 60_000)
  return journal
}

describe('signing on the emulated Ledger', () => {
  it('pays 5 recipients in ETH, one transaction each', async () => {
    const rows = fx.rows(fx.recipients(5, 'ledger-eth'), (i) => BigInt(i + 1) * (ETHER / 100n), 'ledger-eth')
    const plan = await planPerRecipient({
      rpc: fx.rpc,
      chainId: fx.node.chainId,
      from: signer.address,
      asset: fx.native,
      rows,
      fees: await quoteFees(fx.rpc)
    })
    const journal = await pay('ledger-eth', plan)
    expect(
      await fx.balances(
        fx.native,
        rows.map((r) => r.to)
      )
    ).toEqual(rows.map((r) => r.amount))
    expect(rows.every((r) => journal.item(r.itemId)?.status === 'paid')).toBe(true)
  })

  it('pays 20 recipients in a token through the batch contract', async () => {
    const rows = fx.rows(fx.recipients(20, 'ledger-batch'), (i) => BigInt(i + 1) * TOKEN_UNIT, 'ledger-batch')
    const plan = await planBatch({
      rpc: fx.rpc,
      chainId: fx.node.chainId,
      from: signer.address,
      asset: fx.token,
      rows,
      fees: await quoteFees(fx.rpc),
      batchContract: fx.batchContract
    })
    const journal = await pay('ledger-batch', plan)
    expect(journal.txs.map((t) => t.purpose)).toEqual(['approve', 'payment'])
    expect(
      await fx.balances(
        fx.token,
        rows.map((r) => r.to)
      )
    ).toEqual(rows.map((r) => r.amount))
  })
})

describe('the device refusing', () => {
  it('stops the payout cleanly at the refused step, hands back its rows, and sends nothing for them', async () => {
    const rows = fx.rows(fx.recipients(3, 'ledger-refuse'), () => ETHER / 100n, 'ledger-refuse')
    const plan = await planBatch({
      rpc: fx.rpc,
      chainId: fx.node.chainId,
      from: signer.address,
      asset: fx.native,
      rows,
      fees: await quoteFees(fx.rpc),
      batchContract: fx.batchContract
    })
    emulator.setBlindSigning(false)
    const journal = new MemoryJournal()
    const executor = new Executor({
      rpc: fx.rpc,
      journal,
      chainId: fx.node.chainId,
      confirmations: 1,
      pollIntervalMs: 50
    })
    const report = await executor.execute('ledger-refuse', plan, signer)
    emulator.setBlindSigning(true)
    expect(report.stopped?.error.code).toBe(CHAIN_ERROR.signingFailed)
    expect(report.stopped?.error.details).toEqual({ signerCode: 'ledger_blind_signing_disabled' })
    expect(report.stopped?.unsignedItemIds).toEqual(rows.map((r) => r.itemId))
    expect(journal.txs).toHaveLength(0)
  })
})
