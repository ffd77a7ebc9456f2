// Runs in: main (plain Node).
// RPC endpoint URLs (which often embed an Infura, Alchemy or QuickNode key) kept in the secret
// store under an opaque reference. SQLite stores only the reference; the renderer only ever sees
// the masked form; the full URL is resolved in main at the moment a provider is created.

import { randomUUID } from 'node:crypto'
import { checkEndpointScheme, LOOPBACK_HOSTS_TEXT } from './endpointScheme'
import { maskSecretUrl } from './mask'
import { assertNever } from '../../shared/result'
import {
  MAX_SECRET_LENGTH,
  SECRET_BACKEND,
  SECRET_ERROR,
  SecretStoreError,
  type SecretBackendKind,
  type SecretStore
} from './secretStore'

export const RPC_ENDPOINT_REF_PREFIX = 'rpc-endpoint:'
const REF_SHAPE = /^rpc-endpoint:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** What may be stored in SQLite and shown in the UI for an endpoint. */
export interface RpcEndpointRef {
  /** Opaque id, e.g. `rpc-endpoint:2f0c…`; reveals nothing about the URL. */
  readonly ref: string
  /** For display and logs: `https://mainnet.infura.io/••••`. */
  readonly masked: string
}

export interface RpcEndpointSecrets {
  /** Stores a new endpoint URL and returns its reference. */
  save(url: string): Promise<RpcEndpointRef>
  /** Replaces the URL behind an existing reference (a rotated API key keeps its reference). */
  replace(ref: string, url: string): Promise<RpcEndpointRef>
  /** The full URL, for the main process only. Fails with `secret_not_found` when it is gone. */
  resolve(ref: string): Promise<string>
  remove(ref: string): Promise<boolean>
  /** Every stored endpoint in masked form, for settings screens. */
  listMasked(): Promise<readonly RpcEndpointRef[]>
}

export function isRpcEndpointRef(text: string): boolean {
  return REF_SHAPE.test(text)
}

/** Checks an RPC URL (see endpointScheme.ts for the schemes allowed); errors quote only its masked form. */
export function validateRpcUrl(url: string): string {
  const trimmed = typeof url === 'string' ? url.trim() : ''
  if (trimmed === '')
    throw new SecretStoreError(
      SECRET_ERROR.invalidUrl,
      'The RPC URL is empty. Paste the endpoint URL from your provider.'
    )
  if (trimmed.length > MAX_SECRET_LENGTH) {
    throw new SecretStoreError(SECRET_ERROR.invalidUrl, `The RPC URL is longer than ${MAX_SECRET_LENGTH} characters.`)
  }
  let parsed: URL
  try {
    parsed = new URL(trimmed)
  } catch {
    throw new SecretStoreError(
      SECRET_ERROR.invalidUrl,
      'The RPC URL is not a valid URL. It should look like https://provider.example/v3/your-key.'
    )
  }
  const scheme = checkEndpointScheme(parsed)
  if ((!scheme.ok && scheme.reason === 'not_rpc') || parsed.hostname === '') {
    throw new SecretStoreError(
      SECRET_ERROR.invalidUrl,
      `The RPC URL ${maskSecretUrl(trimmed)} must start with https:// or wss:// and name a host.`
    )
  }
  if (!scheme.ok) {
    throw new SecretStoreError(
      SECRET_ERROR.invalidUrl,
      `The RPC URL ${maskSecretUrl(trimmed)} is not encrypted (${parsed.protocol}//): your API key and every answer ` +
        `would cross the network readable and changeable by anyone on the way. Use the https:// or wss:// address ` +
        `your provider gives; ${parsed.protocol}// is accepted only for a node on this computer (${LOOPBACK_HOSTS_TEXT}).`
    )
  }
  if (/\s/.test(trimmed)) {
    throw new SecretStoreError(
      SECRET_ERROR.invalidUrl,
      `The RPC URL ${maskSecretUrl(trimmed)} contains spaces. Copy it again from your provider.`
    )
  }
  return trimmed
}

function missingEndpointMessage(kind: SecretBackendKind): string {
  switch (kind) {
    case SECRET_BACKEND.osKeychain:
      return 'This RPC endpoint is no longer in the OS keychain. Enter its URL again in Settings.'
    case SECRET_BACKEND.sessionOnly:
      return 'This RPC endpoint was kept for an earlier session only (no OS keychain is available). Enter its URL again in Settings.'
    default:
      return assertNever(kind, 'secret backend')
  }
}

function assertRef(ref: string): void {
  if (!isRpcEndpointRef(ref)) {
    throw new SecretStoreError(
      SECRET_ERROR.notFound,
      'This RPC endpoint reference is not valid. Enter the endpoint URL again in Settings.'
    )
  }
}

export function rpcEndpointSecrets(store: SecretStore, newId: () => string = randomUUID): RpcEndpointSecrets {
  return {
    async save(url) {
      const valid = validateRpcUrl(url)
      const ref = `${RPC_ENDPOINT_REF_PREFIX}${newId()}`
      assertRef(ref)
      await store.set(ref, valid)
      return { ref, masked: maskSecretUrl(valid) }
    },
    async replace(ref, url) {
      assertRef(ref)
      const valid = validateRpcUrl(url)
      await store.set(ref, valid)
      return { ref, masked: maskSecretUrl(valid) }
    },
    async resolve(ref) {
      assertRef(ref)
      const url = await store.get(ref)
      if (url === null) {
        throw new SecretStoreError(SECRET_ERROR.notFound, missingEndpointMessage(store.kind))
      }
      return url
    },
    async remove(ref) {
      assertRef(ref)
      return store.delete(ref)
    },
    async listMasked() {
      const refs = (await store.keys()).filter(isRpcEndpointRef).sort()
      const entries: RpcEndpointRef[] = []
      for (const ref of refs) {
        const url = await store.get(ref)
        if (url !== null) entries.push({ ref, masked: maskSecretUrl(url) })
      }
      return entries
    }
  }
}
