// Runs in: tests (plain Node, Vitest). The FastLZ size and the Fjord L1 data fee the gas figures report:
// sizes equal to those other OP Stack clients' own tests expect for the same bytes, and the fee formula's floor.
import { getBytes, keccak256, toUtf8Bytes } from 'ethers'
import { describe, expect, it } from 'vitest'
import { estimatedSizeScaled, fastLzSize, l1DataFee } from './opL1Fee'

// Public test vectors (input bytes and the compressed length OP Stack nodes compute for them).
const LEGACY_EMPTY_TX = '0xdd80808094095e7baea6a6c7c4c2dfeb977efac326af552d878080808080'
const CONTRACT_CALL_TX =
  '0x02f901550a758302df1483be21b88304743f94f80e51afb613d764fa61751affd3313c190a86bb870151bd62fd12adb8' +
  'e41ef24f3f000000000000000000000000000000000000000000000000000000000000006e000000000000000000000000af88d065e77c8c' +
  'c2239327c5edb3a432268e5831000000000000000000000000000000000000000000000000000000000003c1e50000000000000000000000' +
  '00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000a0000000' +
  '00000000000000000000000000000000000000000000000000000000148c89ed219d02f1a5be012c689b4f5b731827bebe00000000000000' +
  '0000000000c001a033fd89cb37c31b2cba46b6466e040c61fc9b2a3675a7f5f493ebd5ad77c497f8a07cdf65680e238392693019b4092f61' +
  '0222e71b7cec06449cb922b93b6a12744e'

describe('FastLZ compressed size', () => {
  it('is zero for no bytes and one header per 32 literals for short inputs', () => {
    expect(fastLzSize(new Uint8Array())).toBe(0)
    expect(fastLzSize(getBytes(LEGACY_EMPTY_TX))).toBe(31)
  })

  it('turns a long run into back references', () => {
    expect(fastLzSize(new Uint8Array(1000))).toBe(21)
    expect(fastLzSize(new Uint8Array(1000).fill(1))).toBe(21)
  })

  it('matches the size OP Stack nodes compute for a signed contract call', () => {
    expect(fastLzSize(getBytes(CONTRACT_CALL_TX))).toBe(202)
  })

  it('grows by about the bytes that do not repeat: 20 per fresh address word', () => {
    const addressWords = (n: number): Uint8Array => {
      const out = new Uint8Array(n * 32)
      for (let i = 0; i < n; i++) out.set(getBytes(keccak256(toUtf8Bytes(`address ${i}`))).subarray(12), i * 32 + 12)
      return out
    }
    const perWord = (fastLzSize(addressWords(400)) - fastLzSize(addressWords(200))) / 200
    expect(perWord).toBeGreaterThan(20)
    expect(perWord).toBeLessThan(25)
  })
})

describe('Fjord L1 data fee', () => {
  const prices = { l1BaseFee: 10n ** 9n, blobBaseFee: 1n, baseFeeScalar: 1368n, blobBaseFeeScalar: 810_949n }

  it('charges a small transaction as if it were 100 bytes', () => {
    expect(estimatedSizeScaled(31)).toBe(100_000_000n)
    expect(l1DataFee(getBytes(LEGACY_EMPTY_TX), prices)).toBe(
      (100_000_000n * (1368n * 10n ** 9n * 16n + 810_949n)) / 10n ** 12n
    )
  })

  it('follows the linear estimate above the floor', () => {
    expect(estimatedSizeScaled(202)).toBe(-42_585_600n + 836_500n * 202n)
    expect(l1DataFee(getBytes(CONTRACT_CALL_TX), prices)).toBe(
      ((-42_585_600n + 836_500n * 202n) * (1368n * 10n ** 9n * 16n + 810_949n)) / 10n ** 12n
    )
  })
})
