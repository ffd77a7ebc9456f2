// Runs in: main (plain Node).
// Chooses where secrets live for this run: the OS keychain when it can really hold a secret, else
// memory for this session only, with a notice the UI shows so the user knows keys will not survive
// a restart. There is deliberately no third option: secrets are never written to disk in plain text.

import { createKeytarSecretStore, type KeytarStoreOptions } from './keytarStore'
import { SECRET_ERROR, type SecretStore } from './secretStore'
import { createSessionSecretStore } from './sessionStore'

export interface SecretStoreNotice {
  readonly code: typeof SECRET_ERROR.keychainUnavailable
  /** For the user, as is: what happened and what it means for them. */
  readonly message: string
  /** The technical cause, for the diagnostics view; never contains a secret. */
  readonly reason: string
}

export interface SecretStoreSelection {
  readonly store: SecretStore
  /** Null when the OS keychain is used; otherwise the notice to show. */
  readonly notice: SecretStoreNotice | null
}

export function keychainUnavailableMessage(reason: string): string {
  return `No OS keychain is available (${reason}); RPC keys are kept for this session only and must be entered again after restart.`
}

export async function openSecretStore(options: KeytarStoreOptions = {}): Promise<SecretStoreSelection> {
  const keychain = createKeytarSecretStore(options)
  if (await keychain.available()) return { store: keychain, notice: null }
  const reason = keychain.unavailableReason() ?? 'the keychain did not answer'
  return {
    store: createSessionSecretStore(),
    notice: { code: SECRET_ERROR.keychainUnavailable, message: keychainUnavailableMessage(reason), reason }
  }
}

/**
 * The store chosen on first use, so starting the app never waits on the keychain; a store given
 * (tests, the demo) is used as it is.
 */
export function secretStoreOnFirstUse(given?: SecretStore) {
  let opened: Promise<SecretStoreSelection> | null = null
  const selection = (): Promise<SecretStoreSelection> =>
    (opened ??= given ? Promise.resolve({ store: given, notice: null }) : openSecretStore())
  return {
    store: async (): Promise<SecretStore> => (await selection()).store,
    notice: async (): Promise<SecretStoreNotice | null> => (await selection()).notice
  }
}
