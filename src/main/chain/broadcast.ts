// Runs in: main (plain Node). Sends one persisted signed transaction and classifies the answer.
// Only the exact persisted bytes are ever sent, so any number of retries pays at most once. When the
// answer is lost (timeout, HTML page, garbage), the transaction is "maybe sent": it is looked up by
// hash, and retried with the same bytes; what remains unknown is left for the tracker to settle
// by hash and nonce.
import { CHAIN_ERROR, ChainError } from './errors'
import type { EthRpc } from './ethRpc'
import { safeEmit, type ExecutionListener } from './events'
import type { ExecutionJournal } from './journal'

export const BROADCAST_STATUS = {
  /** A node has it (accepted now, or it already knew it, or it is mined). */
  accepted: 'accepted',
  /** No definite answer after all retries; still persisted as signed, to be settled by hash. */
  maybeSent: 'maybe_sent',
  /** The node refused it for a reason that retrying the same bytes will not fix right now. */
  rejected: 'rejected'
} as const

export type BroadcastResult =
  | { readonly status: typeof BROADCAST_STATUS.accepted }
  | { readonly status: typeof BROADCAST_STATUS.maybeSent; readonly error: ChainError }
  | { readonly status: typeof BROADCAST_STATUS.rejected; readonly error: ChainError }

export interface BroadcastOptions {
  readonly attempts: number
  readonly retryDelayMs: number
}

export const DEFAULT_BROADCAST_OPTIONS: BroadcastOptions = { attempts: 3, retryDelayMs: 500 }

export interface SignedRecord {
  readonly payoutId: string
  readonly hash: string
  readonly raw: string
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** True when the node knows the hash (pending or mined); undefined when it cannot tell us. */
async function knownByHash(rpc: EthRpc, hash: string): Promise<boolean | undefined> {
  try {
    if (await rpc.transactionKnown(hash)) return true
    return (await rpc.receipt(hash)) !== undefined
  } catch {
    return undefined
  }
}

export async function broadcastSigned(
  rpc: EthRpc,
  journal: ExecutionJournal,
  tx: SignedRecord,
  options: BroadcastOptions = DEFAULT_BROADCAST_OPTIONS,
  onEvent?: ExecutionListener
): Promise<BroadcastResult> {
  const accepted = async (): Promise<BroadcastResult> => {
    await journal.markBroadcast(tx.hash)
    safeEmit(onEvent, { type: 'broadcast', payoutId: tx.payoutId, hash: tx.hash })
    return { status: BROADCAST_STATUS.accepted }
  }
  let lastError: ChainError | undefined
  for (let attempt = 0; attempt < options.attempts; attempt++) {
    if (attempt > 0) await sleep(options.retryDelayMs * attempt)
    try {
      await rpc.sendRawTransaction(tx.raw)
      return await accepted()
    } catch (e) {
      if (!(e instanceof ChainError)) throw e
      lastError = e
      switch (e.code) {
        case CHAIN_ERROR.alreadyKnown:
          return await accepted()
        case CHAIN_ERROR.nonceTooLow:
        case CHAIN_ERROR.replacementUnderpriced: {
          // Either ours was already mined (or is pending), or another transaction holds the nonce.
          const known = await knownByHash(rpc, tx.hash)
          if (known === true) return await accepted()
          if (known === false) return rejected(e)
          break // cannot tell: retry
        }
        case CHAIN_ERROR.insufficientFunds:
          return rejected(e)
        default:
          if (!e.maybeSent && e.code !== CHAIN_ERROR.rpcRateLimited && e.code !== CHAIN_ERROR.rpcUnreachable)
            return rejected(e)
          safeEmit(onEvent, { type: 'maybe_sent', payoutId: tx.payoutId, hash: tx.hash, code: e.code })
          if ((await knownByHash(rpc, tx.hash)) === true) return await accepted()
      }
    }
  }
  return {
    status: BROADCAST_STATUS.maybeSent,
    error:
      lastError ??
      new ChainError(CHAIN_ERROR.broadcastPending, 'The transaction could not be confirmed as sent yet.', {
        maybeSent: true
      })
  }

  function rejected(error: ChainError): BroadcastResult {
    safeEmit(onEvent, {
      type: 'broadcast_rejected',
      payoutId: tx.payoutId,
      hash: tx.hash,
      code: error.code,
      message: error.message
    })
    return { status: BROADCAST_STATUS.rejected, error }
  }
}
