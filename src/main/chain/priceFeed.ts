// Runs in: main (plain Node). Reads a Chainlink AggregatorV3 feed through the network's own
// endpoint: the rate in effect at the block of a payment. First latestRoundData at that block
// (needs the node to keep that block's state). A node without archive state cannot answer that,
// so the feed's own round history is searched instead (getRoundData at the latest block, for the
// last round updated at or before the payment); only when that fails too is the latest round
// used. Whatever was used is recorded as the reading's basis, with its round and update time,
// never silently. Broken rounds (no positive answer, never updated, carried over) give no rate;
// an old round gives a rate marked stale.
import { Interface } from 'ethers'
import type { LocatedFeed } from '../domain/priceFeeds'
import { ChainError } from './errors'
import type { EthRpc } from './ethRpc'

export const AGGREGATOR_V3_ABI = [
  'function decimals() view returns (uint8)',
  'function description() view returns (string)',
  'function getRoundData(uint80 roundId) view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)',
  'function latestRoundData() view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)'
] as const
const aggregator = new Interface(AGGREGATOR_V3_ABI)

export interface FeedRound {
  readonly roundId: bigint
  readonly answer: bigint
  readonly startedAt: bigint
  readonly updatedAt: bigint
  readonly answeredInRound: bigint
}

/** How the round was chosen: at the payment's block, by its update time, or the latest (marked). */
export const RATE_BASIS = {
  atBlock: 'at_block',
  roundByTime: 'round_by_time',
  latestFallback: 'latest_fallback'
} as const
export type RateBasis = (typeof RATE_BASIS)[keyof typeof RATE_BASIS]

export const FEED_ISSUE = {
  /** No positive answer: the round holds no price. */
  answerNotPositive: 'round_answer_not_positive',
  /** updatedAt is 0: the round was started and never completed. */
  incomplete: 'round_incomplete',
  /** answeredInRound < roundId: the answer was carried over from an earlier round. */
  carriedOver: 'round_carried_over',
  /** The round is older than the feed's heartbeat plus the margin, at the payment's time. */
  stale: 'rate_stale',
  /** The node kept no state for the payment's block; another basis was used. */
  notAtBlock: 'rate_not_at_block',
  /** The round used was published after the payment (only with the latest-round fallback). */
  afterPayment: 'rate_after_payment',
  /** decimals() or description() disagree with the catalogue: the address is not the feed it should be. */
  mismatch: 'feed_mismatch',
  /** The feed could not be read at all (no contract, endpoint failure). */
  unreadable: 'feed_unreadable'
} as const
export type FeedIssueCode = (typeof FEED_ISSUE)[keyof typeof FEED_ISSUE]

export interface FeedIssue {
  readonly code: FeedIssueCode
  readonly message: string
}

export interface FeedReading {
  readonly ok: true
  readonly feed: LocatedFeed
  readonly description: string
  readonly decimals: number
  readonly round: FeedRound
  /** The answer at the feed's decimals: one unit of the base is worth this many quote units. */
  readonly rate: { readonly units: bigint; readonly scale: number }
  readonly basis: RateBasis
  /** Stale, or read by another basis than the block: the rate stands, with these said. */
  readonly warnings: readonly FeedIssue[]
}

export interface FeedFailure {
  readonly ok: false
  readonly feed: LocatedFeed
  readonly issue: FeedIssue
}

export interface PaymentBlock {
  readonly number: bigint
  /** Unix seconds of the block, as the chain reports it. */
  readonly timestamp: bigint
}

/** Staleness margin over the heartbeat: a tenth of it, and never less than a minute. */
const MARGIN_FRACTION = 10n
const MIN_MARGIN_SECONDS = 60n
/** The low 64 bits of a proxy round id are the aggregator's round; the bits above are the phase. */
const PHASE_SHIFT = 64n
const AGGREGATOR_ROUND_MASK = (1n << PHASE_SHIFT) - 1n
/** A binary search over a phase's rounds needs at most 64 steps; a bound keeps a lying node finite. */
const MAX_SEARCH_STEPS = 70

export function staleAfterSeconds(feed: Pick<LocatedFeed, 'heartbeatSeconds'>): bigint {
  const heartbeat = BigInt(feed.heartbeatSeconds)
  const margin = heartbeat / MARGIN_FRACTION
  return heartbeat + (margin > MIN_MARGIN_SECONDS ? margin : MIN_MARGIN_SECONDS)
}

function decodeRound(data: string, fn: 'latestRoundData' | 'getRoundData'): FeedRound {
  const [roundId, answer, startedAt, updatedAt, answeredInRound] = aggregator.decodeFunctionResult(
    fn,
    data
  ) as unknown as [bigint, bigint, bigint, bigint, bigint]
  return { roundId, answer, startedAt, updatedAt, answeredInRound }
}

function nodeMessage(e: unknown): string {
  if (e instanceof ChainError) {
    const details = e.details as { rpcMessage?: unknown } | undefined
    return typeof details?.rpcMessage === 'string' ? details.rpcMessage : e.message
  }
  return e instanceof Error ? e.message : String(e)
}

async function readLatest(rpc: EthRpc, address: string, block: bigint | 'latest'): Promise<FeedRound> {
  const data = await rpc.call({ to: address, data: aggregator.encodeFunctionData('latestRoundData') }, block)
  return decodeRound(data, 'latestRoundData')
}

/** A round by its proxy id at the latest block, or undefined when the feed has no such round. */
async function readRound(rpc: EthRpc, address: string, roundId: bigint): Promise<FeedRound | undefined> {
  try {
    const data = await rpc.call({ to: address, data: aggregator.encodeFunctionData('getRoundData', [roundId]) })
    return decodeRound(data, 'getRoundData')
  } catch (e) {
    if (e instanceof ChainError) return undefined
    throw e
  }
}

async function readInfo(rpc: EthRpc, address: string): Promise<{ decimals: number; description: string }> {
  const [decimals, description] = await Promise.all([
    rpc.call({ to: address, data: aggregator.encodeFunctionData('decimals') }),
    rpc.call({ to: address, data: aggregator.encodeFunctionData('description') })
  ])
  return {
    decimals: Number(aggregator.decodeFunctionResult('decimals', decimals)[0] as bigint),
    description: String(aggregator.decodeFunctionResult('description', description)[0])
  }
}

/** Why a round gives no rate, or undefined when it is complete. */
export function brokenRound(round: FeedRound): FeedIssue | undefined {
  if (round.updatedAt === 0n)
    return { code: FEED_ISSUE.incomplete, message: `Round ${round.roundId} was started but never completed.` }
  if (round.answer <= 0n)
    return {
      code: FEED_ISSUE.answerNotPositive,
      message: `Round ${round.roundId} answered ${round.answer}, which is no price.`
    }
  if (round.answeredInRound < round.roundId)
    return {
      code: FEED_ISSUE.carriedOver,
      message: `Round ${round.roundId} carries the answer of round ${round.answeredInRound}: the feed did not complete a new one.`
    }
  return undefined
}

/**
 * The last round of the latest round's phase updated at or before `timestamp`, found by binary
 * search over its round numbers (update times only grow within a phase). Undefined when every
 * round of the phase is later, or the feed's history cannot be read.
 */
async function roundInEffectAt(
  rpc: EthRpc,
  address: string,
  latest: FeedRound,
  timestamp: bigint
): Promise<FeedRound | undefined> {
  if (latest.updatedAt <= timestamp) return latest
  const phase = latest.roundId >> PHASE_SHIFT
  const id = (n: bigint): bigint => (phase << PHASE_SHIFT) | n
  let low = 0n
  let lowRound: FeedRound | undefined
  let high = latest.roundId & AGGREGATOR_ROUND_MASK
  for (let step = 0; high - low > 1n && step < MAX_SEARCH_STEPS; step++) {
    const middle = (low + high) / 2n
    const round = await readRound(rpc, address, id(middle))
    if (round !== undefined && round.updatedAt !== 0n && round.updatedAt <= timestamp) {
      low = middle
      lowRound = round
    } else high = middle
  }
  return lowRound
}

/**
 * The rate of `feed` in effect at `block`. Never throws for a feed problem: a failure says why, a
 * reading says how it was found and what is wrong with it (stale, not at the block).
 */
export async function readRateAtBlock(
  rpc: EthRpc,
  feed: LocatedFeed,
  block: PaymentBlock
): Promise<FeedReading | FeedFailure> {
  const fail = (code: FeedIssueCode, message: string): FeedFailure => ({ ok: false, feed, issue: { code, message } })
  const name = `${feed.base}/${feed.quote} feed ${feed.address}`
  let info: { decimals: number; description: string }
  try {
    info = await readInfo(rpc, feed.address)
  } catch (e) {
    return fail(FEED_ISSUE.unreadable, `The ${name} could not be read: ${nodeMessage(e)}`)
  }
  if (info.decimals !== feed.decimals || !feed.descriptions.includes(info.description))
    return fail(
      FEED_ISSUE.mismatch,
      `The ${name} says it is "${info.description}" with ${info.decimals} decimals; the catalogue expects "${feed.descriptions.join('" or "')}" with ${feed.decimals}. No rate is taken from it.`
    )
  const warnings: FeedIssue[] = []
  let round: FeedRound
  let basis: RateBasis = RATE_BASIS.atBlock
  try {
    round = await readLatest(rpc, feed.address, block.number)
  } catch (atBlockError) {
    let latest: FeedRound
    try {
      latest = await readLatest(rpc, feed.address, 'latest')
    } catch (e) {
      return fail(FEED_ISSUE.unreadable, `The ${name} could not be read: ${nodeMessage(e)}`)
    }
    const found = await roundInEffectAt(rpc, feed.address, latest, block.timestamp)
    round = found ?? latest
    basis = found === undefined ? RATE_BASIS.latestFallback : RATE_BASIS.roundByTime
    warnings.push({
      code: FEED_ISSUE.notAtBlock,
      message:
        found === undefined
          ? `The node could not read the ${name} at block ${block.number} (${nodeMessage(atBlockError)}) and its round history holds no round before the payment: the latest round ${round.roundId}, updated at ${round.updatedAt}, was used.`
          : `The node could not read the ${name} at block ${block.number} (${nodeMessage(atBlockError)}): round ${round.roundId}, the last one updated before the payment (at ${round.updatedAt}), was used.`
    })
    if (round.updatedAt > block.timestamp)
      warnings.push({
        code: FEED_ISSUE.afterPayment,
        message: `Round ${round.roundId} was published at ${round.updatedAt}, after the payment at ${block.timestamp}.`
      })
  }
  const broken = brokenRound(round)
  if (broken !== undefined) return { ok: false, feed, issue: broken }
  const age = block.timestamp - round.updatedAt
  if (age > staleAfterSeconds(feed))
    warnings.push({
      code: FEED_ISSUE.stale,
      message: `Round ${round.roundId} was ${age} seconds old at the payment; the ${feed.base}/${feed.quote} feed updates at least every ${feed.heartbeatSeconds} seconds.`
    })
  return {
    ok: true,
    feed,
    description: info.description,
    decimals: info.decimals,
    round,
    rate: { units: round.answer, scale: info.decimals },
    basis,
    warnings
  }
}
