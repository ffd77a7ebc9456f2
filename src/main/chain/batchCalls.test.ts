// Runs in: tests (plain Node, Vitest). Batch calldata both ways: packed only when the contract takes it and every
// amount fits 96 bits, never an amount cut to fit, and every call read back to exactly the payments it makes.
import { getAddress } from 'ethers'
import { describe, expect, it } from 'vitest'
import { PACKED_AMOUNT_LIMIT, batchCall, callsForPayout, packPayment, readBatchCall, unpackPayment } from './batchCalls'
import { BATCH_CALLS, batchInterface } from './batchContract'
import type { PaymentRow, PlanAsset } from './planTypes'

const token = getAddress('0x00000000000000000000000000000000000000aa')
const erc20: PlanAsset = {
  kind: 'erc20',
  address: token,
  symbol: 'T',
  decimals: 18,
  transferReturnsNoValue: false,
  clearSigned: false
}
const native: PlanAsset = { kind: 'native', symbol: 'ETH', decimals: 18 }
const to = (i: number): string => getAddress(`0x${(0xabcdef00 + i).toString(16).padStart(40, 'f')}`)
const rows = (amounts: readonly bigint[]): PaymentRow[] =>
  amounts.map((amount, i) => ({ itemId: `i${i}`, row: i + 1, to: to(i), amount }))

describe('a packed payment', () => {
  it('is the amount above the 160 address bits, and reads back to the same pair', () => {
    const word = packPayment(to(1), 5n)
    expect(word).toBe((5n << 160n) | BigInt(to(1)))
    expect(unpackPayment(word)).toEqual({ to: to(1), amount: 5n })
    expect(unpackPayment(packPayment(to(2), PACKED_AMOUNT_LIMIT - 1n))).toEqual({
      to: to(2),
      amount: PACKED_AMOUNT_LIMIT - 1n
    })
  })

  it('refuses an amount of 2^96 or more rather than cut it', () => {
    expect(() => packPayment(to(1), PACKED_AMOUNT_LIMIT)).toThrow(/does not fit/)
    expect(() => packPayment(to(1), -1n)).toThrow(/does not fit/)
  })
})

describe('the calls a payout is made with', () => {
  it('are packed when the contract takes them and every amount fits', () => {
    expect(callsForPayout(BATCH_CALLS.packed, rows([1n, PACKED_AMOUNT_LIMIT - 1n]))).toBe(BATCH_CALLS.packed)
  })

  it('are the Disperse calls for the whole payout when one amount does not fit, or the contract is Disperse', () => {
    expect(callsForPayout(BATCH_CALLS.packed, rows([1n, PACKED_AMOUNT_LIMIT]))).toBe(BATCH_CALLS.disperse)
    expect(callsForPayout(BATCH_CALLS.disperse, rows([1n, 2n]))).toBe(BATCH_CALLS.disperse)
  })

  it('never pack an amount that does not fit, even when asked to', () => {
    expect(() => batchCall(native, rows([PACKED_AMOUNT_LIMIT]), BATCH_CALLS.packed)).toThrow(/does not fit/)
  })
})

describe.each([
  ['ETH', native, BATCH_CALLS.disperse, 'disperseEther'],
  ['ETH', native, BATCH_CALLS.packed, 'disperseEtherPacked'],
  ['a token', erc20, BATCH_CALLS.disperse, 'disperseToken'],
  ['a token', erc20, BATCH_CALLS.packed, 'disperseTokenPacked']
] as const)('a batch of %s with %s calls', (_, asset, calls, fn) => {
  const paid = rows([1n, 10n ** 24n, 3n, 10n ** 24n])

  it(`calls ${fn}, with the total as value only for ETH`, () => {
    const call = batchCall(asset, paid, calls)
    expect(batchInterface.getFunction(call.data.slice(0, 10))?.name).toBe(fn)
    expect(call.value).toBe(asset.kind === 'native' ? 2n * 10n ** 24n + 4n : 0n)
  })

  it('reads back to exactly its payments, in order, and its token', () => {
    expect(readBatchCall(batchCall(asset, paid, calls).data)).toEqual({
      token: asset.kind === 'native' ? undefined : token,
      payments: paid.map((r) => ({ to: r.to, amount: r.amount }))
    })
  })
})

describe.each([native, erc20])('a packed batch', (asset) => {
  it(`of ${asset.symbol} takes one word per payment where the Disperse call takes two, and one array head fewer`, () => {
    const paid = rows([1n, 2n, 3n, 4n, 5n])
    const bytes = (calls: (typeof BATCH_CALLS)[keyof typeof BATCH_CALLS]): number =>
      (batchCall(asset, paid, calls).data.length - 2) / 2
    expect(bytes(BATCH_CALLS.disperse) - bytes(BATCH_CALLS.packed)).toBe(32 * (paid.length + 2))
  })
})

describe('reading calldata that is no batch call', () => {
  it('gives nothing', () => {
    expect(readBatchCall('0x')).toBeUndefined()
    expect(readBatchCall('0xa9059cbb')).toBeUndefined()
  })
})
