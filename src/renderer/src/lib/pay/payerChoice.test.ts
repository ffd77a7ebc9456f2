// Runs in: Vitest (node). The payer account is remembered per network and survives bad storage.
import { describe, expect, it } from 'vitest'
import { DEFAULT_PAYER_PATH, PAYER_STORAGE_KEY, readPayerPath, writePayerPath, type KeyValueStore } from './payerChoice'

function memory(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial }
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) }
}

describe('payer choice', () => {
  it('remembers a path per network independently', () => {
    const store = memory()
    writePayerPath(store, 1, "44'/60'/1'/0/0")
    writePayerPath(store, 31337, "44'/60'/0'/3")
    expect(readPayerPath(store, 1)).toBe("44'/60'/1'/0/0")
    expect(readPayerPath(store, 31337)).toBe("44'/60'/0'/3")
  })

  it('falls back to the first Ledger Live account when nothing or garbage is stored', () => {
    expect(readPayerPath(memory(), 1)).toBe(DEFAULT_PAYER_PATH)
    expect(readPayerPath(memory({ [PAYER_STORAGE_KEY]: '{not json' }), 1)).toBe(DEFAULT_PAYER_PATH)
    expect(readPayerPath(memory({ [PAYER_STORAGE_KEY]: JSON.stringify({ 1: 'm/0/evil' }) }), 1)).toBe(
      DEFAULT_PAYER_PATH
    )
  })

  it('refuses to store something that is not an Ethereum account path', () => {
    const store = memory()
    writePayerPath(store, 1, 'nonsense')
    expect(store.data[PAYER_STORAGE_KEY]).toBeUndefined()
  })
})
