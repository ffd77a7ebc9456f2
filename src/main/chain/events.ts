// Runs in: main (plain Node). Progress events the engine emits as money moves, so the store's
// audit log and the UI can follow each transaction live. Listeners must not throw.
import type { ExecutionProgressView } from '../../shared/execution'

/**
 * The contract's progress events (src/shared/execution.ts), with the block number as the bigint
 * the engine works with; it becomes a decimal string only when it crosses to the renderer.
 */
export type ExecutionEvent =
  | Exclude<ExecutionProgressView, { readonly type: 'mined' }>
  | { readonly type: 'mined'; readonly payoutId: string; readonly hash: string; readonly blockNumber: bigint }

export type ExecutionListener = (event: ExecutionEvent) => void

export function safeEmit(listener: ExecutionListener | undefined, event: ExecutionEvent): void {
  if (!listener) return
  try {
    listener(event)
  } catch {
    // A failing listener must never interrupt a payment in flight.
  }
}
