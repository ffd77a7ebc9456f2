// Runs in: main (plain Node).
// The secrets module's public surface: where secrets live (OS keychain or this session only), RPC
// endpoint URLs behind opaque references, and masking for anything shown or logged.

export {
  MAX_SECRET_LENGTH,
  SECRET_BACKEND,
  SECRET_ERROR,
  SECRET_SERVICE_NAME,
  SecretStoreError,
  type SecretBackendKind,
  type SecretErrorCode,
  type SecretStore
} from './secretStore'
export {
  createKeytarSecretStore,
  type KeytarLoader,
  type KeytarModule,
  type KeytarSecretStore,
  type KeytarStoreOptions
} from './keytarStore'
export { createSessionSecretStore, type SessionSecretStore } from './sessionStore'
export {
  keychainUnavailableMessage,
  openSecretStore,
  secretStoreOnFirstUse,
  type SecretStoreNotice,
  type SecretStoreSelection
} from './openSecretStore'
export { MASK, looksLikeSecret, maskSecretUrl, maskUrlsInText, redactSecret } from './mask'
export {
  RPC_ENDPOINT_REF_PREFIX,
  isRpcEndpointRef,
  rpcEndpointSecrets,
  validateRpcUrl,
  type RpcEndpointRef,
  type RpcEndpointSecrets
} from './rpcEndpoints'
