// Runs in: main (plain Node). The internal ledger: one entry per payment and one per network fee,
// built from the store (paid items with their transaction, final transactions with their fees,
// block times and rates captured by capture.ts), for one payout or every payout paid in a range of
// UTC dates. Every export is written from these entries. Amounts stay base units (bigint); fiat
// values are exact ratios, rounded to the cent only where a file shows them.
import type { Catalogue } from '../domain/catalogue'
import { NATIVE_DECIMALS } from '../domain/catalogue'
import type { FiatCurrency } from '../domain/priceFeeds'
import { AppFailure } from '../../shared/errors'
import { notFound } from '../errors'
import {
  finalTransactions,
  paidItems,
  payoutRates,
  payoutsPaidBetween,
  transactionFacts,
  type PaidItem
} from '../store/accountingRepo'
import type { OpenedDatabase } from '../store/db'
import { getPayoutRow } from '../store/payoutRepo'
import { fiatCents, fiatValue, type Ratio } from './exact'
import { rateLookup, type RateUsed } from './valuation'
import { utcOfUnixSeconds } from './unixTime'

export type LedgerEntryKind = 'payment' | 'fee'

export interface LedgerAsset {
  readonly symbol: string
  readonly decimals: number
  /** ERC-20 contract, or null for the native coin. */
  readonly tokenAddress: string | null
}

export interface LedgerFiat {
  readonly currency: FiatCurrency
  /** Fiat per whole unit of the asset, exact. */
  readonly rate: Ratio
  /** The entry's value, exact. */
  readonly value: Ratio
  /** The value rounded to the cent (FIAT_ROUNDING_RULE): what a file shows. */
  readonly cents: bigint
  readonly rateSource: RateUsed['source']
  readonly rateBasis: string
  readonly rateDescription: string
  readonly rateIssues: readonly string[]
}

export interface LedgerEntry {
  readonly kind: LedgerEntryKind
  readonly payoutId: string
  readonly payoutDescription: string
  /** The item's row for a payment; null for a fee. */
  readonly row: number | null
  /** Block time, ISO 8601 UTC; null when it has not been captured. */
  readonly dateUtc: string | null
  readonly blockNumber: bigint | null
  readonly chainId: number
  readonly network: string
  readonly txHash: string
  /** A fee of a transaction that reverted: paid, though it paid nobody. */
  readonly txReverted: boolean
  readonly from: string
  /** The recipient for a payment; empty for a fee. */
  readonly to: string
  readonly payee: string
  /** What moved and how much, in base units: the paid asset for a payment, the native coin for a fee. */
  readonly asset: LedgerAsset
  readonly amount: bigint
  /** Where a fee's amount comes from: the receipt read by capture (with any L1 fee) or the journal. */
  readonly feeSource: 'receipt' | 'journal' | null
  readonly fiat: LedgerFiat | { readonly currency: FiatCurrency; readonly missing: string }
  readonly memo: string
  readonly reference: string
  readonly category: string
  readonly costCenter: string
}

export type LedgerScope = { readonly payoutId: string } | { readonly from: string; readonly to: string }

export interface Ledger {
  readonly entries: LedgerEntry[]
  /** The UTC dates the entries span (YYYY-MM-DD), or the range asked for. */
  readonly from: string | null
  readonly to: string | null
  readonly payoutIds: readonly string[]
  /** What the ledger could not include or value, in words. */
  readonly warnings: string[]
}

const ISO_DAY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/
const SECONDS_PER_DAY = 86_400

/** UTC day [start, end] in unix seconds; throws an AppFailure for a date that does not exist. */
export function dayBounds(from: string, to: string): { start: number; end: number } {
  const seconds = (day: string): number => {
    const ms = Date.parse(`${day}T00:00:00Z`)
    if (!ISO_DAY.test(day) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day)
      throw new AppFailure('date_invalid', `"${day}" is not a date. Write it as YYYY-MM-DD, e.g. 2026-05-31.`)
    return ms / 1000
  }
  const start = seconds(from)
  const end = seconds(to) + SECONDS_PER_DAY - 1
  if (end < start) throw new AppFailure('date_range_reversed', `The range ends (${to}) before it starts (${from}).`)
  return { start, end }
}

/** The payouts a ledger of `scope` covers, and for a range, its bounds in unix seconds. */
export function ledgerPayouts(
  db: OpenedDatabase,
  scope: LedgerScope
): { readonly payoutIds: string[]; readonly bounds: { start: number; end: number } | undefined } {
  if ('payoutId' in scope) {
    if (getPayoutRow(db.read, scope.payoutId) === undefined) throw notFound('Payout', scope.payoutId)
    return { payoutIds: [scope.payoutId], bounds: undefined }
  }
  const bounds = dayBounds(scope.from, scope.to)
  return { payoutIds: payoutsPaidBetween(db.read, bounds.start, bounds.end), bounds }
}

export function buildLedger(
  db: OpenedDatabase,
  catalogue: Catalogue,
  scope: LedgerScope,
  currency: FiatCurrency = 'USD'
): Ledger {
  const warnings: string[] = []
  const { payoutIds, bounds } = ledgerPayouts(db, scope)
  const entries: LedgerEntry[] = []
  for (const id of payoutIds) entries.push(...payoutEntries(db, catalogue, id, currency, warnings, bounds))
  const days = entries
    .map((e) => e.dateUtc?.slice(0, 10))
    .filter((d): d is string => d !== undefined)
    .sort()
  return {
    entries,
    from: 'from' in scope ? scope.from : (days[0] ?? null),
    to: 'to' in scope ? scope.to : (days[days.length - 1] ?? null),
    payoutIds,
    warnings
  }
}

function payoutEntries(
  db: OpenedDatabase,
  catalogue: Catalogue,
  payoutId: string,
  currency: FiatCurrency,
  warnings: string[],
  bounds: { start: number; end: number } | undefined
): LedgerEntry[] {
  const payout = getPayoutRow(db.read, payoutId)!
  const catalogueAsset = catalogue.asset(payout.assetId)
  const network = catalogue.network(payout.chainId)
  if (catalogueAsset === undefined || network === undefined) {
    warnings.push(`Payout ${payoutId} pays in ${payout.assetId}, which the catalogue no longer lists; it is left out.`)
    return []
  }
  const asset: LedgerAsset = {
    symbol: catalogueAsset.symbol,
    decimals: catalogueAsset.decimals,
    tokenAddress: catalogueAsset.tokenAddress
  }
  const native: LedgerAsset = { symbol: network.nativeSymbol, decimals: NATIVE_DECIMALS, tokenAddress: null }
  const value = rateLookup(payoutRates(db.read, payoutId), currency)
  const byTx = new Map<string, PaidItem[]>()
  for (const item of paidItems(db.read, payoutId)) {
    const list = byTx.get(item.txHash)
    if (list === undefined) byTx.set(item.txHash, [item])
    else list.push(item)
  }
  const entries: LedgerEntry[] = []
  for (const tx of finalTransactions(db.read, payoutId)) {
    const facts = transactionFacts(db.read, tx.hash)
    if (facts === undefined)
      warnings.push(`Transaction ${tx.hash} of payout ${payoutId} has no block time captured yet; capture it first.`)
    if (
      bounds !== undefined &&
      (facts === undefined || facts.blockTimestamp < bounds.start || facts.blockTimestamp > bounds.end)
    )
      continue
    const common = {
      payoutId,
      payoutDescription: payout.description,
      dateUtc: facts === undefined ? null : utcOfUnixSeconds(facts.blockTimestamp),
      blockNumber: facts?.blockNumber ?? tx.blockNumber,
      chainId: payout.chainId,
      network: network.name,
      txHash: tx.hash,
      txReverted: facts !== undefined && !facts.success,
      from: tx.from
    }
    const fiatOf = (base: LedgerAsset, amount: bigint): LedgerEntry['fiat'] => {
      const r = value(tx.hash, base.symbol)
      if (!r.ok) return { currency, missing: r.reason }
      const v = fiatValue(amount, base.decimals, r.rate)
      return {
        currency,
        rate: r.rate,
        value: v,
        cents: fiatCents(v),
        rateSource: r.source,
        rateBasis: r.basis,
        rateDescription: r.description,
        rateIssues: r.issues
      }
    }
    for (const item of byTx.get(tx.hash) ?? [])
      entries.push({
        ...common,
        kind: 'payment',
        row: item.row,
        to: item.address,
        payee: item.name,
        asset,
        amount: item.amount,
        feeSource: null,
        fiat: fiatOf(asset, item.amount),
        memo: item.note,
        reference: item.reference,
        category: item.category,
        costCenter: item.costCenter
      })
    const fee = facts?.feePaid ?? tx.feePaid
    if (fee === null) {
      warnings.push(`Transaction ${tx.hash} of payout ${payoutId} has no recorded fee; capture its receipt.`)
      continue
    }
    entries.push({
      ...common,
      kind: 'fee',
      row: null,
      to: '',
      payee: `${network.name} network fee`,
      asset: native,
      amount: fee,
      feeSource: facts === undefined ? 'journal' : 'receipt',
      fiat: fiatOf(native, fee),
      memo: `Network fee (${tx.purpose}${common.txReverted ? ', reverted' : ''})`,
      reference: payoutId,
      category: '',
      costCenter: ''
    })
  }
  // One line per reason, not per row: a payout of 100,000 rows without a rate is one problem.
  const missing = new Map<string, number>()
  for (const e of entries) if ('missing' in e.fiat) missing.set(e.fiat.missing, (missing.get(e.fiat.missing) ?? 0) + 1)
  for (const [reason, count] of missing)
    warnings.push(
      `Payout ${payoutId}: ${count} ${count === 1 ? 'entry has' : 'entries have'} no ${currency} value. ${reason}`
    )
  return entries
}

export function describeEntry(e: Pick<LedgerEntry, 'kind' | 'payoutId' | 'row' | 'txHash'>): string {
  return e.kind === 'payment' ? `Payout ${e.payoutId} row ${e.row}` : `Fee of ${e.txHash} (payout ${e.payoutId})`
}
