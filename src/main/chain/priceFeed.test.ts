// Runs in: tests (plain Node, Vitest). The feed reader against an AggregatorV3-compatible feed
// deployed on anvil: the round at the payment's block, stale and broken rounds, a feed that is
// not what the catalogue says, and a node that keeps no old state (anvil --prune-history).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAnvil, type AnvilNode } from '../../test/anvil'
import { feedDeployer, PHASE_ONE, type FeedDeployer } from '../../test/priceFeedFixture'
import { EthRpc } from './ethRpc'
import { FEED_ISSUE, RATE_BASIS, readRateAtBlock, staleAfterSeconds, type FeedReading } from './priceFeed'
import { JsonRpcClient } from './rpc'

const HOUR = 3_600
const ETH_3000 = 3_000n * 10n ** 8n
const ETH_3100 = 3_100n * 10n ** 8n

let node: AnvilNode
let rpc: EthRpc
let feeds: FeedDeployer
let t0: bigint

async function blockAt(n: bigint) {
  const b = await rpc.block(n)
  if (b === undefined) throw new Error(`no block ${n}`)
  return { number: b.number, timestamp: b.timestamp }
}

function reading(r: Awaited<ReturnType<typeof readRateAtBlock>>): FeedReading {
  if (!r.ok) throw new Error(`expected a reading, got ${r.issue.code}: ${r.issue.message}`)
  return r
}

beforeAll(async () => {
  node = await startAnvil()
  rpc = new EthRpc(new JsonRpcClient({ url: node.url, label: 'Test endpoint', timeoutMs: 5_000 }))
  feeds = feedDeployer(node)
  t0 = (await rpc.block('latest'))!.timestamp + 1_000n
})
afterAll(async () => {
  feeds?.close()
  await node?.stop()
})

describe('the rate at the block of payment', () => {
  it('reads the round that was latest at the payment block, not the one after it', async () => {
    const feed = await feeds.deploy(8, 'ETH / USD')
    const located = feed.located('ETH', HOUR, Number(node.chainId))
    const firstBlock = await feed.setRound({ roundId: PHASE_ONE + 1n, answer: ETH_3000, updatedAt: t0 }, t0)
    const paymentBlock = await feeds.mineAt(t0 + 60n)
    await feed.setRound({ roundId: PHASE_ONE + 2n, answer: ETH_3100, updatedAt: t0 + 120n }, t0 + 120n)

    const atPayment = reading(await readRateAtBlock(rpc, located, await blockAt(paymentBlock)))
    expect(atPayment.basis).toBe(RATE_BASIS.atBlock)
    expect(atPayment.round.roundId).toBe(PHASE_ONE + 1n)
    expect(atPayment.rate).toEqual({ units: ETH_3000, scale: 8 })
    expect(atPayment.warnings).toEqual([])
    expect(atPayment.description).toBe('ETH / USD')
    expect(firstBlock).toBeLessThan(paymentBlock)

    const later = reading(await readRateAtBlock(rpc, located, await blockAt(paymentBlock + 1n)))
    expect(later.rate.units).toBe(ETH_3100)
  })

  it('marks a round older than the heartbeat plus margin as stale, and still gives its rate', async () => {
    const feed = await feeds.deploy(8, 'USDC / USD')
    const located = feed.located('USDC', HOUR, Number(node.chainId))
    const start = t0 + 10_000n
    await feed.setRound({ roundId: PHASE_ONE + 1n, answer: 99_990_000n, updatedAt: start }, start)
    const fresh = await feeds.mineAt(start + staleAfterSeconds(located))
    const old = await feeds.mineAt(start + staleAfterSeconds(located) + 1n)

    expect(reading(await readRateAtBlock(rpc, located, await blockAt(fresh))).warnings).toEqual([])
    const stale = reading(await readRateAtBlock(rpc, located, await blockAt(old)))
    expect(stale.rate).toEqual({ units: 99_990_000n, scale: 8 })
    expect(stale.warnings.map((w) => w.code)).toEqual([FEED_ISSUE.stale])
    expect(stale.warnings[0]!.message).toMatch(/updates at least every 3600 seconds/)
  })

  it('gives no rate for a missing or incomplete round, and says which', async () => {
    const feed = await feeds.deploy(8, 'DAI / USD')
    const located = feed.located('DAI', HOUR, Number(node.chainId))
    let at = t0 + 20_000n
    const cases: Array<[Parameters<typeof feed.setRound>[0], string]> = [
      [{ roundId: PHASE_ONE + 1n, answer: 0n, updatedAt: at }, FEED_ISSUE.answerNotPositive],
      [{ roundId: PHASE_ONE + 2n, answer: -5n, updatedAt: at + 10n }, FEED_ISSUE.answerNotPositive],
      [{ roundId: PHASE_ONE + 3n, answer: 100_000_000n, updatedAt: 0n, startedAt: at }, FEED_ISSUE.incomplete],
      [
        { roundId: PHASE_ONE + 5n, answer: 100_000_000n, updatedAt: at + 30n, answeredInRound: PHASE_ONE + 4n },
        FEED_ISSUE.carriedOver
      ]
    ]
    for (const [round, code] of cases) {
      at += 100n
      const block = await feed.setRound(round, at)
      const result = await readRateAtBlock(rpc, located, await blockAt(block))
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.issue.code).toBe(code)
    }
  })

  it('refuses a feed whose decimals or description are not what the catalogue lists', async () => {
    const feed = await feeds.deploy(18, 'ETH / USD')
    const block = await feed.setRound({ roundId: 1n, answer: 10n ** 18n, updatedAt: t0 + 30_000n }, t0 + 30_000n)
    const located = { ...feed.located('ETH', HOUR, Number(node.chainId)), decimals: 8 }
    const result = await readRateAtBlock(rpc, located, await blockAt(block))
    expect(result).toMatchObject({ ok: false, issue: { code: FEED_ISSUE.mismatch } })
    const renamed = { ...feed.located('ETH', HOUR, Number(node.chainId)), descriptions: ['BTC / USD'] }
    expect(await readRateAtBlock(rpc, renamed, await blockAt(block))).toMatchObject({
      ok: false,
      issue: { code: FEED_ISSUE.mismatch }
    })
  })

  it('says the feed is unreadable where no contract answers', async () => {
    const located = {
      base: 'ETH',
      quote: 'USD' as const,
      address: '0x000000000000000000000000000000000000dEaD',
      decimals: 8,
      heartbeatSeconds: HOUR,
      descriptions: ['ETH / USD'],
      chainId: Number(node.chainId),
      source: 'none'
    }
    const result = await readRateAtBlock(rpc, located, await blockAt(1n))
    expect(result).toMatchObject({ ok: false, issue: { code: FEED_ISSUE.unreadable } })
  })
})

describe('a node that keeps no state for old blocks', () => {
  let pruned: AnvilNode
  let prunedRpc: EthRpc
  let prunedFeeds: FeedDeployer

  beforeAll(async () => {
    pruned = await startAnvil({ pruneHistory: 2 })
    prunedRpc = new EthRpc(new JsonRpcClient({ url: pruned.url, label: 'Pruned endpoint', timeoutMs: 5_000 }))
    prunedFeeds = feedDeployer(pruned)
  })
  afterAll(async () => {
    prunedFeeds?.close()
    await pruned?.stop()
  })

  it('finds the round in effect at the payment from the feed history, and records that it did', async () => {
    const start = (await prunedRpc.block('latest'))!.timestamp + 1_000n
    const feed = await prunedFeeds.deploy(8, 'ETH / USD')
    const located = feed.located('ETH', HOUR, Number(pruned.chainId))
    for (let i = 1n; i <= 9n; i++)
      await feed.setRound(
        { roundId: PHASE_ONE + i, answer: ETH_3000 + i, updatedAt: start + i * 100n },
        start + i * 100n
      )
    // A payment between round 5 (start + 500) and round 6 (start + 600).
    const payment = { number: 3n, timestamp: start + 550n }
    await prunedFeeds.mineAt(start + 2_000n)
    await prunedFeeds.mineAt(start + 2_100n)
    await expect(prunedRpc.call({ to: feed.address, data: '0xfeaf968c' }, payment.number)).rejects.toThrow()

    const r = reading(await readRateAtBlock(prunedRpc, located, payment))
    expect(r.basis).toBe(RATE_BASIS.roundByTime)
    expect(r.round.roundId).toBe(PHASE_ONE + 5n)
    expect(r.rate.units).toBe(ETH_3000 + 5n)
    expect(r.warnings.map((w) => w.code)).toEqual([FEED_ISSUE.notAtBlock])
    expect(r.warnings[0]!.message).toMatch(/could not read .* at block 3/)
  })

  it('falls back to the latest round, marked as published after the payment, when the history holds nothing earlier', async () => {
    const start = (await prunedRpc.block('latest'))!.timestamp + 1_000n
    const feed = await prunedFeeds.deploy(8, 'ETH / USD')
    const located = feed.located('ETH', HOUR, Number(pruned.chainId))
    await feed.setRound({ roundId: PHASE_ONE + 1n, answer: ETH_3100, updatedAt: start }, start)
    await prunedFeeds.mineAt(start + 10n)
    await prunedFeeds.mineAt(start + 20n)
    const r = reading(await readRateAtBlock(prunedRpc, located, { number: 1n, timestamp: start - 500n }))
    expect(r.basis).toBe(RATE_BASIS.latestFallback)
    expect(r.round.updatedAt).toBe(start)
    expect(r.warnings.map((w) => w.code)).toEqual([FEED_ISSUE.notAtBlock, FEED_ISSUE.afterPayment])
  })
})
