// Runs in: tests (plain Node, Vitest). Fee quotes and replacement bumps: a replacement raises every fee field by at least the network's
// minimum bump (10%), never goes below the market, and nothing is signed above the cap.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CHAIN_ERROR, isChainError } from './errors'
import { DEFAULT_FEE_POLICY, GWEI, expectedFee, maximumFee, replacementFees, type FeeQuote } from './fees'

const gwei = fc.bigInt({ min: 1n, max: 500n * GWEI })

describe('replacement fees', () => {
  it('raise the tip and the fee cap by at least 10% over the original', () => {
    fc.assert(
      fc.property(gwei, gwei, gwei, (tip, extra, base) => {
        const original: FeeQuote = {
          type: 2,
          baseFeePerGas: base,
          maxFeePerGas: tip + extra,
          maxPriorityFeePerGas: tip
        }
        const market: FeeQuote = { type: 2, baseFeePerGas: 1n, maxFeePerGas: 1n, maxPriorityFeePerGas: 1n }
        const policy = { ...DEFAULT_FEE_POLICY, maxFeePerGasCap: 10_000n * GWEI }
        const next = replacementFees(original, market, policy)
        if (next.type !== 2) throw new Error('expected an EIP-1559 replacement')
        expect(next.maxPriorityFeePerGas * 100n).toBeGreaterThanOrEqual(tip * 110n)
        expect(next.maxFeePerGas * 100n).toBeGreaterThanOrEqual((tip + extra) * 110n)
        expect(next.maxFeePerGas).toBeGreaterThanOrEqual(next.maxPriorityFeePerGas)
      })
    )
  })

  it('follow the market when it has moved further than the bump', () => {
    const original: FeeQuote = { type: 2, baseFeePerGas: GWEI, maxFeePerGas: 3n * GWEI, maxPriorityFeePerGas: GWEI }
    const market: FeeQuote = {
      type: 2,
      baseFeePerGas: 40n * GWEI,
      maxFeePerGas: 81n * GWEI,
      maxPriorityFeePerGas: 1n * GWEI
    }
    expect(replacementFees(original, market)).toMatchObject({ maxFeePerGas: 81n * GWEI })
  })

  it('are refused above the fee cap instead of being signed', () => {
    const original: FeeQuote = { type: 2, baseFeePerGas: GWEI, maxFeePerGas: 950n * GWEI, maxPriorityFeePerGas: GWEI }
    const e = (() => {
      try {
        return replacementFees(original, original)
      } catch (x) {
        return x
      }
    })()
    expect(isChainError(e, CHAIN_ERROR.feeTooHigh)).toBe(true)
  })

  it('bump a legacy gas price too', () => {
    expect(replacementFees({ type: 0, gasPrice: 100n }, { type: 0, gasPrice: 1n })).toEqual({ type: 0, gasPrice: 110n })
  })
})

describe('fee figures', () => {
  it('expect base fee plus tip per gas, and bound the maximum by the signed fee cap', () => {
    const quote: FeeQuote = {
      type: 2,
      baseFeePerGas: 10n * GWEI,
      maxFeePerGas: 22n * GWEI,
      maxPriorityFeePerGas: 2n * GWEI
    }
    expect(expectedFee(quote, 21_000n)).toBe(21_000n * 12n * GWEI)
    expect(maximumFee(quote, 25_000n)).toBe(25_000n * 22n * GWEI)
  })
})
