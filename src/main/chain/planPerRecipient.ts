// Runs in: main (plain Node). The per-recipient plan: one native or ERC-20 transfer per row. More
// device confirmations than a batch, but each is shown in clear on the Ledger (for known tokens)
// and a row that cannot be paid fails alone. Every transfer is estimated (which simulates it);
// rows that would revert are named.
import { erc20Interface } from './batchContract'
import { ChainError } from './errors'
import { expectedFee, maximumFee } from './fees'
import { TX_PURPOSE } from './journal'
import type { PlanRequest } from './planBatch'
import {
  DEFAULT_PLAN_LIMITS,
  PLAN_KIND,
  STEP_KIND,
  sumRows,
  withHeadroom,
  type ExecutionPlan,
  type PaymentRow,
  type PlanAsset,
  type PlanStep
} from './planTypes'
import { SIMULATION_NATIVE_BALANCE, revertReason, simulationFailed } from './simulate'
import { buildOverride, probeTokenSlots } from './tokenOverrides'

export function transferCall(asset: PlanAsset, row: PaymentRow): { to: string; value: bigint; data: string } {
  if (asset.kind === 'native') return { to: row.to, value: row.amount, data: '0x' }
  return { to: asset.address, value: 0n, data: erc20Interface.encodeFunctionData('transfer', [row.to, row.amount]) }
}

export async function planPerRecipient(request: PlanRequest): Promise<ExecutionPlan> {
  const { rpc, asset, rows, from } = request
  const limits = request.limits ?? DEFAULT_PLAN_LIMITS
  // Estimates run with enough balance so that a shortfall (reported separately) does not hide
  // which rows are payable; a token's balance is given when its storage layout is recognised.
  const slots = asset.kind === 'erc20' ? await probeTokenSlots(rpc, asset.address, from, from) : {}
  const override = buildOverride(from, {
    nativeBalance: SIMULATION_NATIVE_BALANCE,
    ...(asset.kind === 'erc20'
      ? {
          token: {
            address: asset.address,
            slots: { ...slots, allowanceSlot: undefined },
            spender: from,
            amount: sumRows(rows)
          }
        }
      : {})
  })
  const calls = rows.map((row) => transferCall(asset, row))
  const estimates = await rpc.estimateGasMany(
    calls.map((c) => ({ from, ...c })),
    override
  )
  const offending = rows.flatMap((row, i) => {
    const e = estimates[i]
    return e instanceof ChainError ? [{ row, reason: revertReason(e) }] : []
  })
  if (offending.length > 0) throw simulationFailed(offending)

  const steps: PlanStep[] = rows.map((row, i) => {
    const gasEstimate = estimates[i] as bigint
    const call = calls[i] ?? transferCall(asset, row)
    return {
      index: i,
      kind: STEP_KIND.transfer,
      purpose: TX_PURPOSE.payment,
      ...call,
      gasEstimate,
      gasLimit: withHeadroom(gasEstimate, limits.txGasCap),
      rows: [row],
      display:
        asset.kind === 'native' || asset.clearSigned
          ? { kind: 'clear', summary: `Send ${asset.symbol} to ${row.to}` }
          : { kind: 'blind', contract: asset.address, summary: `Token transfer to ${row.to}` }
    }
  })
  return {
    kind: PLAN_KIND.perRecipient,
    chainId: request.chainId,
    from,
    asset,
    steps,
    totalAmount: sumRows(rows),
    fees: request.fees,
    estimatedFee: steps.reduce((sum, s) => sum + expectedFee(request.fees, s.gasEstimate), 0n),
    maximumFee: steps.reduce((sum, s) => sum + maximumFee(request.fees, s.gasLimit), 0n)
  }
}
