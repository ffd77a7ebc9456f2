// Runs in: tests (plain Node, Vitest). Simulation before signing: a batch that would revert is caught and its offending rows are named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { planRequest, startChainFixture, ETHER, TOKEN_UNIT, type ChainFixture } from '../../test/chainFixture'
import { CHAIN_ERROR, ChainError, isChainError } from './errors'
import { planBatch } from './planBatch'
import { planPerRecipient } from './planPerRecipient'
import type { PaymentRow, PlanAsset } from './planTypes'
import { findOffendingRows, rowProblems, simulateTx, simulateWithNonce } from './simulate'

describe('bisection', () => {
  it('finds exactly the rows that fail on their own, whatever their positions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 300 }),
        fc.uniqueArray(fc.nat(), { maxLength: 6 }),
        async (size, picks) => {
          const rows: PaymentRow[] = Array.from({ length: size }, (_, i) => ({
            itemId: `r${i}`,
            row: i + 1,
            to: `0x${i}`,
            amount: 1n
          }))
          const bad = new Set(picks.map((p) => p % size))
          let calls = 0
          const found = await findOffendingRows(rows, async (subset) => {
            calls++
            return subset.some((_, i) => bad.has(rows.indexOf(subset[i]!)))
              ? new ChainError(CHAIN_ERROR.executionReverted, 'bad row')
              : undefined
          })
          expect(new Set(found.map((f) => rows.indexOf(f.row)))).toEqual(bad)
          // k bad rows cost about 2k·log2(n) simulations, never one per row.
          expect(calls).toBeLessThanOrEqual(1 + 2 * Math.max(1, bad.size) * (Math.ceil(Math.log2(size)) + 1))
        }
      ),
      { numRuns: 60 }
    )
  })

  it('reports no row when only the combination fails', async () => {
    const rows: PaymentRow[] = [1, 2, 3, 4].map((i) => ({ itemId: `r${i}`, row: i, to: `0x${i}`, amount: 1n }))
    const found = await findOffendingRows(rows, async (subset) =>
      subset.length === rows.length ? new ChainError(CHAIN_ERROR.executionReverted, 'over') : undefined
    )
    expect(found).toEqual([])
  })
})

describe('on a real chain', () => {
  let fx: ChainFixture
  beforeAll(async () => {
    fx = await startChainFixture()
  })
  afterAll(async () => {
    await fx?.stop()
  })

  const request = (asset: PlanAsset, rows: readonly PaymentRow[]) => planRequest(fx, asset, rows)

  it('names the recipient a token blocks before anything is signed, in a 120-row batch', async () => {
    const addresses = fx.recipients(120, 'blocked')
    await fx.dev.setBlocked(addresses[77]!, true)
    const rows = fx.rows(addresses, () => TOKEN_UNIT, 'blocked')
    const error = await planBatch(await request(fx.token, rows)).catch((e: unknown) => e)
    expect(isChainError(error, CHAIN_ERROR.recipientWouldFail)).toBe(true)
    expect(rowProblems(error as ChainError)).toEqual([
      { row: 78, address: addresses[77], reason: 'TestToken: address blocked' }
    ])
    expect((error as ChainError).message).toContain(`row 78 (${addresses[77]}`)
    expect(fx.payer.signatures).toBe(0)
  })

  it('names a contract recipient that rejects ETH in a batch', async () => {
    const addresses = [...fx.recipients(30, 'rejecter')]
    addresses.splice(12, 0, fx.dev.contracts.rejecter)
    const rows = fx.rows(addresses, () => ETHER / 1000n, 'rejecter')
    const error = await planBatch(await request(fx.native, rows)).catch((e: unknown) => e)
    expect(isChainError(error, CHAIN_ERROR.recipientWouldFail)).toBe(true)
    expect(rowProblems(error as ChainError).map((o) => o.row)).toEqual([13])
  })

  it('reads the pending and latest nonces and simulates in one request: a pass, a revert with its reason, same answers as apart', async () => {
    const [to] = fx.recipients(1, 'with-nonce')
    const from = fx.payer.address
    const pass = await simulateWithNonce(fx.rpc, { from, to: to!, value: 1n, data: '0x', gasLimit: 21_000n })
    expect(pass).toEqual({
      nonces: { pending: await fx.rpc.nonce(from, 'pending'), latest: await fx.rpc.nonce(from, 'latest') },
      failure: undefined
    })
    const reverting = { from, to: fx.dev.contracts.rejecter, value: 1n, data: '0x' }
    const both = await simulateWithNonce(fx.rpc, reverting)
    expect(both.failure?.code).toBe(CHAIN_ERROR.executionReverted)
    expect(both.failure?.message).toBe((await simulateTx(fx.rpc, reverting))?.message)
  })

  it('names every failing row of a per-recipient plan without bisection', async () => {
    const addresses = fx.recipients(5, 'per-row')
    await fx.dev.setBlocked(addresses[1]!, true)
    await fx.dev.setBlocked(addresses[4]!, true)
    const error = await planPerRecipient(
      await request(
        fx.token,
        fx.rows(addresses, () => TOKEN_UNIT, 'per-row')
      )
    ).catch((e: unknown) => e)
    expect(rowProblems(error as ChainError).map((o) => o.row)).toEqual([2, 5])
  })
})
