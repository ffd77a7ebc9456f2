// Runs in: tests (plain Node, Vitest). A payment killed at every step boundary of every plan: a
// real process runs createTreasury on a real SQLite file against anvil with the emulated Ledger,
// pays a payout through the contract and SIGKILLs itself at one boundary (before its transaction
// is recorded, after it is recorded, after a node accepted it, after it was seen in a block) of
// one step (the token approval, each batch chunk, each per-recipient transfer). The app is then
// started again on the same data folder: every row must at once be covered by a recorded
// transaction that may still pay, settled, or back in the queue; paying the rest through the
// contract must end Completed, with every recipient paid exactly once (read on chain), one token
// approval at most, and the payer's nonce moved once per recorded transaction.
//
// By default a representative subset runs (the approval and the batch after it, a middle chunk,
// the last chunk, a per-recipient transfer at each boundary kind, the single payout): about ten
// kills. TREASURY_KILL_MATRIX=full runs every boundary of every step of every plan (44 kills,
// several minutes).
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { erc20Interface } from '../../main/chain/batchContract'
import { createLedgerEmulator, type LedgerEmulator } from '../../main/ledger/emulator'
import type { Treasury } from '../../main/treasury'
import type { PayoutTransactionView } from '../../shared/execution'
import { ETHER, TOKEN_UNIT, startChainFixture, type ChainFixture } from '../chainFixture'
import { submitAcknowledged } from '../submit'
import { tempDir } from '../tempDir'
import {
  BOUNDARIES,
  KILL_ACCOUNT,
  killAssetId,
  openKillTreasury,
  type Boundary,
  type KillAsset,
  type KillCase,
  type KillChain,
  type KillPlan
} from './payKill'
import { FULL_MATRIX, runKillChild, uncoveredRows, untilDone } from './killRestart'

const CHILD_SCRIPT = join(import.meta.dirname, 'payKillChild.ts')
const OPEN_STATES: ReadonlySet<PayoutTransactionView['state']> = new Set(['signed', 'broadcast', 'mined', 'unverified'])

interface Shape {
  readonly name: string
  readonly asset: KillAsset
  readonly plan: KillPlan
  readonly rows: number
  /** Step labels in plan order. */
  readonly steps: readonly string[]
}

/** Chunks hold KILL_CHUNK_ROWS (2) rows: three rows make two chunks. */
const SHAPES: Record<string, Shape> = {
  single: { name: 'single ETH payout', asset: 'native', plan: 'per_recipient', rows: 1, steps: ['transfer'] },
  ethEach: {
    name: 'ETH, one transaction per recipient',
    asset: 'native',
    plan: 'per_recipient',
    rows: 3,
    steps: ['transfer 1', 'transfer 2', 'transfer 3']
  },
  ethBatch: { name: 'ETH batch', asset: 'native', plan: 'batch', rows: 3, steps: ['chunk 1', 'chunk 2'] },
  tokenEach: {
    name: 'TUSD, one transaction per recipient',
    asset: 'token',
    plan: 'per_recipient',
    rows: 2,
    steps: ['transfer 1', 'transfer 2']
  },
  tokenBatch: {
    name: 'TUSD batch',
    asset: 'token',
    plan: 'batch',
    rows: 3,
    steps: ['approval', 'chunk 1', 'chunk 2']
  }
}

interface Kill {
  readonly shape: Shape
  readonly step: number
  readonly boundary: Boundary
}

const SUBSET: readonly Kill[] = [
  { shape: SHAPES.tokenBatch!, step: 0, boundary: 'after_record' },
  { shape: SHAPES.tokenBatch!, step: 0, boundary: 'after_broadcast' },
  { shape: SHAPES.tokenBatch!, step: 0, boundary: 'after_mining' },
  { shape: SHAPES.tokenBatch!, step: 1, boundary: 'before_record' },
  { shape: SHAPES.tokenBatch!, step: 2, boundary: 'after_broadcast' },
  { shape: SHAPES.ethBatch!, step: 0, boundary: 'after_record' },
  { shape: SHAPES.ethEach!, step: 1, boundary: 'after_mining' },
  { shape: SHAPES.ethEach!, step: 2, boundary: 'before_record' },
  { shape: SHAPES.tokenEach!, step: 0, boundary: 'after_broadcast' },
  { shape: SHAPES.single!, step: 0, boundary: 'after_record' }
]

const MATRIX: readonly Kill[] = FULL_MATRIX
  ? Object.values(SHAPES).flatMap((shape) =>
      shape.steps.flatMap((_, step) => BOUNDARIES.map((boundary) => ({ shape, step, boundary })))
    )
  : SUBSET

let fx: ChainFixture
let chain: KillChain
let emulator: LedgerEmulator
let payer: string
const root = tempDir('treasury-pay-kill-')
let cases = 0

beforeAll(async () => {
  fx = await startChainFixture()
  chain = { rpcUrl: fx.node.url, batchContract: fx.dev.contracts.batch, token: fx.dev.contracts.token }
  emulator = createLedgerEmulator({ blindSigning: true })
  payer = emulator.addressOf(KILL_ACCOUNT)
  await fx.send('anvil_setBalance', [payer, `0x${(1_000n * ETHER).toString(16)}`])
  await fx.dev.mintToken(payer, 1_000_000n * TOKEN_UNIT)
})
afterAll(async () => {
  await fx?.stop()
})

/** What a user does after the restart: wait for what is on its way, pay what is queued, until Completed. */
async function payTheRest(t: Treasury, id: string, plan: KillPlan): Promise<void> {
  await untilDone(fx, 'the payout completes', async () => {
    const p = await t.getPayout({ id })
    if (p.status === 'completed') return true
    expect(p.status).toBe('in_progress')
    const open = (await t.listPayoutTransactions({ id })).some((tx) => OPEN_STATES.has(tx.state))
    if (!open && p.itemCounts.queued > 0) {
      const result = await t.executePayout({ id, accountPath: KILL_ACCOUNT, plan })
      expect(result.stopped).toBeNull()
    }
    return false
  })
}

async function allowance(): Promise<bigint> {
  const data = erc20Interface.encodeFunctionData('allowance', [payer, chain.batchContract])
  return BigInt(await fx.rpc.call({ to: chain.token, data }))
}

/** A payout drafted and submitted by the app, then closed: what the killed process is asked to pay. */
async function submitted(
  shape: Shape,
  tag: string
): Promise<{ dataDir: string; id: string; to: string[]; amounts: bigint[] }> {
  const dataDir = join(root, tag)
  const to = fx.recipients(shape.rows, tag)
  const unit = shape.asset === 'native' ? ETHER / 100n : TOKEN_UNIT
  const amounts = to.map((_, i) => BigInt(i + 1) * unit)
  const t = openKillTreasury(chain, dataDir, emulator)
  try {
    await t.updateSettings({ confirmations: 1 })
    const d = await t.createPayout({
      kind: shape.rows === 1 ? 'single' : 'mass',
      assetId: killAssetId(chain, shape.asset),
      description: tag,
      // Row i pays i + 1 hundredths of ETH, or i + 1 TUSD: the amounts above.
      recipients: to.map((address, i) => ({ address, amount: shape.asset === 'native' ? `0.0${i + 1}` : `${i + 1}` }))
    })
    await submitAcknowledged(t, d.id)
    // Every case pays from the one account on one node, each from a data folder of its own: the
    // earlier cases' transactions are history this folder has no record of, looked at and signed for.
    const sent = await fx.rpc.nonce(payer)
    if (sent > 0)
      await t.signUnrecordedSendsStatement({ id: d.id, accountPath: KILL_ACCOUNT, account: payer, through: sent })
    return { dataDir, id: d.id, to, amounts }
  } finally {
    await t.close()
  }
}

async function killAt(kill: Kill, tag: string) {
  const payout = await submitted(kill.shape, tag)
  const nonceBefore = await fx.rpc.nonce(payer)
  const outcome = await runKillChild(CHILD_SCRIPT, {
    chain,
    dataDir: payout.dataDir,
    payoutId: payout.id,
    plan: kill.shape.plan,
    step: kill.step,
    boundary: kill.boundary
  } satisfies KillCase)
  expect(outcome.signal, `the child never reached the boundary (exit ${outcome.code}): ${outcome.stderr}`).toBe(
    'SIGKILL'
  )
  return { ...payout, nonceBefore }
}

describe(`a payment killed at a step boundary (${FULL_MATRIX ? 'full matrix' : 'representative subset; TREASURY_KILL_MATRIX=full for all'}, ${MATRIX.length} kills)`, () => {
  it.each(MATRIX.map((k) => [k.shape.name, k.shape.steps[k.step]!, k.boundary.replace('_', ' '), k] as const))(
    '%s, %s, killed %s: restarted, every row accounted for, paid the rest, Completed with each recipient paid once',
    { timeout: 240_000 },
    async (_shape, _step, _boundary, kill) => {
      const tag = `kill-${++cases}-${kill.shape.plan}-${kill.shape.asset}-${kill.step}-${kill.boundary}`
      const payout = await killAt(kill, tag)
      const t = openKillTreasury(chain, payout.dataDir, emulator)
      try {
        // Start-up put back in the queue every row nothing recorded can pay.
        expect(uncoveredRows(payout.dataDir, payout.id)).toEqual([])
        await payTheRest(t, payout.id, kill.shape.plan)
        const done = await t.getPayout({ id: payout.id })
        expect(done.itemCounts.paid).toBe(kill.shape.rows)
        expect(done.timeline.map((e) => e.action)).not.toContain('paid_twice')
        const balances = await fx.balances(kill.shape.asset === 'native' ? fx.native : fx.token, payout.to)
        expect(balances).toEqual(payout.amounts)
        const txs = await t.listPayoutTransactions({ id: payout.id })
        expect(txs.every((tx) => tx.state === 'confirmed')).toBe(true)
        expect(await fx.rpc.nonce(payer)).toBe(payout.nonceBefore + txs.length)
        if (kill.shape.asset === 'token' && kill.shape.plan === 'batch')
          expect(txs.filter((tx) => tx.purpose === 'approve')).toHaveLength(1)
      } finally {
        await t.close()
      }
    }
  )
})

describe('a batch killed after its token approval, before the batch was signed', () => {
  it(
    'lets the user cancel the unpaid rest, and take the allowance back on the device',
    { timeout: 240_000 },
    async () => {
      const payout = await killAt(
        { shape: SHAPES.tokenBatch!, step: 1, boundary: 'before_record' },
        'kill-cancel-revoke'
      )
      const t = openKillTreasury(chain, payout.dataDir, emulator)
      try {
        expect((await t.getPayout({ id: payout.id })).itemCounts.queued).toBe(3)
        await untilDone(fx, 'the approval is confirmed', async () =>
          (await t.listPayoutTransactions({ id: payout.id })).every((tx) => tx.state === 'confirmed')
        )
        const total = payout.amounts.reduce((a, b) => a + b, 0n)
        expect(await allowance()).toBe(total)
        const before = await t.getPayout({ id: payout.id })
        expect(before.allowed.cancel).toBe(true)
        const cancelled = await t.cancelPayout({ id: payout.id, reason: 'paid by bank transfer instead' })
        expect(cancelled.status).toBe('cancelled')
        expect(cancelled.itemCounts.cancelled).toBe(3)
        // The allowance is left until the user asks to take it back.
        expect(await allowance()).toBe(total)
        const { hash } = await t.revokeAllowance({ id: payout.id, accountPath: KILL_ACCOUNT })
        await untilDone(fx, 'the revoke is confirmed', async () =>
          (await t.listPayoutTransactions({ id: payout.id })).some((tx) => tx.hash === hash && tx.state === 'confirmed')
        )
        expect(await allowance()).toBe(0n)
        await expect(t.revokeAllowance({ id: payout.id, accountPath: KILL_ACCOUNT })).rejects.toMatchObject({
          code: 'nothing_to_revoke'
        })
        expect((await t.getPayout({ id: payout.id })).timeline.map((e) => e.action)).toContain('allowance_revoked')
        expect(await fx.balances(fx.token, payout.to)).toEqual([0n, 0n, 0n])
      } finally {
        await t.close()
      }
    }
  )
})
