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
import { CHAIN_ERROR } from '../../chain/errors'
import { rowProblems } from '../../chain/simulate'
import { NATIVE_DECIMALS } from '../../domain/catalogue'
import type { ExecutionQuoteView, PlanOptionView, ShortfallView } from '../../../shared/execution'
import { buildPlan, batchUnavailable, type PlanContext } from './planning'

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

function unavailable(kind: PlanKind, failure: ChainError): PlanOptionView {
  return { kind, available: false, code: failure.code, reason: failure.message, rows: [...rowProblems(failure)] }
}

/** Transport failures stop the whole quote; any other refusal only makes one plan unavailable. */
function isTransportFailure(e: ChainError): boolean {
  return e.maybeSent || e.code.startsWith('rpc_')
}

export async function buildQuote(
  ctx: PlanContext,
  head: { payoutId: string; accountPath: string; assetSymbol: string; assetDecimals: number }
): Promise<ExecutionQuoteView> {
  const plans: ExecutionPlan[] = []
  const options: PlanOptionView[] = []
  const balances = await readPayerBalances(ctx.rpc, ctx.from, ctx.asset)
  const native = { symbol: ctx.network.nativeSymbol, decimals: NATIVE_DECIMALS }
  for (const kind of PLAN_ORDER) {
    const notOffered = kind === PLAN_KIND.batch ? batchUnavailable(ctx) : undefined
    if (notOffered !== undefined) {
      options.push({ kind, available: false, code: CHAIN_ERROR.batchNotSupported, reason: notOffered, rows: [] })
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
      if (!(e instanceof ChainError) || isTransportFailure(e)) throw e
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
