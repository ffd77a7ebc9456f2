// Runs in: main (plain Node). The payer's balances and the blocking shortfall check shown before
// anything is signed: the coin must cover the fee (at its maximum) plus, for a native payout, the
// total; the token must cover the total.
import { erc20Interface } from './batchContract'
import { CHAIN_ERROR, ChainError } from './errors'
import { toBigInt, type EthRpc } from './ethRpc'
import type { ExecutionPlan, PlanAsset } from './planTypes'

export interface PayerBalances {
  readonly native: bigint
  /** Present for token payouts. */
  readonly token?: bigint
}

export interface Shortfall {
  readonly asset: 'native' | 'token'
  readonly symbol: string
  readonly decimals: number
  readonly needed: bigint
  readonly available: bigint
  readonly missing: bigint
}

export async function readPayerBalances(rpc: EthRpc, from: string, asset: PlanAsset): Promise<PayerBalances> {
  const native = await rpc.balance(from)
  if (asset.kind === 'native') return { native }
  const raw = await rpc.call({ to: asset.address, data: erc20Interface.encodeFunctionData('balanceOf', [from]) })
  return { native, token: toBigInt(raw.slice(0, 66), 'token balance') }
}

export function findShortfalls(
  plan: ExecutionPlan,
  balances: PayerBalances,
  native: { symbol: string; decimals: number }
): Shortfall[] {
  const out: Shortfall[] = []
  const nativeNeeded = plan.maximumFee + (plan.asset.kind === 'native' ? plan.totalAmount : 0n)
  if (balances.native < nativeNeeded) {
    out.push({
      asset: 'native',
      ...native,
      needed: nativeNeeded,
      available: balances.native,
      missing: nativeNeeded - balances.native
    })
  }
  if (plan.asset.kind === 'erc20') {
    const available = balances.token ?? 0n
    if (available < plan.totalAmount) {
      out.push({
        asset: 'token',
        symbol: plan.asset.symbol,
        decimals: plan.asset.decimals,
        needed: plan.totalAmount,
        available,
        missing: plan.totalAmount - available
      })
    }
  }
  return out
}

export function shortfallError(shortfalls: readonly Shortfall[]): ChainError {
  const what = shortfalls.map((s) => s.symbol).join(' and ')
  return new ChainError(
    CHAIN_ERROR.shortfall,
    `The paying account does not hold enough ${what} for this payout and its network fee. Top it up, then try again.`,
    {
      details: { shortfalls }
    }
  )
}
