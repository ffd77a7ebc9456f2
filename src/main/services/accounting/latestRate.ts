// Runs in: main (plain Node). The rate a payout not yet paid is estimated at: the feed's latest
// round on the payout's network (EUR through the EUR/USD feed), or else the rate typed for the
// payout. Only for estimates: the books take the rate at the block of payment (capture.ts).
import type { FiatCurrency, FeedDirectory } from '../../domain/priceFeeds'
import type { EthRpc } from '../../chain/ethRpc'
import { readRateAtBlock } from '../../chain/priceFeed'
import { divide, ratioOfDecimal, type ExactDecimal, type Ratio } from '../../accounting/exact'
import { RATE_SOURCE } from '../../accounting/valuation'
import { payoutRates } from '../../store/accountingRepo'
import type { OpenedDatabase } from '../../store/db'
import type { StoredPayout } from '../../store/payoutRepo'

export type LatestRate =
  | { readonly ok: true; readonly rate: Ratio; readonly decimal?: ExactDecimal; readonly description: string }
  | { readonly ok: false; readonly reason: string }

export interface LatestRateDeps {
  readonly db: OpenedDatabase
  readonly feeds: FeedDirectory
  readonly rpc: () => EthRpc
}

const USD = 'USD'

async function feedRate(
  deps: LatestRateDeps,
  chainId: number,
  base: string
): Promise<{ ok: true; rate: ExactDecimal; description: string } | { ok: false; reason: string }> {
  const feed = deps.feeds.feed(chainId, base)
  if (feed === undefined) return { ok: false, reason: `No price feed for ${base} on this network.` }
  const rpc = deps.rpc()
  const block = await rpc.block('latest')
  if (block === undefined) return { ok: false, reason: 'The network gave no latest block.' }
  const reading = await readRateAtBlock(rpc, feed, { number: block.number, timestamp: block.timestamp })
  if (!reading.ok) return { ok: false, reason: reading.issue.message }
  const stale = reading.warnings.length === 0 ? '' : ` (${reading.warnings.map((w) => w.code).join(', ')})`
  return {
    ok: true,
    rate: reading.rate,
    description: `Chainlink ${reading.description} round ${reading.round.roundId}${stale}`
  }
}

function typedRate(deps: LatestRateDeps, payout: StoredPayout, base: string, currency: FiatCurrency): LatestRate {
  const typed = payoutRates(deps.db.read, payout.id)
    .filter((r) => r.source === RATE_SOURCE.manual && r.base === base && r.quote === currency && r.rate !== null)
    .pop()
  if (typed?.rate === undefined || typed.rate === null)
    return {
      ok: false,
      reason: `No ${base} rate in ${currency}: no feed gives one and none was typed for this payout.`
    }
  return {
    ok: true,
    rate: ratioOfDecimal(typed.rate),
    decimal: typed.rate,
    description: `typed by ${typed.enteredBy} at ${typed.enteredAt}`
  }
}

export async function latestRate(
  deps: LatestRateDeps,
  payout: StoredPayout,
  base: string,
  currency: FiatCurrency
): Promise<LatestRate> {
  try {
    const usd = await feedRate(deps, payout.chainId, base)
    if (!usd.ok) return typedOr(deps, payout, base, currency, usd.reason)
    if (currency === USD)
      return { ok: true, rate: ratioOfDecimal(usd.rate), decimal: usd.rate, description: usd.description }
    const eur = await feedRate(deps, payout.chainId, currency)
    if (!eur.ok) return typedOr(deps, payout, base, currency, eur.reason)
    return {
      ok: true,
      rate: divide(ratioOfDecimal(usd.rate), ratioOfDecimal(eur.rate)),
      description: `${usd.description} divided by ${eur.description}`
    }
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).trim()
    const why = `The price feed could not be read: ${/[.!?]$/.test(message) ? message : `${message}.`}`
    return typedOr(deps, payout, base, currency, why)
  }
}

function typedOr(
  deps: LatestRateDeps,
  payout: StoredPayout,
  base: string,
  currency: FiatCurrency,
  feedReason: string
): LatestRate {
  const typed = typedRate(deps, payout, base, currency)
  return typed.ok ? typed : { ok: false, reason: `${feedReason} ${typed.reason}` }
}
