import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { confirmationDepth, createCatalogue } from './catalogue'

const require = createRequire(import.meta.url)
const catalogue = createCatalogue()

/** Ledger's signed ERC-20 list, per chain: [network, id, ticker, decimals, name, signature, address, ...]. */
function ledgerTokens(chainId: number): Array<{ symbol: string; decimals: number; address: string }> {
  const root = join(dirname(require.resolve('@ledgerhq/cryptoassets-evm-signatures/package.json')), 'lib/data/evm')
  if (!readdirSync(root).includes(String(chainId))) return []
  const rows = JSON.parse(readFileSync(join(root, String(chainId), 'erc20.json'), 'utf8')) as unknown[][]
  return rows.map((r) => ({ symbol: String(r[2]), decimals: Number(r[3]), address: String(r[6]) }))
}

const uniswap = require('@uniswap/default-token-list') as {
  tokens: Array<{ chainId: number; address: string; symbol: string; decimals: number }>
}

describe('network and asset catalogue', () => {
  it('has the networks finance teams pay on, each with its native coin', () => {
    const ids = catalogue.networks.map((n) => n.chainId).sort((a, b) => a - b)
    expect(ids).toEqual([1, 10, 56, 137, 8453, 31337, 42161, 11155111])
    for (const n of catalogue.networks)
      expect(catalogue.assets(n.chainId).filter((a) => a.kind === 'native')).toHaveLength(1)
  })

  it('gives every public network a second public endpoint, run by someone else, to witness the first', () => {
    for (const network of catalogue.networks.filter((n) => !n.development)) {
      const hosts = network.defaultRpcUrls.map((u) => new URL(u))
      expect(hosts.length, network.name).toBeGreaterThanOrEqual(2)
      for (const url of hosts) expect(url.protocol, `${url.href} on ${network.name}`).toBe('https:')
      // Different operators: the registrable part of each host name differs.
      const operators = new Set(hosts.map((url) => url.hostname.split('.').slice(-2).join('.')))
      expect(operators.size, network.name).toBe(hosts.length)
    }
  })

  it('lists only token addresses and decimals that a maintained list confirms', () => {
    for (const network of catalogue.networks.filter((n) => !n.development)) {
      for (const token of network.tokens) {
        const ledger = ledgerTokens(network.chainId).find(
          (t) => t.address.toLowerCase() === token.address.toLowerCase()
        )
        const uni = uniswap.tokens.find(
          (t) => t.chainId === network.chainId && t.address.toLowerCase() === token.address.toLowerCase()
        )
        const confirmed = ledger ?? uni
        expect(confirmed, `${token.symbol} on ${network.name} is in no maintained list`).toBeDefined()
        expect(confirmed!.decimals, `${token.symbol} decimals on ${network.name}`).toBe(token.decimals)
        expect(confirmed!.symbol.toUpperCase().replace('.E', '')).toContain(token.symbol)
      }
    }
  })

  it('marks Tether on Ethereum as a token whose transfer returns no value', () => {
    const usdt = catalogue.assets(1).find((a) => a.symbol === 'USDT')
    expect(usdt?.transferReturnsNoValue).toBe(true)
    expect(catalogue.assets(1).find((a) => a.symbol === 'USDC')?.transferReturnsNoValue).toBe(false)
  })

  it('finds an asset by id whatever the case of its address', () => {
    const usdc = catalogue.assets(1).find((a) => a.symbol === 'USDC')!
    expect(catalogue.asset(usdc.id.toLowerCase())?.id).toBe(usdc.id)
    expect(catalogue.asset('1:native')?.symbol).toBe('ETH')
    expect(catalogue.asset('999:native')).toBeUndefined()
  })

  it('refuses a catalogue with an unchecksummed token address', () => {
    const bad = {
      networks: [
        {
          ...catalogue.networks[0]!,
          tokens: [{ symbol: 'X', name: 'X', decimals: 6, address: '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eB48' }]
        }
      ]
    }
    expect(() => createCatalogue(bad)).toThrow(/checksummed/)
  })

  it("gives every network a minimum depth and a reorg re-check window, and the desk's setting only raises the depth", () => {
    for (const n of catalogue.networks) {
      expect(n.minConfirmations, n.name).toBeGreaterThanOrEqual(1)
      // Public networks are watched after confirmation; the local node never reorganises by itself.
      if (!n.development) expect(n.reorgWatchBlocks, n.name).toBeGreaterThan(0)
      expect(confirmationDepth(n, 1)).toBe(n.minConfirmations)
      expect(confirmationDepth(n, n.minConfirmations + 5)).toBe(n.minConfirmations + 5)
    }
    expect(catalogue.publicNetworks().find((n) => n.chainId === 1)?.minConfirmations).toBe(
      catalogue.network(1)?.minConfirmations
    )
  })
})
