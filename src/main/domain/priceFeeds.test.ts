import { describe, expect, it } from 'vitest'
import { createCatalogue } from './catalogue'
import { createFeedDirectory, PRICE_FEEDS } from './priceFeeds'

const catalogue = createCatalogue()
const directory = createFeedDirectory()

describe('price feeds in the catalogue', () => {
  it('has a feed for the native coin of every public network the catalogue pays on', () => {
    for (const n of catalogue.networks.filter((x) => !x.testnet && !x.development))
      expect(directory.feed(n.chainId, n.nativeSymbol), `${n.nativeSymbol} on ${n.name}`).toBeDefined()
  })

  it('prices every catalogue stablecoin through its own feed, never an assumed 1', () => {
    for (const n of catalogue.networks.filter((x) => !x.testnet && !x.development))
      for (const t of n.tokens) expect(directory.feed(n.chainId, t.symbol), `${t.symbol} on ${n.name}`).toBeDefined()
  })

  it('values EUR on every network through an EUR/USD feed', () => {
    for (const n of PRICE_FEEDS) expect(directory.feed(n.chainId, 'EUR')?.quote).toBe('USD')
  })

  it('lists each proxy once, checksummed, with a source, 8 decimals and a positive heartbeat', () => {
    const seen = new Set<string>()
    for (const n of PRICE_FEEDS) {
      expect(n.source).not.toBe('')
      for (const f of n.feeds) {
        const key = `${n.chainId}:${f.address}`
        expect(seen.has(key)).toBe(false)
        seen.add(key)
        expect(f.decimals).toBe(8)
        expect(f.heartbeatSeconds).toBeGreaterThan(0)
        expect(f.descriptions.length).toBeGreaterThan(0)
      }
    }
  })

  it('refuses a directory with an address that is not EIP-55', () => {
    const bad = [
      {
        chainId: 1,
        source: 'test',
        feeds: [
          {
            base: 'ETH',
            quote: 'USD' as const,
            address: '0x5f4ec3df9cbd43714fe2740f5e3616155c5b8419',
            decimals: 8,
            heartbeatSeconds: 1,
            descriptions: ['ETH / USD']
          }
        ]
      }
    ]
    expect(() => createFeedDirectory(bad)).toThrow(/EIP-55/)
  })
})
