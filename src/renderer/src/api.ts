// Runs in: renderer (sandboxed page). The one typed handle on `window.treasury`, the bridge the
// preload exposes. Views and stores call `api.*` and `onTreasuryEvent`; nothing else touches the
// global, so a page opened without the bridge fails with a readable error instead of a TypeError.
import type { BridgeApi, InputOf, MethodName, Outputs, TreasuryEvent } from '../../shared/api'
import type { AppError, Result } from '../../shared/result'

declare global {
  interface Window {
    readonly treasury?: BridgeApi
  }
}

export const BRIDGE_MISSING = 'bridge_missing'
export const CALL_FAILED = 'call_failed'

const missing: AppError = {
  code: BRIDGE_MISSING,
  message: 'The app could not reach its data. Close Treasury and open it again; if this keeps happening, reinstall it.'
}

/** Calls one contract method. Resolves to a Result whatever happens: a rejected promise becomes an error value. */
export async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<Result<Outputs[M]>> {
  const bridge = window.treasury
  if (bridge === undefined) return { ok: false, error: missing }
  try {
    // The bridge's methods are typed per name; indexing by a generic name loses that link, so the
    // call goes through a narrow function type that keeps input and output paired by M.
    const fn = bridge[method] as unknown as (input: InputOf<M>) => Promise<Result<Outputs[M]>>
    return await fn(input)
  } catch (e) {
    // The contract says the bridge never throws; if it does anyway, show it rather than crash.
    return { ok: false, error: { code: CALL_FAILED, message: e instanceof Error ? e.message : String(e) } }
  }
}

/** Every contract method as `api.name(input)`: reads like the contract and keeps its types. */
export const api = {
  listNetworks: () => call('listNetworks', {}),
  listAssets: (input: InputOf<'listAssets'>) => call('listAssets', input),
  checkRecipient: (input: InputOf<'checkRecipient'>) => call('checkRecipient', input),
  createPayout: (input: InputOf<'createPayout'>) => call('createPayout', input),
  updatePayout: (input: InputOf<'updatePayout'>) => call('updatePayout', input),
  getPayout: (input: InputOf<'getPayout'>) => call('getPayout', input),
  listPayouts: (input: InputOf<'listPayouts'>) => call('listPayouts', input),
  cancelPayout: (input: InputOf<'cancelPayout'>) => call('cancelPayout', input),
  getSettings: () => call('getSettings', {}),
  updateSettings: (input: InputOf<'updateSettings'>) => call('updateSettings', input)
} as const satisfies Record<MethodName, unknown>

/** Subscribes to events pushed by main; returns the unsubscribe function (a no-op without a bridge). */
export function onTreasuryEvent(listener: (event: TreasuryEvent) => void): () => void {
  const bridge = window.treasury
  if (bridge === undefined) return () => undefined
  return bridge.onEvent(listener)
}

export type { AppError, Result }
