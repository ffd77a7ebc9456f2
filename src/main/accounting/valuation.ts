// Runs in: main (plain Node). Which rate values a payment or fee, and how it is described. A feed
// reading at the transaction's block comes first; where the network has no feed for the asset
// (or its round gave no rate) the rate a person typed for the payout is used; otherwise the value
// is missing, with the reason. EUR goes through the EUR/USD feed read at the same block (the
// asset's USD rate divided by it), or a typed EUR rate. Typed rates are parsed exactly.
import { RATE_BASIS } from '../chain/priceFeed'
import type { Catalogue } from '../domain/catalogue'
import { FIAT_CURRENCIES, type FiatCurrency } from '../domain/priceFeeds'
import { AppFailure } from '../../shared/errors'
import { notFound } from '../errors'
import { payoutRates, putRate, type StoredRate } from '../store/accountingRepo'
import { inTransaction, type OpenedDatabase } from '../store/db'
import { getPayoutRow } from '../store/payoutRepo'
import { utcOfUnixSeconds } from './unixTime'
import { decimalText, divide, parseDecimal, ratioOfDecimal, type Ratio } from './exact'

export const RATE_SOURCE = { chainlink: 'chainlink', manual: 'manual' } as const
export type RateSource = (typeof RATE_SOURCE)[keyof typeof RATE_SOURCE]

export interface RateUsed {
  readonly ok: true
  /** Fiat per whole unit of the base, exact. */
  readonly rate: Ratio
  readonly source: RateSource
  /** at_block, round_by_time, latest_fallback; manual for a typed rate. */
  readonly basis: string
  /** Where the rate came from, in words an auditor can follow. */
  readonly description: string
  /** Codes of what is wrong with it (rate_stale, rate_not_at_block, ...). */
  readonly issues: readonly string[]
}

export interface RateMissing {
  readonly ok: false
  readonly reason: string
}

export type RateLookup = (txHash: string, base: string) => RateUsed | RateMissing

const USD: FiatCurrency = 'USD'
const EUR: FiatCurrency = 'EUR'

/** How the round was chosen, in an auditor's words; an unknown basis is shown as stored. */
function basisWords(basis: string): string {
  switch (basis) {
    case RATE_BASIS.atBlock:
      return "read at the payment's block"
    case RATE_BASIS.roundByTime:
      return 'the last round published before the payment'
    case RATE_BASIS.latestFallback:
      return 'the latest round (the node could not read the payment’s block)'
    default:
      return basis
  }
}

/** A feed's update time (Unix seconds) as a UTC time, the way the books' dates are written. */
function feedTime(seconds: number | null): string {
  if (seconds === null || !Number.isSafeInteger(seconds) || seconds <= 0) return 'an unknown time'
  return utcOfUnixSeconds(seconds)
}

function describeReading(r: StoredRate): string {
  const round = r.roundId === null ? '' : `, round ${r.roundId} published ${feedTime(r.roundUpdatedAt)}`
  return `Chainlink ${r.feedDescription ?? `${r.base} / ${r.quote}`} feed ${r.feedAddress ?? ''}${round}: ${basisWords(r.basis)}`
}

function describeTyped(r: StoredRate): string {
  const note = r.note === '' ? '' : ` (${r.note})`
  return `typed by ${r.enteredBy} at ${r.enteredAt}: 1 ${r.base} = ${r.rate === null ? '?' : decimalText(r.rate)} ${r.quote}${note}`
}

/** A lookup over one payout's stored rates, valuing in `currency`. */
export function rateLookup(rates: readonly StoredRate[], currency: FiatCurrency): RateLookup {
  const readings = new Map<string, StoredRate>()
  const typed = new Map<string, StoredRate>()
  for (const r of rates) {
    if (r.source === RATE_SOURCE.chainlink && r.txHash !== null) readings.set(`${r.txHash}:${r.base}:${r.quote}`, r)
    // Later typed rates replace earlier ones: rates are listed oldest first.
    else if (r.source === RATE_SOURCE.manual) typed.set(`${r.base}:${r.quote}`, r)
  }
  const usable = (r: StoredRate | undefined): r is StoredRate & { rate: NonNullable<StoredRate['rate']> } =>
    r !== undefined && r.rate !== null
  return (txHash, base) => {
    const usd = readings.get(`${txHash}:${base}:${USD}`)
    const fromTyped = (): RateUsed | RateMissing => {
      const t = typed.get(`${base}:${currency}`)
      if (t?.rate === undefined || t.rate === null)
        return {
          ok: false,
          reason:
            usd !== undefined && usd.rate === null
              ? `The ${base} feed gave no rate (${usd.issues.map((i) => i.code).join(', ')}); type a ${base} rate in ${currency} for this payout.`
              : `No ${base} rate in ${currency}: no feed on this network; type the rate used for this payout.`
        }
      return {
        ok: true,
        rate: ratioOfDecimal(t.rate),
        source: RATE_SOURCE.manual,
        basis: t.basis,
        description: describeTyped(t),
        issues: []
      }
    }
    if (currency === USD) {
      if (!usable(usd)) return fromTyped()
      return {
        ok: true,
        rate: ratioOfDecimal(usd.rate),
        source: RATE_SOURCE.chainlink,
        basis: usd.basis,
        description: describeReading(usd),
        issues: usd.issues.map((i) => i.code)
      }
    }
    const eur = readings.get(`${txHash}:${EUR}:${USD}`)
    if (!usable(usd) || !usable(eur)) return fromTyped()
    return {
      ok: true,
      rate: divide(ratioOfDecimal(usd.rate), ratioOfDecimal(eur.rate)),
      source: RATE_SOURCE.chainlink,
      basis: usd.basis === eur.basis ? usd.basis : `${usd.basis}/${eur.basis}`,
      description: `${describeReading(usd)} divided by ${describeReading(eur)}`,
      issues: [...new Set([...usd.issues, ...eur.issues].map((i) => i.code))]
    }
  }
}

export interface TypedRateInput {
  readonly payoutId: string
  /** The symbol priced: the payout's asset or its network's native coin. */
  readonly base: string
  readonly currency: FiatCurrency
  /** Fiat per whole unit, as the person typed it ("0.4521"). */
  readonly rate: string
  readonly enteredBy: string
  readonly note?: string
}

/** Stores a rate a person typed for a payout (who, when, the exact text); returns the audit detail. */
export function setTypedRate(
  db: OpenedDatabase,
  catalogue: Catalogue,
  input: TypedRateInput,
  now: () => Date
): { readonly auditDetail: string } {
  const payout = getPayoutRow(db.read, input.payoutId)
  if (payout === undefined) throw notFound('Payout', input.payoutId)
  if (!(FIAT_CURRENCIES as readonly string[]).includes(input.currency))
    throw new AppFailure('rate_currency_unknown', `${input.currency} is not a currency the books are kept in.`)
  const symbols = [catalogue.asset(payout.assetId)?.symbol, catalogue.network(payout.chainId)?.nativeSymbol]
  if (!symbols.includes(input.base))
    throw new AppFailure(
      'rate_asset_unknown',
      `Payout ${payout.id} pays nothing in ${input.base}. Type a rate for ${symbols.filter(Boolean).join(' or ')}.`
    )
  const parsed = parseDecimal(input.rate)
  if (!parsed.ok) throw new AppFailure(`rate_${parsed.code}`, parsed.message)
  const enteredBy = input.enteredBy.trim()
  if (enteredBy === '') throw new AppFailure('rate_without_person', 'A typed rate needs the name of who typed it.')
  const at = now().toISOString()
  inTransaction(db.write, () =>
    putRate(db.write, {
      payoutId: payout.id,
      txHash: null,
      base: input.base,
      quote: input.currency,
      source: RATE_SOURCE.manual,
      rate: parsed.value,
      basis: 'manual',
      feedAddress: null,
      feedDescription: null,
      feedSource: null,
      roundId: null,
      roundUpdatedAt: null,
      issues: [],
      enteredBy,
      enteredAt: at,
      note: input.note?.trim() ?? ''
    })
  )
  return {
    auditDetail: `Rate typed by ${enteredBy}: 1 ${input.base} = ${decimalText(parsed.value)} ${input.currency}${input.note ? ` (${input.note.trim()})` : ''}`
  }
}

/** The lookup for a payout as stored now. */
export function payoutRateLookup(db: OpenedDatabase, payoutId: string, currency: FiatCurrency): RateLookup {
  return rateLookup(payoutRates(db.read, payoutId), currency)
}
