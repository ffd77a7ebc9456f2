// Runs in: main (plain Node).
// The fallback when no OS keychain is reachable: secrets live in this process's memory only and are
// gone when the app quits. Nothing is ever written to disk, so the user must enter them again.

import { SECRET_BACKEND, assertValidSecretKey, assertValidSecretValue, type SecretStore } from './secretStore'

export interface SessionSecretStore extends SecretStore {
  readonly kind: typeof SECRET_BACKEND.sessionOnly
}

export function createSessionSecretStore(): SessionSecretStore {
  const secrets = new Map<string, string>()
  return {
    kind: SECRET_BACKEND.sessionOnly,
    available: async () => true,
    async set(key, value) {
      assertValidSecretKey(key)
      assertValidSecretValue(value)
      secrets.set(key, value)
    },
    async get(key) {
      assertValidSecretKey(key)
      return secrets.get(key) ?? null
    },
    async delete(key) {
      assertValidSecretKey(key)
      return secrets.delete(key)
    },
    keys: async () => [...secrets.keys()]
  }
}
