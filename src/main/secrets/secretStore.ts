// Runs in: main (plain Node).
// The contract every secret backend implements (OS keychain, or memory for this session only), the
// error every backend throws, and the input rules shared by all of them. Secrets never leave the
// main process and never appear in an error message.

import { AppFailure, type SecretErrorCode } from '../../shared/errors'

/** Where secrets are kept. Exhaustive switches over this must end in `assertNever`. */
export const SECRET_BACKEND = {
  /** macOS Keychain, Windows Credential Manager or a Linux Secret Service (GNOME Keyring, KWallet). */
  osKeychain: 'os-keychain',
  /** Memory of this process only: gone when the app quits. Used when no keychain is reachable. */
  sessionOnly: 'session-only'
} as const
export type SecretBackendKind = (typeof SECRET_BACKEND)[keyof typeof SECRET_BACKEND]

/** The keychain "service" every Treasury secret is filed under. */
export const SECRET_SERVICE_NAME = 'Treasury'

export interface SecretStore {
  readonly kind: SecretBackendKind
  /** True when the backend can store and return a secret right now. Never throws. */
  available(): Promise<boolean>
  set(key: string, value: string): Promise<void>
  /** The secret stored under `key`, or null when there is none. */
  get(key: string): Promise<string | null>
  /** True when something was deleted. */
  delete(key: string): Promise<boolean>
  /** Keys (never values) of every secret in this store. */
  keys(): Promise<readonly string[]>
}

export const SECRET_ERROR = {
  keychainUnavailable: 'secret_keychain_unavailable',
  keychainFailed: 'secret_keychain_failed',
  keychainTimeout: 'secret_keychain_timeout',
  invalidKey: 'secret_invalid_key',
  invalidValue: 'secret_invalid_value',
  invalidUrl: 'secret_invalid_url',
  notFound: 'secret_not_found'
} as const satisfies Record<string, SecretErrorCode>
export type { SecretErrorCode }

/**
 * The only error the secrets module throws. Its message is written for a finance person and is
 * built without the secret: callers may show or log it as is.
 */
export class SecretStoreError extends AppFailure<SecretErrorCode> {
  constructor(code: SecretErrorCode, message: string) {
    super(code, message)
    this.name = 'SecretStoreError'
  }
}

/** Windows Credential Manager holds at most 2,560 bytes per credential; stay below it everywhere. */
export const MAX_SECRET_LENGTH = 2048
export const MAX_SECRET_KEY_LENGTH = 200
// Keys end up in keychain UIs and logs: printable ASCII only, no spaces, so they cannot hide anything.
const SECRET_KEY_SHAPE = /^[A-Za-z0-9._:@-]+$/

export function assertValidSecretKey(key: string): void {
  if (
    typeof key !== 'string' ||
    key.length === 0 ||
    key.length > MAX_SECRET_KEY_LENGTH ||
    !SECRET_KEY_SHAPE.test(key)
  ) {
    throw new SecretStoreError(
      SECRET_ERROR.invalidKey,
      `A secret's name must be 1 to ${MAX_SECRET_KEY_LENGTH} characters of letters, digits and . _ : @ -.`
    )
  }
}

export function assertValidSecretValue(value: string): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new SecretStoreError(SECRET_ERROR.invalidValue, 'The secret is empty. Enter the value to keep.')
  }
  if (value.length > MAX_SECRET_LENGTH) {
    throw new SecretStoreError(
      SECRET_ERROR.invalidValue,
      `The secret is longer than ${MAX_SECRET_LENGTH} characters, more than every OS keychain can hold.`
    )
  }
}
