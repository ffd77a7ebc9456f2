// Runs in: main (plain Node). Network fee quotes (EIP-1559 where the chain has a base fee, legacy
// gas price otherwise), the fee figures shown before confirming, and the fee bump of a
// replacement transaction. All values are bigint wei.
import { CHAIN_ERROR, ChainError } from './errors'
import type { EthRpc } from './ethRpc'

export const GWEI = 1_000_000_000n

export interface FeePolicy {
  /** Never sign a transaction that may pay more than this per gas. */
  readonly maxFeePerGasCap: bigint
  /** Tip used when the node cannot suggest one. */
  readonly fallbackPriorityFee: bigint
  /** Upper bound on the tip, whatever the node suggests. */
  readonly priorityFeeCap: bigint
  /** Minimum raise of every fee field for a replacement, in percent. geth and most nodes require 10. */
  readonly replacementBumpPercent: bigint
}

export const DEFAULT_FEE_POLICY: FeePolicy = {
  maxFeePerGasCap: 1_000n * GWEI,
  fallbackPriorityFee: 1n * GWEI,
  priorityFeeCap: 50n * GWEI,
  replacementBumpPercent: 10n
}

export type FeeQuote =
  | {
      readonly type: 2
      readonly baseFeePerGas: bigint
      readonly maxFeePerGas: bigint
      readonly maxPriorityFeePerGas: bigint
    }
  | { readonly type: 0; readonly gasPrice: bigint }

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b)
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b)

export async function quoteFees(rpc: EthRpc, policy: FeePolicy = DEFAULT_FEE_POLICY): Promise<FeeQuote> {
  const latest = await rpc.block('latest')
  if (latest?.baseFeePerGas === undefined) {
    const gasPrice = await rpc.gasPrice()
    if (gasPrice > policy.maxFeePerGasCap) throw feeTooHigh(gasPrice, policy)
    return { type: 0, gasPrice }
  }
  let tip: bigint
  try {
    tip = await rpc.maxPriorityFeePerGas()
  } catch {
    tip = policy.fallbackPriorityFee
  }
  tip = min(tip, policy.priorityFeeCap)
  const baseFee = latest.baseFeePerGas
  // Twice the base fee survives six full blocks of +12.5% base-fee growth before the transaction stalls.
  const wanted = baseFee * 2n + tip
  if (baseFee + tip > policy.maxFeePerGasCap) throw feeTooHigh(baseFee + tip, policy)
  return {
    type: 2,
    baseFeePerGas: baseFee,
    maxFeePerGas: min(wanted, policy.maxFeePerGasCap),
    maxPriorityFeePerGas: tip
  }
}

function feeTooHigh(perGas: bigint, policy: FeePolicy): ChainError {
  return new ChainError(
    CHAIN_ERROR.feeTooHigh,
    `Network fees are unusually high right now (${perGas / GWEI} gwei per gas, limit ${policy.maxFeePerGasCap / GWEI}). Try again later or raise the limit in Settings.`,
    { details: { perGas, cap: policy.maxFeePerGasCap } }
  )
}

/** The fee the user should expect to pay for `gas` units at current prices. */
export function expectedFee(quote: FeeQuote, gas: bigint): bigint {
  if (quote.type === 0) return gas * quote.gasPrice
  return gas * min(quote.baseFeePerGas + quote.maxPriorityFeePerGas, quote.maxFeePerGas)
}

/** The most `gasLimit` units can cost: what the payer's balance must cover. */
export function maximumFee(quote: FeeQuote, gasLimit: bigint): bigint {
  return gasLimit * (quote.type === 0 ? quote.gasPrice : quote.maxFeePerGas)
}

function bumped(old: bigint, percent: bigint): bigint {
  return (old * (100n + percent) + 99n) / 100n
}

/**
 * Fees for a replacement of a pending transaction: every field at least `replacementBumpPercent`
 * above the original (nodes refuse smaller raises), and at least the current market quote.
 */
export function replacementFees(
  original: FeeQuote,
  current: FeeQuote,
  policy: FeePolicy = DEFAULT_FEE_POLICY
): FeeQuote {
  if (original.type === 0) {
    const now = current.type === 0 ? current.gasPrice : current.maxFeePerGas
    return { type: 0, gasPrice: max(bumped(original.gasPrice, policy.replacementBumpPercent), now) }
  }
  const tipNow = current.type === 2 ? current.maxPriorityFeePerGas : 0n
  const feeNow = current.type === 2 ? current.maxFeePerGas : current.gasPrice
  const tip = max(bumped(original.maxPriorityFeePerGas, policy.replacementBumpPercent), tipNow)
  const maxFee = max(max(bumped(original.maxFeePerGas, policy.replacementBumpPercent), feeNow), tip)
  if (maxFee > policy.maxFeePerGasCap) {
    throw new ChainError(
      CHAIN_ERROR.feeTooHigh,
      `Replacing this transaction needs ${maxFee / GWEI} gwei per gas, above the limit of ${policy.maxFeePerGasCap / GWEI}. Raise the limit in Settings or wait.`
    )
  }
  return {
    type: 2,
    baseFeePerGas: current.type === 2 ? current.baseFeePerGas : 0n,
    maxFeePerGas: maxFee,
    maxPriorityFeePerGas: tip
  }
}
