// Runs in: main (pure, no I/O). The Chainlink price feeds (AggregatorV3 proxies) the catalogue's
// networks have for their native coin, their stablecoins and EUR, with the decimals of the answer
// and the heartbeat (the longest a healthy feed goes without a new round). Rates are read through
// the network's own endpoint, so no price service or key is needed. A feed is listed only when its
// proxy address was found in Chainlink's own feed directory and confirmed by an independent source;
// where that could not be done, the feed is left out and a person types the rate instead.
import { getAddress } from 'ethers'
import { BOOK_CURRENCIES, type BookCurrency } from '../../shared/accounting'

/** Fiat currencies a ledger can be valued in: USD directly, EUR through the EUR/USD feed. */
export const FIAT_CURRENCIES = BOOK_CURRENCIES
export type FiatCurrency = BookCurrency

export interface PriceFeedEntry {
  /** What one unit is priced: a catalogue symbol (ETH, POL, BNB, USDC, USDT, DAI) or EUR. */
  readonly base: string
  readonly quote: 'USD'
  /** The proxy (EACAggregatorProxy), EIP-55. */
  readonly address: string
  readonly decimals: number
  readonly heartbeatSeconds: number
  /** description() answers the feed may give (a renamed asset keeps its proxy). */
  readonly descriptions: readonly string[]
}

export interface NetworkPriceFeeds {
  readonly chainId: number
  /** Where the addresses, decimals and heartbeats were taken from. */
  readonly source: string
  readonly feeds: readonly PriceFeedEntry[]
}

const HOUR = 3_600
const DAY = 86_400
const EIGHT = 8

const usd = (
  base: string,
  address: string,
  heartbeatSeconds: number,
  descriptions: readonly string[] = [`${base} / USD`]
): PriceFeedEntry => ({ base, quote: 'USD', address, decimals: EIGHT, heartbeatSeconds, descriptions })

/** Directory snapshot of Chainlink's documentation site, repository smartcontractkit/documentation. */
const CHAINLINK_DIRECTORY_2022 = 'smartcontractkit/documentation _src/addresses/addresses.json (2022-03)'
const CHAINLINK_DIRECTORY_2026 = 'smartcontractkit/documentation public/files/json/feeds-mainnet.json (2026-03)'
const DEV_CHAIN_FEEDS = 'TestPriceFeed contracts of the local development chain (src/test/devNetwork.ts)'
const CHAINLINK_DERIVED_2025 = 'LZeroAnalytics/chainlink-package src/package_io/constants.star (2025-04)'

export const PRICE_FEEDS: readonly NetworkPriceFeeds[] = [
  {
    // Ethereum: Chainlink's own directory of 2026 (proxy, decimals, heartbeat); the same proxies
    // appear in its 2022 directory.
    chainId: 1,
    source: CHAINLINK_DIRECTORY_2026,
    feeds: [
      usd('ETH', '0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419', HOUR),
      usd('USDC', '0x8fFfFfd4AfB6115b954Bd326cbe7B4BA576818f6', 23 * HOUR),
      usd('USDT', '0x3E7d1eAB13ad0104d2750B8863b489D65364e32D', DAY),
      usd('DAI', '0xAed0c38402a5d19df6E4c03F4E2DceD6e29c1ee9', HOUR),
      usd('EUR', '0xb49f677943BC038e9857d61E7d053CaA2C1734C1', DAY)
    ]
  },
  {
    // Arbitrum One: Chainlink's 2022 directory and a 2025 list derived from its current one agree
    // on every proxy and heartbeat.
    chainId: 42161,
    source: `${CHAINLINK_DIRECTORY_2022}; ${CHAINLINK_DERIVED_2025}`,
    feeds: [
      usd('ETH', '0x639Fe6ab55C921f74e7fac1ee960C0B6293ba612', DAY),
      usd('USDC', '0x50834F3163758fcC1Df9973b6e91f0F0F0434aD3', DAY),
      usd('USDT', '0x3f3f5dF88dC9F13eac63DF89EC16ef6e7E25DdE7', DAY),
      usd('DAI', '0xc5C8E77B397E531B8EC06BFb0048328B30E9eCfB', DAY),
      usd('EUR', '0xA14d53bC1F1c0F31B4aA3BD109344E5009051a84', HOUR)
    ]
  },
  {
    // OP Mainnet: the same two sources agree on the proxies; heartbeats as of 2025 (EUR/USD went
    // from 24 hours to 1 hour since 2022).
    chainId: 10,
    source: `${CHAINLINK_DIRECTORY_2022}; ${CHAINLINK_DERIVED_2025}`,
    feeds: [
      usd('ETH', '0x13e3Ee699D1909E989722E753853AE30b17e08c5', 20 * 60),
      usd('USDC', '0x16a9FA2FDa030272Ce99B29CF780dFA30361E0f3', DAY),
      usd('USDT', '0xECef79E109e997bCA29c1c0897ec9d7b03647F5E', DAY),
      usd('DAI', '0x8dBa75e83DA73cc766A7e5a0ee71F656BAb470d6', DAY),
      usd('EUR', '0x3626369857A10CcC6cc3A6e4f5C2f5984a519F20', HOUR)
    ]
  },
  {
    // Base: the 2025 list derived from Chainlink's directory; each proxy also appears, named as
    // that Chainlink feed, in independent projects deployed on Base.
    chainId: 8453,
    source: CHAINLINK_DERIVED_2025,
    feeds: [
      usd('ETH', '0x71041dddad3595F9CEd3DcCFBe3D1F4b0a16Bb70', 20 * 60),
      usd('USDC', '0x7e860098F58bBFC8648a4311b374B1D669a2bc6B', DAY),
      usd('USDT', '0xf19d560eB8d2ADf07BD6D13ed03e1D11215721F9', DAY),
      usd('DAI', '0x591e79239a7d679378eC8c847e5038150364C78F', DAY),
      usd('EUR', '0xc91D87E81faB8f93699ECf7Ee9B44D11e1D53F0F', HOUR)
    ]
  },
  {
    // Polygon: Chainlink's 2022 directory (heartbeat 27 s there, the figure still quoted for its
    // major feeds). The native coin's proxy is the former MATIC / USD feed, now POL.
    chainId: 137,
    source: CHAINLINK_DIRECTORY_2022,
    feeds: [
      usd('POL', '0xAB594600376Ec9fD91F8e885dADF0CE036862dE0', 27, ['POL / USD', 'MATIC / USD']),
      usd('USDC', '0xfE4A8cc5b5B2366C1B58Bea3858e81843581b2F7', 27),
      usd('USDT', '0x0A6513e40db6EB1b165753AD52E80663aeA50545', 27),
      usd('DAI', '0x4746DeC9e833A82EC7C2C1356372CcF2cfcD2F3D', 27),
      usd('EUR', '0x73366Fe0AA0Ded304479862808e02506FE556a98', 27)
    ]
  },
  {
    // BNB Smart Chain: Chainlink's 2022 directory.
    chainId: 56,
    source: CHAINLINK_DIRECTORY_2022,
    feeds: [
      usd('BNB', '0x0567F2323251f0Aab15c8dFb1967E4e8A7D42aeE', 60),
      usd('USDC', '0x51597f405303C4377E36123cBc172b13269EA163', DAY),
      usd('USDT', '0xB97Ad0E74fa7d920791E90258A6E2085088b4320', DAY),
      usd('DAI', '0x132d3C0B1D2cEa0BC552588063bdBb210FDeecfA', DAY),
      usd('EUR', '0x0bf79F617988C472DcA68ff41eFe1338955b9A80', 10 * 60)
    ]
  },
  {
    // Local development chain: the project's own AggregatorV3 test feeds, deployed by the fourth
    // development account at its nonces 0, 1 and 2 when the demo or an end-to-end run starts it.
    chainId: 31337,
    source: DEV_CHAIN_FEEDS,
    feeds: [
      usd('ETH', '0x057ef64E23666F000b34aE31332854aCBd1c8544', DAY),
      usd('TUSD', '0x261D8c5e9742e6f7f1076Fa1F560894524e19cad', DAY),
      usd('EUR', '0xCE3478A9E0167a6Bc5716DC39DbbbfAc38F27623', DAY)
    ]
  }
]

/** A feed together with the network it is on and where its facts come from. */
export interface LocatedFeed extends PriceFeedEntry {
  readonly chainId: number
  readonly source: string
}

/** Looks feeds up by network and priced symbol; tests add the feeds they deploy on a local chain. */
export interface FeedDirectory {
  feed(chainId: number, base: string): LocatedFeed | undefined
}

export function createFeedDirectory(networks: readonly NetworkPriceFeeds[] = PRICE_FEEDS): FeedDirectory {
  const byKey = new Map<string, LocatedFeed>()
  for (const n of networks)
    for (const f of n.feeds) {
      if (getAddress(f.address) !== f.address) throw new Error(`Feed ${f.base}/USD on ${n.chainId} is not EIP-55`)
      byKey.set(`${n.chainId}:${f.base.toUpperCase()}`, { ...f, chainId: n.chainId, source: n.source })
    }
  return { feed: (chainId, base) => byKey.get(`${chainId}:${base.toUpperCase()}`) }
}
