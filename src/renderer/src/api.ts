// Runs in: renderer (sandboxed page). The one typed handle on `window.treasury`, the bridge the
// preload exposes. Views and stores call `api.*` and `onTreasuryEvent`; nothing else touches the
// global, so a page opened without the bridge fails with a readable error instead of a TypeError.
import type { BridgeApi, InputOf, Outputs, TreasuryEvent } from '../../shared/api'
import { METHOD_NAMES, type MethodName } from '../../shared/methods'
import type { AppError, Result } from '../../shared/result'
import type { ErrorCode } from '../../shared/errors'

declare global {
  interface Window {
    readonly treasury?: BridgeApi
  }
}

export const BRIDGE_MISSING = 'bridge_missing' satisfies ErrorCode
export const CALL_FAILED = 'call_failed' satisfies ErrorCode

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

/** What views call: every contract method by name, each resolving to a Result. */
export type Api = { readonly [M in MethodName]: (input: InputOf<M>) => Promise<Result<Outputs[M]>> }

/**
 * Every contract method as `api.name(input)`, built from the contract's list of names so a
 * method added to the contract is callable here without touching this file.
 */
export const api: Api = Object.freeze(
  Object.fromEntries(METHOD_NAMES.map((method) => [method, (input: InputOf<typeof method>) => call(method, input)]))
) as Api

/** Subscribes to events pushed by main; returns the unsubscribe function (a no-op without a bridge). */
export function onTreasuryEvent(listener: (event: TreasuryEvent) => void): () => void {
  const bridge = window.treasury
  if (bridge === undefined) return () => undefined
  return bridge.onEvent(listener)
}

export type { AppError, Result }
