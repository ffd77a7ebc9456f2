// Runs in: main (plain Node). Everything the user sees before confirming a payout, in one call:
// both plans (or why one is not available), the proposed one, the fee, the payer's balances and
// any blocking shortfall. Sends nothing and signs nothing.
import type { CodeExpectation } from './batchContract'
import { findShortfalls, readPayerBalances, type PayerBalances, type Shortfall } from './balances'
import { CHAIN_ERROR, ChainError } from './errors'
import type { EthRpc } from './ethRpc'
import { DEFAULT_FEE_POLICY, quoteFees, type FeePolicy, type FeeQuote } from './fees'
import { batchUnsupportedReason, planBatch } from './planBatch'
import { comparePlans, summarizePlan } from './planCompare'
import { planPerRecipient } from './planPerRecipient'
import {
  PLAN_KIND,
  type ExecutionPlan,
  type PaymentRow,
  type PlanAsset,
  type PlanKind,
  type PlanLimits,
  type PlanSummary
} from './planTypes'

export interface QuoteRequest {
  readonly rpc: EthRpc
  readonly chainId: bigint
  readonly from: string
  readonly asset: PlanAsset
  readonly rows: readonly PaymentRow[]
  readonly native: { readonly symbol: string; readonly decimals: number }
  /** The catalogue's batch contract for this network, if any, and the code it must have. */
  readonly batchContract?: { readonly address: string; readonly expectation: CodeExpectation | undefined }
  readonly feePolicy?: FeePolicy
  readonly limits?: PlanLimits
}

export type PlanOption =
  | { readonly kind: PlanKind; readonly available: true; readonly plan: ExecutionPlan; readonly summary: PlanSummary }
  | { readonly kind: PlanKind; readonly available: false; readonly error: ChainError }

export interface PayoutQuote {
  readonly fees: FeeQuote
  readonly options: readonly PlanOption[]
  /** The planner's proposal; undefined when no plan is available (see each option's error). */
  readonly proposed?: PlanKind
  readonly balances: PayerBalances
  /** Shortfalls of the proposed plan; non-empty blocks confirmation. */
  readonly shortfalls: readonly Shortfall[]
}

async function option(kind: PlanKind, build: () => Promise<ExecutionPlan>): Promise<PlanOption> {
  try {
    const plan = await build()
    return { kind, available: true, plan, summary: summarizePlan(plan) }
  } catch (e) {
    if (e instanceof ChainError && e.code !== CHAIN_ERROR.rpcTimeout && e.code !== CHAIN_ERROR.rpcUnreachable)
      return { kind, available: false, error: e }
    throw e
  }
}

export async function quotePayout(request: QuoteRequest): Promise<PayoutQuote> {
  const fees = await quoteFees(request.rpc, request.feePolicy ?? DEFAULT_FEE_POLICY)
  const base = {
    rpc: request.rpc,
    chainId: request.chainId,
    from: request.from,
    asset: request.asset,
    rows: request.rows,
    fees,
    ...(request.limits ? { limits: request.limits } : {})
  }
  const batchContract = request.batchContract
  const unsupported = batchUnsupportedReason(request.asset, batchContract?.address)
  const options: PlanOption[] = [
    await option(PLAN_KIND.batch, () =>
      unsupported || !batchContract
        ? Promise.reject(new ChainError(CHAIN_ERROR.batchNotSupported, unsupported ?? ''))
        : planBatch({ ...base, batchContract })
    ),
    await option(PLAN_KIND.perRecipient, () => planPerRecipient(base))
  ]
  const available = options.flatMap((o) => (o.available ? [o.plan] : []))
  const best = [...available].sort(comparePlans)[0]
  const balances = await readPayerBalances(request.rpc, request.from, request.asset)
  return {
    fees,
    options,
    ...(best ? { proposed: best.kind } : {}),
    balances,
    shortfalls: best ? findShortfalls(best, balances, request.native) : []
  }
}
