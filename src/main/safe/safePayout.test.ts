// Runs in: tests (plain Node, Vitest). Paying from a Safe end to end on anvil with real Safe 1.4.1
// contracts: a 2-of-3 and a 3-of-5 Safe owned by emulated Ledgers on separate desks, each Safe
// transaction exported to the owners as a file, signed on their devices in full EIP-712, the
// signature files imported and checked against the owners on chain, executed from a Ledger
// account through the Executor with a real SQLite journal; every balance checked on chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SafeRouteName } from '../../shared/safe'
import { ETHER, TOKEN_UNIT } from '../../test/chainFixture'
import { OWNER_PATH, deskSeed, runSafePayout, startSafeWorld, type Desk, type SafeWorld } from '../../test/safeFixture'
import { quoteFees } from '../chain/fees'
import type { PlanAsset } from '../chain/planTypes'
import { getItems } from '../store/payoutRepo'
import { listPayoutTransactions } from '../store/journalRepo'
import { EIP712_MODE } from '../ledger/typedDataSigner'
import { OPERATION } from './abi'
import { SAFE_ROUTE, planSafePayout } from './plan'
import { readSafe, type SafeInfo } from './verify'
import { hashedDisplay, signSafeTx } from './signatures'
import { createLedgerEmulator } from '../ledger/emulator'
import { createLedgerService } from '../ledger/ledgerService'

let world: SafeWorld
let twoOfThree: SafeInfo
let threeOfFive: SafeInfo
let d: readonly Desk[]

beforeAll(async () => {
  world = await startSafeWorld(['alice', 'bob', 'carol', 'dave', 'erin'])
  d = world.desks
  twoOfThree = await world.createSafe([d[0]!, d[1]!, d[2]!], 2)
  threeOfFive = await world.createSafe([...d], 3)
}, 120_000)
afterAll(async () => {
  await world?.stop()
})

async function pay(
  payoutId: string,
  safe: SafeInfo,
  signers: readonly Desk[],
  asset: PlanAsset,
  count: number,
  route: SafeRouteName
) {
  const recipients = world.fx.recipients(count, payoutId)
  const unit = asset.kind === 'native' ? ETHER / 1000n : TOKEN_UNIT
  const payments = recipients.map((to, i) => ({ to, amount: BigInt((i % 7) + 1) * unit }))
  const before = await world.fx.balances(asset, recipients)
  const run = await runSafePayout(world, { payoutId, safe, signers, asset, payments, route })
  const after = await world.fx.balances(asset, recipients)
  expect(after.map((b, i) => b - (before[i] ?? 0n))).toEqual(payments.map((p) => p.amount))
  expect(getItems(world.db.read, payoutId).map((i) => i.status)).toEqual(payments.map(() => 'paid'))
  expect(run.executions).toHaveLength(run.plan.transactions.length)
  // The planning estimate (approved-hash override plus a signature allowance) covers the real execution.
  const receipts = await world.fx.rpc.receipts(run.executions)
  receipts.forEach((r, i) => expect(r?.gasUsed).toBeLessThanOrEqual(run.plan.transactions[i]!.gasEstimate))
  return run
}

describe('a 2-of-3 Safe owned by Ledgers on three desks', () => {
  it('pays one recipient in ETH: one Safe transaction, two owners sign, a third Ledger executes', async () => {
    const { plan } = await pay('SAFE-ETH-1', twoOfThree, [d[0]!, d[2]!], world.fx.native, 1, SAFE_ROUTE.transfers)
    expect(plan.transactions).toHaveLength(1)
    expect(plan.transactions[0]?.safeTx.operation).toBe(OPERATION.call)
    const owner = d[0]!.emulator.screens.at(-1)!
    expect(owner).toMatchObject({ kind: 'typedData', outcome: 'approved' })
    expect(owner.fields.map((f) => f.label)).toEqual([
      'chainId',
      'verifyingContract',
      'to',
      'value',
      'data',
      'operation',
      'safeTxGas',
      'baseGas',
      'gasPrice',
      'gasToken',
      'refundReceiver',
      'nonce'
    ])
    const txs = listPayoutTransactions(world.db.read, 'SAFE-ETH-1')
    expect(txs.map((t) => t.state)).toEqual(['confirmed'])
    expect(world.executor.emulator.screens.at(-1)?.title).toMatch(/blind signing/)
  })

  it('pays 50 recipients in a token through MultiSendCallOnly', async () => {
    const { plan } = await pay('SAFE-TOKEN-50', twoOfThree, [d[1]!, d[2]!], world.fx.token, 50, SAFE_ROUTE.transfers)
    expect(plan.transactions).toHaveLength(1)
    expect(plan.transactions[0]?.safeTx).toMatchObject({ to: world.multiSend, operation: OPERATION.delegateCall })
  })
})

describe('a 3-of-5 Safe', () => {
  it('pays 50 recipients in ETH through the batch contract', async () => {
    const { plan } = await pay(
      'SAFE-ETH-50',
      threeOfFive,
      [d[0]!, d[2]!, d[4]!],
      world.fx.native,
      50,
      SAFE_ROUTE.batchContract
    )
    expect(plan.transactions[0]?.safeTx.to).toBe(world.fx.batchContract.address)
  })

  it('pays 600 recipients in a token in several Safe transactions at consecutive nonces', async () => {
    const { plan } = await pay(
      'SAFE-TOKEN-600',
      threeOfFive,
      [d[1]!, d[3]!, d[4]!],
      world.fx.token,
      600,
      SAFE_ROUTE.transfers
    )
    expect(plan.transactions.length).toBeGreaterThan(1)
    const nonces = plan.transactions.map((t) => t.safeTx.nonce)
    expect(nonces).toEqual(nonces.map((_, i) => (nonces[0] ?? 0n) + BigInt(i)))
    expect(listPayoutTransactions(world.db.read, 'SAFE-TOKEN-600').every((t) => t.state === 'confirmed')).toBe(true)
  })

  it('pays 600 recipients in ETH', async () => {
    await pay('SAFE-ETH-600', threeOfFive, [d[0]!, d[1]!, d[2]!], world.fx.native, 600, SAFE_ROUTE.transfers)
  })
})

describe('an owner whose Ledger cannot show full EIP-712', () => {
  it('signs the two hashes, which the app shows exactly as the device does, and the signature is the same', async () => {
    const owner = d[0]!
    const rows = world.storePayout('SAFE-HASHED', world.fx.native, [
      { to: world.fx.recipients(1, 'hashed')[0]!, amount: 1n }
    ])
    const safe = await readSafe(world.fx.rpc, twoOfThree.address, world.scope())
    const plan = await planSafePayout(SAFE_ROUTE.transfers, {
      rpc: world.fx.rpc,
      safe,
      asset: world.fx.native,
      rows,
      fees: await quoteFees(world.fx.rpc),
      multiSendCallOnly: world.multiSend
    })
    const t = plan.transactions[0]!
    const ctx = {
      chainId: plan.chainId,
      safe: plan.safe,
      safeTx: t.safeTx,
      rows,
      decode: world.decodeContext(world.fx.native)
    }
    const full = await signSafeTx(world.fx.rpc, owner.ledger, OWNER_PATH, ctx)
    expect(full.mode).toBe(EIP712_MODE.full)
    // The same seed on a device without full EIP-712 (a Nano S).
    const nanoS = createLedgerEmulator({ mnemonic: deskSeed(owner.name), eip712Full: false })
    const hashed = await signSafeTx(
      world.fx.rpc,
      createLedgerService({ openTransport: () => nanoS.openTransport() }),
      OWNER_PATH,
      ctx
    )
    expect(hashed.mode).toBe(EIP712_MODE.hashed)
    expect(hashed.signature).toBe(full.signature)
    const shown = hashedDisplay(plan.chainId, plan.safe, t.safeTx)
    expect(nanoS.screens.at(-1)?.fields).toEqual([
      { label: 'Domain hash', value: shown.domainHash },
      { label: 'Message hash', value: shown.messageHash }
    ])
  })
})
