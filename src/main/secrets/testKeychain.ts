// Runs in: main (plain Node), imported by tests only.
// Decides whether keychain tests can talk to a real Secret Service and, when they cannot, whether
// that is allowed: on CI (or with TREASURY_REQUIRE_KEYCHAIN=1) a missing keychain is a failure,
// elsewhere the keychain tests are skipped with the reason printed. Every test run uses its own
// service name, so tests never read or overwrite the user's Treasury entries.

import { randomUUID } from 'node:crypto'
import { createKeytarSecretStore, type KeytarSecretStore } from './keytarStore'

export interface TestKeychain {
  readonly reachable: boolean
  /** Why the keychain is not reachable (empty when it is), with what to do about it. */
  readonly reason: string
  /** True when an unreachable keychain must fail the run instead of skipping its tests. */
  readonly required: boolean
  /** A store on a service name unique to this test file run. */
  readonly store: KeytarSecretStore
}

const RUN_THROUGH =
  'Run the tests through scripts/with-keyring.sh (npm test does), which starts a private GNOME Keyring.'
const PROBE_TIMEOUT_MS = 20_000

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false'
}

export function keychainRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return isTruthy(env.CI) || env.TREASURY_REQUIRE_KEYCHAIN === '1'
}

export async function detectTestKeychain(env: NodeJS.ProcessEnv = process.env): Promise<TestKeychain> {
  const store = createKeytarSecretStore({ service: `Treasury-test-${randomUUID()}`, timeoutMs: PROBE_TIMEOUT_MS })
  const required = keychainRequired(env)
  if (process.platform === 'linux' && !isTruthy(env.DBUS_SESSION_BUS_ADDRESS)) {
    return {
      reachable: false,
      reason: `DBUS_SESSION_BUS_ADDRESS is not set, so no Secret Service can be reached. ${RUN_THROUGH}`,
      required,
      store
    }
  }
  if (await store.available()) return { reachable: true, reason: '', required, store }
  return {
    reachable: false,
    reason: `${store.unavailableReason() ?? 'the keychain did not answer'}. ${RUN_THROUGH}`,
    required,
    store
  }
}

/** Removes every entry a test left under the test store's service name. */
export async function clearTestKeychain(keychain: TestKeychain): Promise<void> {
  if (!keychain.reachable) return
  for (const key of await keychain.store.keys()) await keychain.store.delete(key)
}
