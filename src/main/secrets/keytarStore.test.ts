// Runs in: main (plain Node, Vitest).
// Specification of the OS keychain store, against a real Secret Service (scripts/with-keyring.sh
// starts a private GNOME Keyring), plus how it behaves when keytar cannot be loaded or fails.

import { afterAll, describe, expect, it } from 'vitest'
import { createKeytarSecretStore, type KeytarModule } from './keytarStore'
import { MAX_SECRET_LENGTH, SECRET_BACKEND, SECRET_ERROR, SecretStoreError } from './secretStore'
import { clearTestKeychain, detectTestKeychain } from './testKeychain'

const keychain = await detectTestKeychain()
if (!keychain.reachable && !keychain.required) {
  console.warn(`[secrets] real-keychain tests skipped: ${keychain.reason}`)
}

afterAll(async () => {
  await clearTestKeychain(keychain)
})

const RPC_URL = 'https://mainnet.infura.io/v3/9aa3d95b3bc440fa88ea12eaa4456161'

describe('the test environment', () => {
  it('reaches a real Secret Service, or is allowed to run without one (neither CI nor TREASURY_REQUIRE_KEYCHAIN=1)', () => {
    expect(
      keychain.reachable || !keychain.required,
      `A real OS keychain is required for this run but is not reachable: ${keychain.reason}`
    ).toBe(true)
  })
})

describe('OS keychain store (real Secret Service)', () => {
  const store = keychain.store

  it.skipIf(!keychain.reachable)('reports itself as the OS keychain and available', async () => {
    expect(store.kind).toBe(SECRET_BACKEND.osKeychain)
    expect(await store.available()).toBe(true)
    expect(store.unavailableReason()).toBeNull()
  })

  it.skipIf(!keychain.reachable)('returns exactly what was saved, then nothing once deleted', async () => {
    await store.set('rpc-endpoint:round-trip', RPC_URL)
    expect(await store.get('rpc-endpoint:round-trip')).toBe(RPC_URL)
    expect(await store.delete('rpc-endpoint:round-trip')).toBe(true)
    expect(await store.get('rpc-endpoint:round-trip')).toBeNull()
    expect(await store.delete('rpc-endpoint:round-trip')).toBe(false)
  })

  it.skipIf(!keychain.reachable)('a second save under the same key replaces the first', async () => {
    await store.set('explorer:api-key', 'FIRSTKEY0000000000000001')
    await store.set('explorer:api-key', 'SECONDKEY000000000000002')
    expect(await store.get('explorer:api-key')).toBe('SECONDKEY000000000000002')
  })

  it.skipIf(!keychain.reachable)('keeps non-ASCII text and the longest allowed secret intact', async () => {
    const unicode = 'pässwörd-🔑-пароль-密码'
    const longest = 'k'.repeat(MAX_SECRET_LENGTH)
    await store.set('test:unicode', unicode)
    await store.set('test:longest', longest)
    expect(await store.get('test:unicode')).toBe(unicode)
    expect(await store.get('test:longest')).toBe(longest)
  })

  it.skipIf(!keychain.reachable)(
    'lists its keys but never the availability probe, and only for its own service',
    async () => {
      const other = createKeytarSecretStore({ service: `${store.service}-other` })
      await store.set('test:listed', 'value-one-1234567890')
      await other.set('test:elsewhere', 'value-two-1234567890')
      try {
        const keys = await store.keys()
        expect(keys).toContain('test:listed')
        expect(keys).not.toContain('test:elsewhere')
        expect(keys.some((key) => key.includes('probe'))).toBe(false)
        expect(await other.get('test:listed')).toBeNull()
      } finally {
        await other.delete('test:elsewhere')
      }
    }
  )

  it.skipIf(!keychain.reachable)(
    'refuses empty, oversized and malformed input before reaching the keychain',
    async () => {
      await expect(store.set('test:empty', '')).rejects.toMatchObject({ code: SECRET_ERROR.invalidValue })
      await expect(store.set('test:huge', 'x'.repeat(MAX_SECRET_LENGTH + 1))).rejects.toMatchObject({
        code: SECRET_ERROR.invalidValue
      })
      await expect(store.set('has space', 'value')).rejects.toMatchObject({ code: SECRET_ERROR.invalidKey })
      await expect(store.get('')).rejects.toMatchObject({ code: SECRET_ERROR.invalidKey })
    }
  )
})

describe('OS keychain store when keytar cannot be used', () => {
  it('a native module that fails to load makes the store unavailable, with the reason, and import never crashes', async () => {
    const store = createKeytarSecretStore({
      service: 'Treasury-test-broken',
      load: () => {
        throw new Error("Cannot find module '../build/Release/keytar.node'")
      }
    })
    expect(await store.available()).toBe(false)
    expect(store.unavailableReason()).toMatch(/keychain library could not be loaded/)
    await expect(store.get('any:key')).rejects.toMatchObject({ code: SECRET_ERROR.keychainUnavailable })
  })

  it('a missing D-Bus session is reported as an unreachable Secret Service', async () => {
    const store = createKeytarSecretStore({
      load: () => failingKeytar(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'))
    })
    expect(await store.available()).toBe(false)
    expect(store.unavailableReason()).toBe(
      'the Secret Service could not be reached over D-Bus: Cannot autolaunch D-Bus without X11 $DISPLAY'
    )
  })

  it('a keychain that never answers times out instead of hanging the app', async () => {
    const never = new Promise<never>(() => undefined)
    const store = createKeytarSecretStore({
      timeoutMs: 50,
      load: () => ({
        getPassword: () => never,
        setPassword: () => never,
        deletePassword: () => never,
        findCredentials: () => never
      })
    })
    await expect(store.get('any:key')).rejects.toMatchObject({ code: SECRET_ERROR.keychainTimeout })
    expect(await store.available()).toBe(false)
    expect(store.unavailableReason()).toMatch(/did not answer/)
  })

  it('never puts the secret in an error message, even when the keychain quotes it back', async () => {
    const secret = RPC_URL
    const store = createKeytarSecretStore({
      load: () =>
        failingKeytar(
          new Error(
            `org.freedesktop.Secret.Error.IsLocked: cannot store "${secret}" (key 9aa3d95b3bc440fa88ea12eaa4456161)`
          )
        )
    })
    const error = await store.set('rpc-endpoint:x', secret).then(
      () => null,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(SecretStoreError)
    const everything = `${String(error)} ${JSON.stringify(error)} ${(error as SecretStoreError).message} ${(error as Error).stack ?? ''}`
    expect(everything).not.toContain(secret)
    expect(everything).not.toContain('9aa3d95b3bc440fa88ea12eaa4456161')
    expect((error as SecretStoreError).code).toBe(SECRET_ERROR.keychainFailed)
    expect((error as SecretStoreError).message).toMatch(/could not save the secret/)
  })
})

function failingKeytar(error: Error): KeytarModule {
  const fail = (): Promise<never> => Promise.reject(error)
  return { getPassword: fail, setPassword: fail, deletePassword: fail, findCredentials: fail }
}
