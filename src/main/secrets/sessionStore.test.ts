// Runs in: main (plain Node, Vitest).
// Specification of the session-only store: same contract as the keychain, memory only.

import { describe, expect, it } from 'vitest'
import { MAX_SECRET_KEY_LENGTH, MAX_SECRET_LENGTH, SECRET_BACKEND, SECRET_ERROR } from './secretStore'
import { createSessionSecretStore } from './sessionStore'

describe('session-only secret store', () => {
  it('is always available and says it is session-only', async () => {
    const store = createSessionSecretStore()
    expect(store.kind).toBe(SECRET_BACKEND.sessionOnly)
    expect(await store.available()).toBe(true)
  })

  it('returns what was saved, lists keys but not values, and forgets on delete', async () => {
    const store = createSessionSecretStore()
    await store.set('rpc-endpoint:a', 'https://rpc.example.com/v3/0123456789abcdef')
    expect(await store.get('rpc-endpoint:a')).toBe('https://rpc.example.com/v3/0123456789abcdef')
    expect(await store.keys()).toEqual(['rpc-endpoint:a'])
    expect(await store.delete('rpc-endpoint:a')).toBe(true)
    expect(await store.delete('rpc-endpoint:a')).toBe(false)
    expect(await store.get('rpc-endpoint:a')).toBeNull()
  })

  it('applies the same input rules as the OS keychain', async () => {
    const store = createSessionSecretStore()
    await expect(store.set('ok:key', '')).rejects.toMatchObject({ code: SECRET_ERROR.invalidValue })
    await expect(store.set('ok:key', 'x'.repeat(MAX_SECRET_LENGTH + 1))).rejects.toMatchObject({
      code: SECRET_ERROR.invalidValue
    })
    await expect(store.set('k'.repeat(MAX_SECRET_KEY_LENGTH + 1), 'value')).rejects.toMatchObject({
      code: SECRET_ERROR.invalidKey
    })
    await expect(store.set('bad\nkey', 'value')).rejects.toMatchObject({ code: SECRET_ERROR.invalidKey })
    await expect(store.get('white space')).rejects.toMatchObject({ code: SECRET_ERROR.invalidKey })
    expect(await store.keys()).toEqual([])
  })
})
