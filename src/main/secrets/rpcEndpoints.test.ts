// Runs in: main (plain Node, Vitest).
// Specification of RPC endpoint secrets: SQLite gets an opaque reference, the UI gets a masked URL,
// only main resolves the full URL. Run against the real OS keychain and the session-only store.

import { afterAll, describe, expect, it } from 'vitest'
import { isRpcEndpointRef, rpcEndpointSecrets, validateRpcUrl } from './rpcEndpoints'
import { SECRET_ERROR, SecretStoreError, type SecretStore } from './secretStore'
import { createSessionSecretStore } from './sessionStore'
import { clearTestKeychain, detectTestKeychain } from './testKeychain'

const keychain = await detectTestKeychain()
if (!keychain.reachable && !keychain.required) {
  console.warn(`[secrets] real-keychain tests skipped: ${keychain.reason}`)
}
afterAll(async () => {
  await clearTestKeychain(keychain)
})

const INFURA_KEY = '9aa3d95b3bc440fa88ea12eaa4456161'
const INFURA_URL = `https://mainnet.infura.io/v3/${INFURA_KEY}`
const QUICKNODE_URL = 'https://sly-wispy-cherry.quiknode.pro/2c8d6a3e0f1b4c7d9e8f7a6b5c4d3e2f1a0b9c8d/'

const backends: ReadonlyArray<{ name: string; reachable: boolean; store: () => SecretStore }> = [
  { name: 'OS keychain (real Secret Service)', reachable: keychain.reachable, store: () => keychain.store },
  { name: 'session-only memory', reachable: true, store: () => createSessionSecretStore() }
]

describe.each(backends)('RPC endpoint secrets in $name', ({ reachable, store: makeStore }) => {
  it.skipIf(!reachable)('saves a URL under an opaque reference and resolves it back exactly', async () => {
    const endpoints = rpcEndpointSecrets(makeStore())
    const saved = await endpoints.save(INFURA_URL)
    expect(isRpcEndpointRef(saved.ref)).toBe(true)
    expect(saved.ref).not.toContain(INFURA_KEY)
    expect(saved.ref).not.toContain('infura')
    expect(saved.masked).toBe('https://mainnet.infura.io/••••')
    expect(await endpoints.resolve(saved.ref)).toBe(INFURA_URL)
  })

  it.skipIf(!reachable)('lists every saved endpoint in masked form only', async () => {
    const store = makeStore()
    const endpoints = rpcEndpointSecrets(store)
    const infura = await endpoints.save(INFURA_URL)
    const quicknode = await endpoints.save(QUICKNODE_URL)
    await store.set('explorer:api-key', 'NOTANRPCENDPOINT123456')
    const listed = await endpoints.listMasked()
    expect(listed).toEqual(
      expect.arrayContaining([
        { ref: infura.ref, masked: 'https://mainnet.infura.io/••••' },
        { ref: quicknode.ref, masked: 'https://sly-wispy-cherry.quiknode.pro/••••' }
      ])
    )
    expect(listed.every((entry) => isRpcEndpointRef(entry.ref))).toBe(true)
    expect(JSON.stringify(listed)).not.toContain(INFURA_KEY)
    expect(JSON.stringify(listed)).not.toContain('2c8d6a3e0f1b')
  })

  it.skipIf(!reachable)('a rotated key keeps its reference; a removed endpoint cannot be resolved', async () => {
    const endpoints = rpcEndpointSecrets(makeStore())
    const saved = await endpoints.save(INFURA_URL)
    const rotated = `https://mainnet.infura.io/v3/${'b'.repeat(31)}1`
    expect(await endpoints.replace(saved.ref, rotated)).toEqual({
      ref: saved.ref,
      masked: 'https://mainnet.infura.io/••••'
    })
    expect(await endpoints.resolve(saved.ref)).toBe(rotated)
    expect(await endpoints.remove(saved.ref)).toBe(true)
    await expect(endpoints.resolve(saved.ref)).rejects.toMatchObject({ code: SECRET_ERROR.notFound })
  })
})

describe('RPC endpoint input is checked, and no error quotes the key', () => {
  const endpoints = rpcEndpointSecrets(createSessionSecretStore())

  it.each([
    ['empty', '   '],
    ['not a URL', `mainnet.infura.io/v3/${INFURA_KEY}`],
    ['a file URL', `file:///home/me/${INFURA_KEY}.txt`],
    ['a JavaScript URL', `javascript:alert('${INFURA_KEY}')`],
    ['an FTP URL', `ftp://files.example.com/${INFURA_KEY}`],
    ['a URL with spaces', `https://mainnet.infura.io/v3/ ${INFURA_KEY}`],
    ['too long', `https://mainnet.infura.io/v3/${INFURA_KEY}?pad=${'x'.repeat(3000)}`]
  ])('refuses %s with secret_invalid_url', async (_label, url) => {
    const error = await endpoints.save(url).then(
      () => null,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(SecretStoreError)
    expect((error as SecretStoreError).code).toBe(SECRET_ERROR.invalidUrl)
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain(INFURA_KEY)
  })

  it('accepts https:// and wss:// anywhere, and trims surrounding whitespace', () => {
    expect(validateRpcUrl(' https://rpc.example.com ')).toBe('https://rpc.example.com')
    expect(validateRpcUrl('wss://ws.example.com/v3/abc')).toBe('wss://ws.example.com/v3/abc')
    expect(validateRpcUrl('https://192.168.1.10:8545/')).toBe('https://192.168.1.10:8545/')
  })

  it.each([
    'http://127.0.0.1:8545',
    'http://127.4.5.6:8545',
    'http://127.1:8545',
    'http://localhost:8545',
    'http://[::1]:8545',
    'ws://127.0.0.1:8546',
    'ws://localhost:8546'
  ])('accepts unencrypted %s: a node on this computer', (url) => {
    expect(validateRpcUrl(url)).toBe(url)
  })

  it.each([
    `http://mainnet.infura.io/v3/${INFURA_KEY}`,
    'http://192.168.1.10:8545',
    'http://10.0.0.1:8545',
    'http://localhost.evil.example:8545',
    'http://127.0.0.1.nip.io:8545',
    'http://[::ffff:10.0.0.1]:8545',
    `ws://ws.example.com/${INFURA_KEY}`
  ])('refuses unencrypted %s, which is another machine, and says what to use instead', (url) => {
    let error: unknown
    try {
      validateRpcUrl(url)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(SecretStoreError)
    expect((error as SecretStoreError).code).toBe(SECRET_ERROR.invalidUrl)
    const message = (error as SecretStoreError).message
    expect(message).toContain('is not encrypted')
    expect(message).toContain('Use the https:// or wss:// address your provider gives')
    expect(message).toContain('only for a node on this computer (127.0.0.1, ::1 or localhost)')
    expect(message).not.toContain(INFURA_KEY)
  })

  it.each(['', 'rpc-endpoint:', 'rpc-endpoint:../../etc/passwd', 'explorer:api-key', `rpc-endpoint:${INFURA_KEY}`])(
    'refuses to resolve %j, which is not an endpoint reference',
    async (ref) => {
      await expect(endpoints.resolve(ref)).rejects.toMatchObject({ code: SECRET_ERROR.notFound })
    }
  )

  it('tells the user to enter the URL again when a session-only endpoint is gone after restart', async () => {
    const afterRestart = rpcEndpointSecrets(createSessionSecretStore())
    const error = await afterRestart.resolve('rpc-endpoint:2f0c6a1e-1b2c-4d3e-8f90-0123456789ab').then(
      () => null,
      (e: unknown) => e
    )
    expect((error as SecretStoreError).message).toBe(
      'This RPC endpoint was kept for an earlier session only (no OS keychain is available). Enter its URL again in Settings.'
    )
  })
})
