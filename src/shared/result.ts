// Runs in: every process. Results that cross a boundary: a value or an error a program can branch
// on (`code`) and a finance person can act on (`message`). Thrown exceptions never cross IPC.

import type { ErrorCode } from './errors'

export interface AppError {
  readonly code: ErrorCode
  readonly message: string
  readonly details?: unknown
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const err = (code: ErrorCode, message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details }
})

/** Makes a `switch` over a union exhaustive: adding a member breaks the build where it is not handled. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${String(value)}`)
}
