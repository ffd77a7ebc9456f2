// Runs in: main (plain Node, Vitest).
// Specification of URL masking: provider keys never survive; the scheme, host and port do.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MASK, maskSecretUrl, maskUrlsInText, redactSecret } from './mask'

const INFURA_KEY = '9aa3d95b3bc440fa88ea12eaa4456161'
const ALCHEMY_KEY = 'Xq3vJ-abcdEFGH1234ijklMNOP5678qr'
const QUICKNODE_TOKEN = '2c8d6a3e0f1b4c7d9e8f7a6b5c4d3e2f1a0b9c8d'

describe('maskSecretUrl shows scheme, host and port, and hides the whole path, query and fragment', () => {
  const table: ReadonlyArray<readonly [string, string]> = [
    // Providers that put the key in the path.
    [`https://mainnet.infura.io/v3/${INFURA_KEY}`, 'https://mainnet.infura.io/••••'],
    [`wss://mainnet.infura.io/ws/v3/${INFURA_KEY}`, 'wss://mainnet.infura.io/••••'],
    [`https://base-mainnet.infura.io/v3/${INFURA_KEY}?source=treasury`, 'https://base-mainnet.infura.io/••••'],
    [`https://eth-mainnet.g.alchemy.com/v2/${ALCHEMY_KEY}`, 'https://eth-mainnet.g.alchemy.com/••••'],
    [`https://sly-wispy-cherry.quiknode.pro/${QUICKNODE_TOKEN}/`, 'https://sly-wispy-cherry.quiknode.pro/••••'],
    [`https://rpc.ankr.com/eth/${'0f5b2d4c'.repeat(8)}`, 'https://rpc.ankr.com/••••'],
    ['https://nd-123-456-789.p2pify.com/3c6e0b8a9c15224a8228b9a98ca1531d', 'https://nd-123-456-789.p2pify.com/••••'],
    // Keys in the query string, under any name.
    ['https://lb.drpc.org/ogrpc?network=ethereum&dkey=AkPq1Yz9mN3bV7cX5wR2tL8', 'https://lb.drpc.org/••••'],
    ['https://rpc.example.com/?token=abc', 'https://rpc.example.com/••••'],
    // Short or word-like keys a pattern would take for words are hidden all the same.
    ['https://rpc.example.com/mysecret', 'https://rpc.example.com/••••'],
    ['https://rpc.example.com/?x=hunter2', 'https://rpc.example.com/••••'],
    ['https://rpc.example.com/rpc#pass', 'https://rpc.example.com/••••'],
    // Credentials in the user info or a subdomain; the port stays.
    ['https://user:hunter2@rpc.example.com:8545/', 'https://••••@rpc.example.com:8545/'],
    [`https://:s3cr3tProjectSecret@mainnet.infura.io/v3/${INFURA_KEY}`, 'https://••••@mainnet.infura.io/••••'],
    ['https://0123456789abcdef0123456789abcdef.rpc.example.com/', 'https://••••.rpc.example.com/'],
    // Nothing after the host: nothing is hidden.
    ['https://eth.llamarpc.com', 'https://eth.llamarpc.com/'],
    ['https://bsc-dataseed.bnbchain.org/', 'https://bsc-dataseed.bnbchain.org/'],
    ['http://127.0.0.1:8545', 'http://127.0.0.1:8545/'],
    ['http://[::1]:8545', 'http://[::1]:8545/'],
    ['  https://polygon-rpc.com/  ', 'https://polygon-rpc.com/'],
    ['https://arb1.arbitrum.io/rpc', 'https://arb1.arbitrum.io/••••'],
    ['HTTPS://MAINNET.INFURA.IO/v3/' + INFURA_KEY.toUpperCase(), 'https://mainnet.infura.io/••••'],
    // Not a URL with a host: nothing about it can be shown safely.
    [`mainnet.infura.io/v3/${INFURA_KEY}`, MASK],
    ['not a url', MASK],
    ['', MASK],
    ['file:///home/me/keys.txt', MASK]
  ]

  it.each(table)('%s -> %s', (url, expected) => {
    expect(maskSecretUrl(url)).toBe(expected)
  })

  it('keeps nothing of any path, query or fragment', () => {
    const rest = fc.string({
      unit: fc.constantFrom(...'abcXYZ019-_.~/?&=#;%:@'.split('')),
      minLength: 1,
      maxLength: 40
    })
    fc.assert(
      fc.property(rest, (tail) => {
        const url = `https://rpc.example.com:8443/${tail}`
        const masked = maskSecretUrl(url)
        const parsed = new URL(url)
        const hasRest = parsed.pathname !== '/' || parsed.search !== '' || parsed.hash !== ''
        expect(masked).toBe(`https://rpc.example.com:8443/${hasRest ? MASK : ''}`)
      }),
      { numRuns: 500 }
    )
  })
})

describe('a provider key never survives masking, whatever URL shape carries it', () => {
  const keyArbitrary = fc
    .string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('')),
      minLength: 20,
      maxLength: 64
    })
    .filter((key) => /[0-9]/.test(key) && /[A-Za-z]/.test(key))
  const shapes: ReadonlyArray<(key: string) => string> = [
    (key) => `https://mainnet.infura.io/v3/${key}`,
    (key) => `https://eth-mainnet.g.alchemy.com/v2/${key}`,
    (key) => `https://name.quiknode.pro/${key}/`,
    (key) => `https://rpc.example.com/rpc?apikey=${key}`,
    (key) => `https://rpc.example.com/rpc?chain=1&anything=${key}`,
    (key) => `https://me:${key}@rpc.example.com/`,
    (key) => `wss://ws.example.com/${key}/socket`,
    (key) => `https://rpc.example.com/#${key}`
  ]

  it('holds for random keys of 20 to 64 letters and digits', () => {
    fc.assert(
      fc.property(keyArbitrary, fc.constantFrom(...shapes), (key, shape) => {
        expect(maskSecretUrl(shape(key))).not.toContain(key)
        expect(maskSecretUrl(shape(key)).toLowerCase()).not.toContain(key.toLowerCase())
      }),
      { numRuns: 400 }
    )
  })
})

describe('maskUrlsInText masks URLs quoted inside messages and keeps the message', () => {
  it('masks a request URL inside an HTTP client error and keeps the punctuation around it', () => {
    const text = `server response 401 (request={ url: https://mainnet.infura.io/v3/${INFURA_KEY}, method: "POST" }, code=SERVER_ERROR)`
    expect(maskUrlsInText(text)).toBe(
      'server response 401 (request={ url: https://mainnet.infura.io/••••, method: "POST" }, code=SERVER_ERROR)'
    )
  })

  it('masks every URL when there are several', () => {
    const masked = maskUrlsInText(
      `tried https://a.example/v2/${ALCHEMY_KEY} then (wss://b.example/${QUICKNODE_TOKEN}).`
    )
    expect(masked).toBe('tried https://a.example/•••• then (wss://b.example/••••).')
  })

  it('leaves text without URLs unchanged', () => {
    expect(maskUrlsInText('Insufficient funds for gas: 0.01 ETH needed')).toBe(
      'Insufficient funds for gas: 0.01 ETH needed'
    )
  })
})

describe('redactSecret removes a secret and its distinctive pieces from any text', () => {
  it('removes the whole secret, its key quoted alone, and URLs', () => {
    const secret = `https://mainnet.infura.io/v3/${INFURA_KEY}`
    const text = `failed for ${secret}; project ${INFURA_KEY} rejected; see https://status.example/${QUICKNODE_TOKEN}`
    const redacted = redactSecret(text, secret)
    expect(redacted).not.toContain(INFURA_KEY)
    expect(redacted).not.toContain(QUICKNODE_TOKEN)
    expect(redacted).toBe('failed for ••••; project •••• rejected; see https://status.example/••••')
  })

  it('keeps the text when the secret is empty', () => {
    expect(redactSecret('nothing to hide', '')).toBe('nothing to hide')
  })
})
