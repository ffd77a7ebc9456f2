// Runs in: main (plain Node).
// Secrets in the OS keychain through keytar: macOS Keychain, Windows Credential Manager, Linux
// Secret Service. keytar is a native module reached over D-Bus on Linux, so it is loaded lazily on
// first use: a missing build or a missing session bus becomes "unavailable", never a crash at import.

import { createRequire } from 'node:module'
import { redactSecret } from './mask'
import {
  SECRET_BACKEND,
  SECRET_ERROR,
  SECRET_SERVICE_NAME,
  SecretStoreError,
  assertValidSecretKey,
  assertValidSecretValue,
  type SecretStore
} from './secretStore'

/** The part of keytar's API this store uses. */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>
}

export type KeytarLoader = () => KeytarModule

export interface KeytarStoreOptions {
  /** Keychain service name; tests use their own so they never touch the user's entries. */
  readonly service?: string
  /** How keytar is obtained; injected by tests to simulate a broken native module. */
  readonly load?: KeytarLoader
  /** A keychain that does not answer (locked, prompt ignored, dead bus) must not hang the app. */
  readonly timeoutMs?: number
}

export interface KeytarSecretStore extends SecretStore {
  readonly kind: typeof SECRET_BACKEND.osKeychain
  readonly service: string
  /** Why the keychain is unavailable, after `available()` returned false; null otherwise. */
  unavailableReason(): string | null
}

const DEFAULT_TIMEOUT_MS = 15_000
// Written, read back and deleted by `available()`: proves the keychain can really hold a secret.
const PROBE_ACCOUNT = 'treasury.keychain-probe'

const loadKeytar: KeytarLoader = () => {
  const required: unknown = createRequire(__filename)('keytar')
  const candidate = (required as { default?: unknown }).default ?? required
  if (typeof (candidate as Partial<KeytarModule>).getPassword !== 'function') {
    throw new Error('the keytar module does not export getPassword')
  }
  return candidate as KeytarModule
}

function describeFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|org\.freedesktop\.DBus|dbus|Could not connect/i.test(text)) {
    return `the Secret Service could not be reached over D-Bus: ${text}`
  }
  if (/org\.freedesktop\.secrets|secret service/i.test(text)) {
    return `no Secret Service (GNOME Keyring or KWallet) is running: ${text}`
  }
  if (/cannot find module|\.node|NODE_MODULE_VERSION|invalid ELF|dlopen/i.test(text)) {
    return `the keychain library could not be loaded: ${text}`
  }
  return text
}

function withTimeout<T>(operation: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new SecretStoreError(
          SECRET_ERROR.keychainTimeout,
          `The OS keychain did not answer within ${Math.round(timeoutMs / 1000)} seconds. If it asks to be unlocked, unlock it and try again.`
        )
      )
    }, timeoutMs)
  })
  return Promise.race([operation, timeout]).finally(() => clearTimeout(timer))
}

export function createKeytarSecretStore(options: KeytarStoreOptions = {}): KeytarSecretStore {
  const service = options.service ?? SECRET_SERVICE_NAME
  const load = options.load ?? loadKeytar
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  let keytar: KeytarModule | null = null
  let lastUnavailableReason: string | null = null
  // The cause of the most recent failure, already redacted: the "(…)" of the user's notice.
  let lastFailureReason = ''

  function keytarModule(): KeytarModule {
    if (keytar !== null) return keytar
    try {
      keytar = load()
      return keytar
    } catch (error) {
      lastFailureReason = describeFailure(error)
      throw new SecretStoreError(
        SECRET_ERROR.keychainUnavailable,
        `The OS keychain cannot be used: ${lastFailureReason}`
      )
    }
  }

  /** Runs one keychain call; any failure becomes a SecretStoreError whose message cannot contain `secret`. */
  async function call<T>(what: string, secret: string, run: (k: KeytarModule) => Promise<T>): Promise<T> {
    const k = keytarModule()
    try {
      return await withTimeout(run(k), timeoutMs)
    } catch (error) {
      if (error instanceof SecretStoreError) {
        lastFailureReason = `it did not answer within ${Math.round(timeoutMs / 1000)} seconds`
        throw error
      }
      lastFailureReason = redactSecret(describeFailure(error), secret)
      throw new SecretStoreError(SECRET_ERROR.keychainFailed, `The OS keychain could not ${what}: ${lastFailureReason}`)
    }
  }

  return {
    kind: SECRET_BACKEND.osKeychain,
    service,
    unavailableReason: () => lastUnavailableReason,
    async available() {
      try {
        const probeValue = `probe-${process.pid}-${Date.now()}`
        await call('save a test entry', probeValue, (k) => k.setPassword(service, PROBE_ACCOUNT, probeValue))
        const readBack = await call('read a test entry', probeValue, (k) => k.getPassword(service, PROBE_ACCOUNT))
        await call('delete a test entry', probeValue, (k) => k.deletePassword(service, PROBE_ACCOUNT))
        if (readBack !== probeValue) throw new Error('a test entry read back differently from what was saved')
        lastUnavailableReason = null
        return true
      } catch (error) {
        lastUnavailableReason = error instanceof SecretStoreError ? lastFailureReason : describeFailure(error)
        return false
      }
    },
    async set(key, value) {
      assertValidSecretKey(key)
      assertValidSecretValue(value)
      await call('save the secret', value, (k) => k.setPassword(service, key, value))
    },
    async get(key) {
      assertValidSecretKey(key)
      return call('read the secret', '', (k) => k.getPassword(service, key))
    },
    async delete(key) {
      assertValidSecretKey(key)
      return call('delete the secret', '', (k) => k.deletePassword(service, key))
    },
    async keys() {
      const credentials = await call('list the saved secrets', '', (k) => k.findCredentials(service))
      return credentials.map((c) => c.account).filter((account) => account !== PROBE_ACCOUNT)
    }
  }
}
