// Runs in: main (plain Node). Nonce allocation: the next nonce is the highest of what the chain has
// seen (mined, and including its pending pool) and one past the highest the journal ever recorded,
// so two live transactions never share a nonce unless one replaces the other on purpose. Allocation
// and the journal write that claims the nonce happen under one lock per account.
// A pending nonce far past both the mined one and the journal would put the transaction behind a
// gap that only transactions this desk never signed could fill: it would wait unmined, holding its
// rows and every later nonce of the account, and pay whenever the gap happens to close. A lagging or
// lying endpoint answers that way; so does an account another system keeps busy. Nothing is signed then.
import { CHAIN_ERROR, ChainError } from './errors'

/**
 * How many pending transactions of the account the journal may not know of: another wallet's few
 * transactions waiting in the pool. It matches the pending slots a geth node guarantees an account.
 */
export const MAX_UNRECORDED_PENDING = 16

export interface ChainNonces {
  /** The account's nonce including the node's pending pool. */
  readonly pending: number
  /** The account's nonce at the latest block. */
  readonly latest: number
}

/** `recorded`: the journal's highest nonce for the account. Throws NONCE_GAP (see the header). */
export function nextNonce(chain: ChainNonces, recorded: number | undefined): number {
  const known = Math.max(chain.latest, recorded === undefined ? 0 : recorded + 1)
  const unrecorded = chain.pending - known
  if (unrecorded > MAX_UNRECORDED_PENDING) {
    throw new ChainError(
      CHAIN_ERROR.nonceGap,
      `The network endpoint reports ${unrecorded} transactions from the paying account waiting to be processed that this app did not send (next number ${chain.pending}, last processed ${chain.latest}). A payment signed now would wait behind them. Nothing was signed: let those transactions settle, or check the endpoint in Settings.`,
      { details: { pending: chain.pending, latest: chain.latest, recorded } }
    )
  }
  return Math.max(chain.pending, known)
}

/** Serializes async sections per key (an account on a chain). */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>()

  async run<T>(key: string, section: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve()
    let release = (): void => undefined
    const current = new Promise<void>((resolve) => {
      release = resolve
    })
    const tail = previous.then(() => current)
    this.tails.set(key, tail)
    await previous
    try {
      return await section()
    } finally {
      release()
      if (this.tails.get(key) === tail) this.tails.delete(key)
    }
  }
}

export function accountKey(chainId: bigint, from: string): string {
  return `${chainId}:${from.toLowerCase()}`
}
