// Runs in: main (plain Node). Progress events the engine emits as money moves, so the store's
// audit log and the UI can follow each transaction live. Listeners must not throw.

export type ExecutionEvent =
  | { readonly type: 'signing'; readonly payoutId: string; readonly step: number }
  | { readonly type: 'signed'; readonly payoutId: string; readonly step: number; readonly hash: string; readonly nonce: number }
  | { readonly type: 'broadcast'; readonly payoutId: string; readonly hash: string }
  /** The node's answer was lost (timeout, web page, garbage): the transaction may or may not be on its way. */
  | { readonly type: 'maybe_sent'; readonly payoutId: string; readonly hash: string; readonly code: string }
  | { readonly type: 'broadcast_rejected'; readonly payoutId: string; readonly hash: string; readonly code: string; readonly message: string }
  | { readonly type: 'mined'; readonly payoutId: string; readonly hash: string; readonly blockNumber: bigint }
  /** A reorg removed the block holding it: back to pending confirmation. */
  | { readonly type: 'reorged'; readonly payoutId: string; readonly hash: string }
  | { readonly type: 'confirmed'; readonly payoutId: string; readonly hash: string; readonly paidItems: number; readonly failedItems: number }
  | { readonly type: 'failed'; readonly payoutId: string; readonly hash: string; readonly code: string; readonly reason: string }
  | { readonly type: 'replaced'; readonly payoutId: string; readonly hash: string; readonly byHash: string }
  | { readonly type: 'warning'; readonly payoutId: string; readonly hash: string; readonly message: string }

export type ExecutionListener = (event: ExecutionEvent) => void

export function safeEmit(listener: ExecutionListener | undefined, event: ExecutionEvent): void {
  if (!listener) return
  try {
    listener(event)
  } catch {
    // A failing listener must never interrupt a payment in flight.
  }
}
