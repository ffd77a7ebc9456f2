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

describe('a packed call read straight from its hex', () => {
  const MASK = (1n << 160n) - 1n
  /** What the ABI decoder makes of a packed call, unpacked here with ethers' own checksum. */
  function decoded(data: string): unknown {
    try {
      const fn = batchInterface.getFunction(data.slice(0, 10))
      if (fn === null) return { error: 'no function' }
      const args = batchInterface.decodeFunctionData(fn, data)
      const withToken = fn.name === 'disperseTokenPacked'
      const words = (withToken ? args[1] : args[0]) as bigint[]
      return {
        token: withToken ? getAddress(args[0] as string) : undefined,
        payments: words.map((w) => ({
          to: getAddress(`0x${(w & MASK).toString(16).padStart(40, '0')}`),
          amount: w >> 160n
        }))
      }
    } catch {
      return { error: 'not decodable' }
    }
  }
  function read(data: string): unknown {
    try {
      return readBatchCall(data)
    } catch {
      return { error: 'not decodable' }
    }
  }
  let seed = 7
  const random = (): bigint => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return BigInt(seed)
  }
  const randomWord = (bits: number): bigint => {
    let w = 0n
    for (let b = 0; b < bits; b += 31) w = (w << 31n) | random()
    return w & ((1n << BigInt(bits)) - 1n)
  }
  const packedRows = (n: number): PaymentRow[] =>
    Array.from({ length: n }, (_, i) => ({
      itemId: `i${i}`,
      row: i + 1,
      to: getAddress(`0x${randomWord(160).toString(16).padStart(40, '0')}`),
      amount: i === 0 ? 0n : i === 1 ? PACKED_AMOUNT_LIMIT - 1n : randomWord(96)
    }))
  const word = (value: bigint): string => value.toString(16).padStart(64, '0')

  it.each([native, erc20])('gives exactly what the ABI decoder gives, for %s', (asset) => {
    for (const n of [0, 1, 2, 300]) {
      const data = batchCall(asset, packedRows(n), BATCH_CALLS.packed).data
      expect(read(data)).toEqual(decoded(data))
      expect(read(data.toUpperCase().replace('0X', '0x'))).toEqual(decoded(data))
      expect((read(data) as { payments: unknown[] }).payments).toHaveLength(n)
    }
  })

  it('leaves any other layout to the decoder: bytes after the array, an array placed further on, a token word with high bits, a length past the end', () => {
    const paid = packedRows(3)
    const ether = batchCall(native, paid, BATCH_CALLS.packed).data
    const tokenCall = batchCall(erc20, paid, BATCH_CALLS.packed).data
    const selectorOf = (data: string): string => data.slice(0, 10)
    const argsOf = (data: string): string => data.slice(10)
    const layouts = [
      ether + word(0n),
      `${selectorOf(ether)}${word(64n)}${word(123n)}${argsOf(ether).slice(64)}`,
      `${selectorOf(tokenCall)}${word((1n << 200n) | BigInt(token))}${argsOf(tokenCall).slice(64)}`,
      `${selectorOf(ether)}${word(32n)}${word(4n)}${argsOf(ether).slice(128)}`,
      `${selectorOf(ether)}${word(32n)}${word(2n ** 64n)}${argsOf(ether).slice(128)}`,
      ether.slice(0, -2)
    ]
    for (const data of layouts) expect(read(data)).toEqual(decoded(data))
    // The decoder reads the array where the head says it is: the word skipped over is not a payment.
    expect((read(layouts[1]!) as { payments: unknown[] }).payments).toHaveLength(3)
  })
})
