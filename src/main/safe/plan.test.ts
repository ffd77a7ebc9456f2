// Runs in: tests (plain Node, Vitest). Planning payouts from a real Safe 1.4.1 on anvil: routes,
// chunking under the per-transaction gas cap, consecutive nonces, hashes checked on chain, rows
// decoded back, and rows that cannot be paid named before anyone signs.
import { Wallet, id } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ETHER, TOKEN_UNIT, startChainFixture, type ChainFixture } from '../../test/chainFixture'
import { deploySafeContracts, type SafeDeployer } from '../../test/deploySafe'
import { CHAIN_ERROR } from '../chain/errors'
import { quoteFees } from '../chain/fees'
import { DEFAULT_PLAN_LIMITS } from '../chain/planTypes'
import { OPERATION } from './abi'
import { decodeSafeTxPayments } from './decode'
import { SAFE_ROUTE, nextSafeNonce, planSafePayout, type SafePlanRequest } from './plan'
import { quoteSafePayout } from './quote'
import { safeTxHash } from './safeTx'
import { readSafe, verifyMultiSendCallOnly, type SafeInfo } from './verify'

let fx: ChainFixture
let safes: SafeDeployer
let safe: SafeInfo
let multiSend: string
const owners = [0, 1, 2].map((i) => new Wallet(id(`plan-owner-${i}`)).address)

beforeAll(async () => {
  fx = await startChainFixture()
  safes = await deploySafeContracts(fx.dev.deployer, fx.node.chainId)
  const address = await safes.createSafe(owners, 2)
  await fx.send('anvil_setBalance', [address, `0x${(1_000n * ETHER).toString(16)}`])
  await fx.dev.mintToken(address, 10_000_000n * TOKEN_UNIT)
  const scope = { chainId: fx.node.chainId, development: true }
  safe = await readSafe(fx.rpc, address, scope)
  multiSend = await verifyMultiSendCallOnly(fx.rpc, safes.contracts.multiSendCallOnly, scope)
})
afterAll(async () => {
  await fx?.stop()
})

async function request(asset: 'native' | 'token', count: number, tag: string): Promise<SafePlanRequest> {
  const a = asset === 'native' ? fx.native : fx.token
  const unit = asset === 'native' ? ETHER / 1000n : TOKEN_UNIT
  return {
    rpc: fx.rpc,
    safe,
    asset: a,
    rows: fx.rows(fx.recipients(count, tag), (i) => BigInt(i + 1) * unit, tag),
    fees: await quoteFees(fx.rpc),
    multiSendCallOnly: multiSend,
    batchContract: fx.batchContract
  }
}

describe('Safe nonces for queued transactions', () => {
  it('the next nonce follows the chain and every nonce already queued', () => {
    expect(nextSafeNonce(4n, [])).toBe(4n)
    expect(nextSafeNonce(4n, [4n, 5n])).toBe(6n)
    expect(nextSafeNonce(4n, [2n, 3n])).toBe(4n)
  })
})

describe('planning from a Safe', () => {
  it('a single payout is one Safe transaction: a direct token transfer, no MultiSend, no approval', async () => {
    const req = await request('token', 1, 'single')
    const plan = await planSafePayout(SAFE_ROUTE.transfers, req)
    expect(plan.transactions).toHaveLength(1)
    const tx = plan.transactions[0]!
    expect(tx.safeTx).toMatchObject({
      to: fx.token.kind === 'erc20' ? fx.token.address : '',
      operation: OPERATION.call,
      value: 0n,
      nonce: 0n
    })
    expect(plan).toMatchObject({ signaturesNeeded: 2, confirmationsPerOwner: 1, threshold: 2 })
  })

  it('50 native payments become one MultiSend delegatecall to the verified deployment, hash equal to the Safe', async () => {
    const req = await request('native', 50, 'native-50')
    const plan = await planSafePayout(SAFE_ROUTE.transfers, req)
    expect(plan.transactions).toHaveLength(1)
    const tx = plan.transactions[0]!
    expect(tx.safeTx).toMatchObject({
      to: multiSend,
      operation: OPERATION.delegateCall,
      value: 0n,
      safeTxGas: 0n,
      gasPrice: 0n
    })
    expect(tx.safeTxHash).toBe(safeTxHash(fx.node.chainId, safe.address, tx.safeTx))
    const decoded = decodeSafeTxPayments(tx.safeTx, {
      asset: fx.native,
      multiSendCallOnly: multiSend,
      batchContract: undefined
    })
    expect(decoded).toEqual(req.rows.map((r) => ({ to: r.to, amount: r.amount })))
    expect(plan.estimatedFee).toBeGreaterThan(0n)
  })

  it('600 token payments are split under the gas target, at consecutive nonces, every row once and in order', async () => {
    const req = await request('token', 600, 'token-600')
    const plan = await planSafePayout(SAFE_ROUTE.transfers, { ...req, startNonce: 3n })
    expect(plan.transactions.length).toBeGreaterThan(1)
    expect(plan.transactions.map((t) => t.safeTx.nonce)).toEqual(plan.transactions.map((_, i) => 3n + BigInt(i)))
    for (const t of plan.transactions) {
      expect(t.gasEstimate).toBeLessThanOrEqual(DEFAULT_PLAN_LIMITS.targetGasPerTx)
      expect(t.gasLimit).toBeLessThanOrEqual(DEFAULT_PLAN_LIMITS.txGasCap)
    }
    expect(plan.transactions.flatMap((t) => t.rows.map((r) => r.itemId))).toEqual(req.rows.map((r) => r.itemId))
    expect(plan.signaturesNeeded).toBe(2 * plan.transactions.length)
  })

  it('the batch contract route: a call with value for the native coin, approve + disperseToken for a token', async () => {
    const native = await planSafePayout(SAFE_ROUTE.batchContract, await request('native', 20, 'batch-eth'))
    expect(native.transactions[0]?.safeTx).toMatchObject({ to: fx.batchContract.address, operation: OPERATION.call })
    const tokenReq = await request('token', 20, 'batch-token')
    const token = await planSafePayout(SAFE_ROUTE.batchContract, tokenReq)
    const tx = token.transactions[0]!
    expect(tx.safeTx.operation).toBe(OPERATION.delegateCall)
    const decoded = decodeSafeTxPayments(tx.safeTx, {
      asset: fx.token,
      multiSendCallOnly: multiSend,
      batchContract: fx.batchContract.address
    })
    expect(decoded.map((d) => d.to)).toEqual(tokenReq.rows.map((r) => r.to))
  })

  it('the quote proposes the route with fewer Safe transactions, then the lower fee, and shows the Safe balance', async () => {
    const req = await request('token', 100, 'quote-100')
    const quote = await quoteSafePayout(req)
    const plans = quote.options.flatMap((o) => (o.available ? [o.plan] : []))
    expect(plans).toHaveLength(2)
    const cheapest = [...plans].sort((a, b) => (a.estimatedFee < b.estimatedFee ? -1 : 1))[0]!
    expect(quote.proposed).toBe(cheapest.route)
    expect(quote.safeBalance).toBe(10_000_000n * TOKEN_UNIT)
    expect(quote.missing).toBe(0n)
  })

  it('names the row the token refuses, before anyone signs', async () => {
    const req = await request('token', 5, 'blocked')
    const blocked = req.rows[3]!
    await fx.dev.setBlocked(blocked.to, true)
    await expect(planSafePayout(SAFE_ROUTE.transfers, req)).rejects.toMatchObject({
      code: CHAIN_ERROR.recipientWouldFail,
      details: { rows: [expect.objectContaining({ row: blocked.row, address: blocked.to })] }
    })
  })
})
