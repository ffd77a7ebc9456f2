// Runs in: tests (plain Node, Vitest). Planning before confirming: chunking under the gas target, approval of exactly the total, batch
// refused where it cannot work, the comparison the user sees, and the blocking shortfall check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { planRequest, startChainFixture, ETHER, TOKEN_UNIT, type ChainFixture } from '../../test/chainFixture'
import { erc20Interface } from './batchContract'
import { findShortfalls, readPayerBalances } from './balances'
import { CHAIN_ERROR, isChainError } from './errors'
import { planBatch } from './planBatch'
import { proposePlan, summarizePlan } from './planCompare'
import { planPerRecipient } from './planPerRecipient'
import { DEFAULT_PLAN_LIMITS, PLAN_KIND, type PaymentRow, type PlanAsset } from './planTypes'

let fx: ChainFixture
beforeAll(async () => {
  fx = await startChainFixture()
})
afterAll(async () => {
  await fx?.stop()
})

const request = (asset: PlanAsset, rows: readonly PaymentRow[]) => planRequest(fx, asset, rows)

describe('the batch plan', () => {
  it('splits rows into chunks whose estimated gas stays under the target, each confirmed by estimateGas', async () => {
    const rows = fx.rows(fx.recipients(90, 'chunks'), () => TOKEN_UNIT, 'chunks')
    const limits = { ...DEFAULT_PLAN_LIMITS, targetGasPerTx: 1_000_000n }
    const plan = await planBatch({ ...(await request(fx.token, rows)), limits })
    const chunks = plan.steps.filter((s) => s.kind === 'disperse')
    expect(chunks.length).toBeGreaterThan(1)
    for (const c of chunks) expect(c.gasEstimate).toBeLessThanOrEqual(1_000_000n)
    expect(chunks.flatMap((c) => c.rows)).toEqual(rows)
  })

  it('caps a chunk at the configured row count', async () => {
    const rows = fx.rows(fx.recipients(25, 'rowcap'), () => 1n, 'rowcap')
    const plan = await planBatch({
      ...(await request(fx.native, rows)),
      limits: { ...DEFAULT_PLAN_LIMITS, maxRowsPerChunk: 10 }
    })
    expect(plan.steps.map((s) => s.rows.length)).toEqual([10, 10, 5])
    expect(plan.steps.map((s) => s.value)).toEqual([10n, 10n, 5n])
  })

  it('approves exactly the payout total, never an unlimited amount', async () => {
    const rows = fx.rows(fx.recipients(3, 'approve'), (i) => BigInt(i + 1) * TOKEN_UNIT, 'approve')
    const plan = await planBatch(await request(fx.token, rows))
    const approve = plan.steps[0]!
    expect(approve.kind).toBe('approve')
    const [spender, amount] = erc20Interface.decodeFunctionData('approve', approve.data)
    expect(spender).toBe(fx.dev.contracts.batch)
    expect(amount).toBe(6n * TOKEN_UNIT)
  })

  it('is not offered for a token whose transfer returns no value', async () => {
    const usdtLike: PlanAsset = { ...(fx.token as Extract<PlanAsset, { kind: 'erc20' }>), transferReturnsNoValue: true }
    const error = await planBatch(
      await request(
        usdtLike,
        fx.rows(fx.recipients(2, 'usdt'), () => 1n, 'usdt')
      )
    ).catch((e: unknown) => e)
    expect(isChainError(error, CHAIN_ERROR.batchNotSupported)).toBe(true)
  })

  it('refuses a batch contract whose code is not the expected one', async () => {
    const req = await request(
      fx.native,
      fx.rows(fx.recipients(2, 'verify'), () => 1n, 'verify')
    )
    const wrong = { address: fx.dev.contracts.token, expectation: fx.batchContract.expectation }
    const error = await planBatch({ ...req, batchContract: wrong }).catch((e: unknown) => e)
    expect(isChainError(error, CHAIN_ERROR.contractNotVerified)).toBe(true)
    const empty = { address: fx.recipients(1, 'no-code')[0]!, expectation: fx.batchContract.expectation }
    expect(
      isChainError(
        await planBatch({ ...req, batchContract: empty }).catch((e: unknown) => e),
        CHAIN_ERROR.contractNotVerified
      )
    ).toBe(true)
  })
})

describe('the comparison', () => {
  it('shows transactions, device confirmations, fee and display for both plans, and proposes the batch for many rows', async () => {
    const rows = fx.rows(fx.recipients(20, 'compare'), () => TOKEN_UNIT, 'compare')
    const batch = await planBatch(await request(fx.token, rows))
    const single = await planPerRecipient(await request(fx.token, rows))
    expect(summarizePlan(batch)).toMatchObject({
      kind: PLAN_KIND.batch,
      transactions: 2,
      deviceConfirmations: 2,
      display: 'mixed'
    })
    expect(summarizePlan(single)).toMatchObject({
      kind: PLAN_KIND.perRecipient,
      transactions: 20,
      deviceConfirmations: 20,
      display: 'clear'
    })
    expect(batch.estimatedFee).toBeLessThan(single.estimatedFee)
    expect(batch.estimatedFee).toBeLessThanOrEqual(batch.maximumFee)
    expect(proposePlan([single, batch])?.kind).toBe(PLAN_KIND.batch)
  })

  it('proposes the clear-signed transfer for a single ERC-20 recipient', async () => {
    const rows = fx.rows(fx.recipients(1, 'one'), () => TOKEN_UNIT, 'one')
    const batch = await planBatch(await request(fx.token, rows))
    const single = await planPerRecipient(await request(fx.token, rows))
    expect(proposePlan([batch, single])?.kind).toBe(PLAN_KIND.perRecipient)
  })
})

describe('balances and shortfall', () => {
  it('blocks a payout the payer cannot cover, naming the missing asset and amount', async () => {
    const balances = await readPayerBalances(fx.rpc, fx.payer.address, fx.token)
    const rows = fx.rows(fx.recipients(2, 'short'), () => balances.token! / 2n + 1n, 'short')
    const plan = await planPerRecipient(await request(fx.token, rows))
    const shortfalls = findShortfalls(plan, balances, { symbol: 'ETH', decimals: 18 })
    expect(shortfalls).toEqual([
      {
        asset: 'token',
        symbol: 'TUSD',
        decimals: 6,
        needed: balances.token! + 2n,
        available: balances.token!,
        missing: 2n
      }
    ])
  })

  it('counts the maximum network fee against the coin balance of a native payout', async () => {
    const balances = await readPayerBalances(fx.rpc, fx.payer.address, fx.native)
    const rows = fx.rows(fx.recipients(1, 'fee'), () => balances.native - ETHER / 10_000_000n, 'fee')
    const plan = await planPerRecipient(await request(fx.native, rows))
    const [shortfall] = findShortfalls(plan, balances, { symbol: 'ETH', decimals: 18 })
    expect(shortfall?.missing).toBe(plan.maximumFee - ETHER / 10_000_000n)
  })
})
