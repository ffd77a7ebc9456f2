// Runs in: main (plain Node). Captures, once a payout's transactions are final, what the books will
// need and the journal does not keep: each transaction's block time and receipt fee (with a
// rollup's L1 fee), and the rates at its block from the network's Chainlink feeds: the paid
// asset's (payments), the native coin's (fees) and EUR/USD (to value in EUR). Idempotent: what is
// already captured is kept unless a refresh is asked for. A feed that gives no rate is stored as
// such, with its reason, so the ledger can say why a value is missing and a person can type one.
import type { Catalogue } from '../domain/catalogue'
import type { FeedDirectory, FiatCurrency, LocatedFeed } from '../domain/priceFeeds'
import { notFound } from '../errors'
import type { EthRpc } from '../chain/ethRpc'
import { readRateAtBlock, type FeedFailure, type FeedReading } from '../chain/priceFeed'
import { receiptFee } from '../chain/txEvidence'
import {
  finalTransactions,
  payoutRates,
  putRate,
  putTransactionFacts,
  transactionFacts,
  type TransactionFacts
} from '../store/accountingRepo'
import { inTransaction, type OpenedDatabase } from '../store/db'
import { getPayoutRow } from '../store/payoutRepo'

export interface CaptureDeps {
  readonly db: OpenedDatabase
  /** The endpoint of the payout's own network. */
  readonly rpc: EthRpc
  readonly catalogue: Catalogue
  readonly feeds: FeedDirectory
  readonly now: () => Date
}

export interface CaptureOptions {
  /** Read everything again, replacing earlier facts and feed readings (typed rates are kept). */
  readonly refresh?: boolean
  /** Currencies the books are kept in; EUR adds the EUR/USD reading. Default USD. */
  readonly currencies?: readonly FiatCurrency[]
}

export interface CaptureNote {
  readonly txHash: string
  readonly base?: string
  readonly code: string
  readonly message: string
}

export interface CaptureResult {
  readonly transactions: number
  readonly factsRead: number
  readonly ratesRead: number
  /** Rates that could not be had (no feed on this network, a broken round) and transactions without a receipt. */
  readonly gaps: readonly CaptureNote[]
  /** Rates taken with a warning (stale, not read at the block). */
  readonly warnings: readonly CaptureNote[]
}

export const CAPTURE_GAP = {
  noReceipt: 'no_receipt',
  noFeed: 'no_feed'
} as const

/** Reads and stores the accounting facts and rates of a payout's final transactions. */
export async function captureAccounting(
  deps: CaptureDeps,
  payoutId: string,
  options: CaptureOptions = {}
): Promise<CaptureResult> {
  const { db, rpc, catalogue } = deps
  const payout = getPayoutRow(db.read, payoutId)
  if (payout === undefined) throw notFound('Payout', payoutId)
  const asset = catalogue.asset(payout.assetId)
  const network = catalogue.network(payout.chainId)
  const refresh = options.refresh === true
  const gaps: CaptureNote[] = []
  const warnings: CaptureNote[] = []
  let factsRead = 0
  let ratesRead = 0
  const txs = finalTransactions(db.read, payoutId)
  const stored = new Set(
    payoutRates(db.read, payoutId)
      .filter((r) => r.source === 'chainlink' && r.txHash !== null)
      .map((r) => `${r.txHash}:${r.base}`)
  )
  // One reading per feed and block: the transactions of one block share it.
  const readings = new Map<string, Promise<FeedReading | FeedFailure>>()
  const readAt = (feed: LocatedFeed, facts: TransactionFacts) => {
    const key = `${feed.address}:${facts.blockNumber}`
    let reading = readings.get(key)
    if (reading === undefined) {
      reading = readRateAtBlock(rpc, feed, { number: facts.blockNumber, timestamp: BigInt(facts.blockTimestamp) })
      readings.set(key, reading)
    }
    return reading
  }

  for (const tx of txs) {
    let facts = refresh ? undefined : transactionFacts(db.read, tx.hash)
    if (facts === undefined) {
      const receipt = await rpc.receipt(tx.hash)
      if (receipt === undefined) {
        gaps.push({
          txHash: tx.hash,
          code: CAPTURE_GAP.noReceipt,
          message: `The network has no receipt for ${tx.hash}: it was never mined, so it has no block time and cost no fee.`
        })
        continue
      }
      const block = await rpc.block(receipt.blockNumber)
      if (block === undefined) throw new Error(`The network has no block ${receipt.blockNumber} for ${tx.hash}`)
      facts = {
        txHash: tx.hash,
        blockNumber: receipt.blockNumber,
        blockHash: receipt.blockHash,
        blockTimestamp: Number(block.timestamp),
        success: receipt.success,
        gasUsed: receipt.gasUsed,
        effectiveGasPrice: receipt.effectiveGasPrice,
        l1Fee: receipt.l1Fee ?? null,
        feePaid: receiptFee(receipt),
        readAt: deps.now().toISOString()
      }
      const write = facts
      inTransaction(db.write, () => putTransactionFacts(db.write, write))
      factsRead++
    }
    const bases = new Set<string>()
    if (tx.purpose === 'payment' && asset !== undefined) bases.add(asset.symbol)
    if (network !== undefined) bases.add(network.nativeSymbol)
    if (options.currencies?.includes('EUR') === true) bases.add('EUR')
    for (const base of bases) {
      if (!refresh && stored.has(`${tx.hash}:${base}`)) continue
      const feed = deps.feeds.feed(payout.chainId, base)
      if (feed === undefined) {
        gaps.push({
          txHash: tx.hash,
          base,
          code: CAPTURE_GAP.noFeed,
          message: `No price feed for ${base} on ${network?.name ?? `chain ${payout.chainId}`}: type the rate used for this payout.`
        })
        continue
      }
      const result = await readAt(feed, facts)
      const at = deps.now().toISOString()
      inTransaction(db.write, () => putRate(db.write, rateRecord(payoutId, tx.hash, base, result, at)))
      ratesRead++
      if (!result.ok) gaps.push({ txHash: tx.hash, base, code: result.issue.code, message: result.issue.message })
      else for (const w of result.warnings) warnings.push({ txHash: tx.hash, base, code: w.code, message: w.message })
    }
  }
  return { transactions: txs.length, factsRead, ratesRead, gaps, warnings }
}

function rateRecord(payoutId: string, txHash: string, base: string, r: FeedReading | FeedFailure, at: string) {
  return {
    payoutId,
    txHash,
    base,
    quote: r.feed.quote,
    source: 'chainlink' as const,
    rate: r.ok ? r.rate : null,
    basis: r.ok ? r.basis : 'none',
    feedAddress: r.feed.address,
    feedDescription: r.ok ? r.description : null,
    feedSource: r.feed.source,
    roundId: r.ok ? r.round.roundId : null,
    roundUpdatedAt: r.ok ? Number(r.round.updatedAt) : null,
    issues: r.ok ? r.warnings : [r.issue],
    enteredBy: 'system',
    enteredAt: at,
    note: ''
  }
}
