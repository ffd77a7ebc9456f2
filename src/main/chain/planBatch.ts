// Runs in: main (plain Node). The batch plan: one transaction per chunk of rows through the
// verified batch contract (Disperse ABI, or packed payments where it takes them), preceded for
// ERC-20 by one approve of exactly the total, unless the allowance the payer already gave the
// contract covers the total on top of what open batches of the payer will still spend from it (an
// approval an interrupted payout left is used, never given twice). Also the revoke: an approve of 0
// that takes back what a cancelled payout left.
// Chunks start at `maxRowsPerChunk` rows and shrink until eth_estimateGas puts each under the
// target gas; every chunk is simulated, and a reverting chunk names its offending rows.
import { batchCall, callsForPayout } from './batchCalls'
import { BATCH_CALLS, erc20Interface, verifyBatchContract, type CodeExpectation } from './batchContract'
import { CHAIN_ERROR, ChainError } from './errors'
import type { EthRpc } from './ethRpc'
import { expectedFee, maximumFee, type FeeQuote } from './fees'
import { TX_PURPOSE } from './journal'
import {
  DEFAULT_PLAN_LIMITS,
  PLAN_KIND,
  STEP_KIND,
  sumRows,
  withHeadroom,
  type ExecutionPlan,
  type PaymentRow,
  type PlanAsset,
  type PlanLimits,
  type PlanStep
} from './planTypes'
import { batchOverride, simulateBatch, simulationFailed, type BatchSimulationContext } from './simulate'
import { probeTokenSlots } from './tokenOverrides'

export interface PlanRequest {
  readonly rpc: EthRpc
  readonly chainId: bigint
  readonly from: string
  readonly asset: PlanAsset
  readonly rows: readonly PaymentRow[]
  readonly fees: FeeQuote
  readonly limits?: PlanLimits
}

export interface BatchPlanRequest extends PlanRequest {
  readonly batchContract: { readonly address: string; readonly expectation: CodeExpectation | undefined }
  /** Token amount the payer's open (sent, not yet mined) batches will still take from the allowance. */
  readonly allowanceInUse?: bigint
}

/** The token amount `owner` lets `spender` move, read on chain now. */
export async function readAllowance(rpc: EthRpc, token: string, owner: string, spender: string): Promise<bigint> {
  const data = erc20Interface.encodeFunctionData('allowance', [owner, spender])
  return BigInt(await rpc.call({ to: token, data }))
}

/** Per-recipient gas when a token's storage cannot be overridden before its approval is mined. */
const FALLBACK_TOKEN_GAS_PER_ROW = 40_000n
const FALLBACK_TOKEN_GAS_BASE = 80_000n

export function batchUnsupportedReason(asset: PlanAsset, batchContract: string | undefined): string | undefined {
  if (!batchContract) return 'This network has no verified batch contract.'
  if (asset.kind === 'erc20' && asset.transferReturnsNoValue) {
    return `${asset.symbol} on this network does not confirm its transfers the standard way, so it cannot be paid in a batch.`
  }
  return undefined
}

export async function planBatch(request: BatchPlanRequest): Promise<ExecutionPlan> {
  const { rpc, asset, rows, from } = request
  const limits = request.limits ?? DEFAULT_PLAN_LIMITS
  const contract = request.batchContract.address
  const unsupported = batchUnsupportedReason(asset, contract)
  if (unsupported) throw new ChainError(CHAIN_ERROR.batchNotSupported, unsupported)
  if (rows.length === 0) throw new ChainError(CHAIN_ERROR.simulationFailed, 'There is nothing to pay.')
  const verified = await verifyBatchContract(rpc, contract, request.batchContract.expectation)
  const calls = callsForPayout(verified.calls, rows)

  const sim: BatchSimulationContext =
    asset.kind === 'erc20'
      ? {
          rpc,
          from,
          batchContract: contract,
          calls,
          asset,
          tokenSlots: await probeTokenSlots(rpc, asset.address, from, contract)
        }
      : { rpc, from, batchContract: contract, calls, asset }
  const canEstimateExactly = asset.kind === 'native' || sim.tokenSlots?.allowanceSlot !== undefined

  const steps: PlanStep[] = []
  const total = sumRows(rows)
  const covered =
    asset.kind === 'erc20' &&
    (await readAllowance(rpc, asset.address, from, contract)) - (request.allowanceInUse ?? 0n) >= total
  if (asset.kind === 'erc20' && !covered) {
    const data = erc20Interface.encodeFunctionData('approve', [contract, total])
    const gasEstimate = await rpc.estimateGas({ from, to: asset.address, data })
    steps.push({
      index: 0,
      kind: STEP_KIND.approve,
      purpose: TX_PURPOSE.approve,
      to: asset.address,
      value: 0n,
      data,
      gasEstimate,
      gasLimit: withHeadroom(gasEstimate, limits.txGasCap),
      rows,
      display: asset.clearSigned
        ? { kind: 'clear', summary: `Allow the batch contract to move exactly ${asset.symbol} total of this payout` }
        : { kind: 'blind', contract: asset.address, summary: `Approve the batch contract for the payout total` }
    })
  }

  let position = 0
  let size = Math.min(limits.maxRowsPerChunk, rows.length)
  while (position < rows.length) {
    const chunk = rows.slice(position, position + size)
    const call = batchCall(asset, chunk, calls)
    let gasEstimate: bigint
    if (canEstimateExactly) {
      try {
        gasEstimate = await rpc.estimateGas({ from, to: contract, ...call }, batchOverride(sim, chunk))
      } catch (e) {
        if (!(e instanceof ChainError) || e.code !== CHAIN_ERROR.executionReverted) throw e
        const offending = await simulateBatch(sim, chunk)
        throw simulationFailed(offending ?? [], e)
      }
    } else {
      gasEstimate = FALLBACK_TOKEN_GAS_BASE + FALLBACK_TOKEN_GAS_PER_ROW * BigInt(chunk.length)
    }
    if (gasEstimate > limits.targetGasPerTx && size > 1) {
      // Shrink in proportion, a little more to leave room, and estimate again.
      size = Math.max(1, Math.floor((size * Number((limits.targetGasPerTx * 95n) / 100n)) / Number(gasEstimate)))
      continue
    }
    steps.push({
      index: steps.length,
      kind: STEP_KIND.disperse,
      purpose: TX_PURPOSE.payment,
      to: contract,
      value: call.value,
      data: call.data,
      gasEstimate,
      gasLimit: withHeadroom(gasEstimate, limits.txGasCap),
      rows: chunk,
      display: {
        kind: 'blind',
        contract,
        summary: `Batch payment to ${chunk.length} recipient${chunk.length === 1 ? '' : 's'}`
      }
    })
    position += chunk.length
  }

  return {
    kind: PLAN_KIND.batch,
    chainId: request.chainId,
    from,
    asset,
    batchContract: { address: contract, calls },
    steps,
    totalAmount: total,
    fees: request.fees,
    estimatedFee: steps.reduce((sum, s) => sum + expectedFee(request.fees, s.gasEstimate), 0n),
    maximumFee: steps.reduce((sum, s) => sum + maximumFee(request.fees, s.gasLimit), 0n)
  }
}

export interface RevokeRequest {
  readonly rpc: EthRpc
  readonly chainId: bigint
  readonly from: string
  readonly token: Extract<PlanAsset, { kind: 'erc20' }>
  readonly batchContract: string
  readonly fees: FeeQuote
  readonly limits?: PlanLimits
}

/** One approve of 0 to the batch contract: the allowance left by a payout that will not spend it is taken back. */
export async function planRevoke(request: RevokeRequest): Promise<ExecutionPlan> {
  const { rpc, from, token, batchContract } = request
  const limits = request.limits ?? DEFAULT_PLAN_LIMITS
  const data = erc20Interface.encodeFunctionData('approve', [batchContract, 0n])
  const gasEstimate = await rpc.estimateGas({ from, to: token.address, data })
  const step: PlanStep = {
    index: 0,
    kind: STEP_KIND.revoke,
    purpose: TX_PURPOSE.revoke,
    to: token.address,
    value: 0n,
    data,
    gasEstimate,
    gasLimit: withHeadroom(gasEstimate, limits.txGasCap),
    rows: [],
    display: token.clearSigned
      ? { kind: 'clear', summary: `Set the batch contract's ${token.symbol} allowance to 0` }
      : { kind: 'blind', contract: token.address, summary: 'Take back the batch contract allowance' }
  }
  return {
    kind: PLAN_KIND.batch,
    chainId: request.chainId,
    from,
    asset: token,
    // An approve is the same whichever calls the contract takes.
    batchContract: { address: batchContract, calls: BATCH_CALLS.disperse },
    steps: [step],
    totalAmount: 0n,
    fees: request.fees,
    estimatedFee: expectedFee(request.fees, gasEstimate),
    maximumFee: maximumFee(request.fees, step.gasLimit)
  }
}
