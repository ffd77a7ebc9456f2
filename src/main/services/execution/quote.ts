// Runs in: main (plain Node). What the user sees before anything is signed: each plan side by side
// (transactions, device confirmations, estimated fee, clear or hash display) or why it is not
// offered, the proposed plan, the payer's balances and any blocking shortfall. Plain data with
// amounts as base-unit strings, because it crosses IPC to the renderer.
import {
  ChainError,
  PLAN_KIND,
  findShortfalls,
  proposePlan,
  readPayerBalances,
  summarizePlan,
  type ExecutionPlan,
  type PlanKind,
  type Shortfall
} from '../../chain'
import { NATIVE_DECIMALS } from '../../domain/catalogue'
import { AppFailure } from '../../errors'
import type {
  ExecutionQuoteView as ExecutionQuote,
  PlanOptionView as PlanOption,
  ShortfallView
} from '../../../shared/execution'
import { buildPlan, batchUnavailable, toAppFailure, type PlanContext, type RowProblem } from './planning'

// The shapes the renderer sees are declared once, in the contract.
export type {
  ShortfallView,
  PlanOptionView as PlanOption,
  ExecutionQuoteView as ExecutionQuote
} from '../../../shared/execution'

const PLAN_ORDER: readonly PlanKind[] = [PLAN_KIND.batch, PLAN_KIND.perRecipient]

export function shortfallView(s: Shortfall): ShortfallView {
  return {
    asset: s.asset,
    symbol: s.symbol,
    decimals: s.decimals,
    neededBaseUnits: s.needed.toString(),
    availableBaseUnits: s.available.toString(),
    missingBaseUnits: s.missing.toString()
  }
}

function unavailable(kind: PlanKind, error: unknown): PlanOption {
  const failure = toAppFailure(error)
  if (!(failure instanceof AppFailure)) throw error
  const details = failure.details as { rows?: readonly RowProblem[] } | undefined
  return { kind, available: false, code: failure.code, reason: failure.message, rows: details?.rows ?? [] }
}

export async function buildQuote(
  ctx: PlanContext,
  head: { payoutId: string; accountPath: string; assetSymbol: string; assetDecimals: number }
): Promise<ExecutionQuote> {
  const plans: ExecutionPlan[] = []
  const options: PlanOption[] = []
  const balances = await readPayerBalances(ctx.rpc, ctx.from, ctx.asset)
  const native = { symbol: ctx.network.nativeSymbol, decimals: NATIVE_DECIMALS }
  for (const kind of PLAN_ORDER) {
    const notOffered = kind === PLAN_KIND.batch ? batchUnavailable(ctx) : undefined
    if (notOffered !== undefined) {
      options.push({ kind, available: false, code: 'batch_not_supported', reason: notOffered, rows: [] })
      continue
    }
    try {
      const plan = await buildPlan(kind, ctx)
      plans.push(plan)
      const s = summarizePlan(plan)
      options.push({
        kind,
        available: true,
        transactions: s.transactions,
        deviceConfirmations: s.deviceConfirmations,
        estimatedFeeBaseUnits: s.estimatedFee.toString(),
        maximumFeeBaseUnits: s.maximumFee.toString(),
        display: s.display,
        shortfalls: findShortfalls(plan, balances, native).map(shortfallView)
      })
    } catch (e) {
      // A plan that cannot be built is shown with its reason; transport failures stop the quote.
      if (!(e instanceof ChainError) || e.maybeSent || e.code.startsWith('RPC_')) throw toAppFailure(e)
      options.push(unavailable(kind, e))
    }
  }
  const proposed = proposePlan(plans)?.kind ?? null
  const proposedOption = options.find((o) => o.kind === proposed)
  return {
    payoutId: head.payoutId,
    chainId: ctx.network.chainId,
    payer: ctx.from,
    accountPath: head.accountPath,
    assetSymbol: head.assetSymbol,
    assetDecimals: head.assetDecimals,
    nativeSymbol: ctx.network.nativeSymbol,
    totalBaseUnits: ctx.rows.reduce((sum, r) => sum + r.amount, 0n).toString(),
    recipients: ctx.rows.length,
    plans: options,
    proposed,
    balances: {
      nativeBaseUnits: balances.native.toString(),
      tokenBaseUnits: balances.token === undefined ? null : balances.token.toString()
    },
    canExecute: proposedOption?.available === true && proposedOption.shortfalls.length === 0
  }
}
