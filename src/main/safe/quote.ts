// Runs in: main (plain Node). The plan options of a payout from a Safe shown side by side before
// anyone signs: each route planned (or why it cannot be), the one proposed (fewest Safe
// transactions, so fewest owner signatures, then the lower fee) and the Safe's balance.
import { erc20Interface } from '../chain/batchContract'
import { sumRows } from '../chain/planTypes'
import type { SafeRouteName } from '../../shared/safe'
import { SAFE_ROUTE, planSafePayout, type SafePayoutPlan, type SafePlanRequest } from './plan'

export type SafePlanOption =
  | { readonly route: SafeRouteName; readonly available: true; readonly plan: SafePayoutPlan }
  | { readonly route: SafeRouteName; readonly available: false; readonly reason: string; readonly code: string }

export interface SafePayoutQuote {
  readonly options: readonly SafePlanOption[]
  /** Fewest Safe transactions (owner signatures) first, then the lower fee. */
  readonly proposed?: SafeRouteName
  /** The Safe's balance of the payout asset, and what is missing to pay the total (0n when enough). */
  readonly safeBalance: bigint
  readonly missing: bigint
}

export function compareSafePlans(a: SafePayoutPlan, b: SafePayoutPlan): number {
  if (a.transactions.length !== b.transactions.length) return a.transactions.length - b.transactions.length
  return a.estimatedFee < b.estimatedFee ? -1 : a.estimatedFee > b.estimatedFee ? 1 : 0
}

/** Both routes side by side, the proposal and the Safe's balance; sends nothing and signs nothing. */
export async function quoteSafePayout(request: SafePlanRequest): Promise<SafePayoutQuote> {
  const options: SafePlanOption[] = []
  for (const route of [SAFE_ROUTE.transfers, SAFE_ROUTE.batchContract]) {
    try {
      options.push({ route, available: true, plan: await planSafePayout(route, request) })
    } catch (e) {
      const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : ''
      if (!(e instanceof Error) || code === '' || code === 'RPC_TIMEOUT' || code === 'RPC_UNREACHABLE') throw e
      options.push({ route, available: false, reason: e.message, code })
    }
  }
  const best = options.flatMap((o) => (o.available ? [o.plan] : [])).sort(compareSafePlans)[0]
  const { asset, rpc } = request
  const safeBalance =
    asset.kind === 'native'
      ? await rpc.balance(request.safe.address)
      : BigInt(
          (
            await rpc.call({
              to: asset.address,
              data: erc20Interface.encodeFunctionData('balanceOf', [request.safe.address])
            })
          ).slice(0, 66)
        )
  const total = sumRows(request.rows)
  return {
    options,
    ...(best ? { proposed: best.route } : {}),
    safeBalance,
    missing: safeBalance >= total ? 0n : total - safeBalance
  }
}
