// Runs in: renderer. The payer account chosen per network, remembered in the page's localStorage
// under one key (a map chainId -> derivation path). Only the path is kept: addresses are read
// from the device again, so nothing here can send money somewhere else.

export const PAYER_STORAGE_KEY = 'treasury.payerAccount.v1'
export const DEFAULT_PAYER_PATH = "44'/60'/0'/0/0"
const PATH = /^44'\/60'(\/[0-9]{1,9}'?){1,3}$/

export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

function readAll(store: KeyValueStore): Record<string, string> {
  let parsed: unknown
  try {
    parsed = JSON.parse(store.getItem(PAYER_STORAGE_KEY) ?? '{}')
  } catch {
    return {}
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {}
  const out: Record<string, string> = {}
  for (const [chain, path] of Object.entries(parsed)) if (typeof path === 'string' && PATH.test(path)) out[chain] = path
  return out
}

/** The remembered path for a network, or the first Ledger Live account when none (or garbage) is stored. */
export function readPayerPath(store: KeyValueStore, chainId: number): string {
  return readAll(store)[String(chainId)] ?? DEFAULT_PAYER_PATH
}

export function writePayerPath(store: KeyValueStore, chainId: number, path: string): void {
  if (!PATH.test(path)) return
  try {
    store.setItem(PAYER_STORAGE_KEY, JSON.stringify({ ...readAll(store), [String(chainId)]: path }))
  } catch {
    // Storage full or disabled: the choice lasts for this session only.
  }
}
