// Runs in: main (plain Node). Nonce allocation: the next nonce is the higher of what the chain has
// seen (including its pending pool) and one past the highest the journal ever recorded, so two live
// transactions never share a nonce unless one replaces the other on purpose. Allocation and the
// journal write that claims the nonce happen under one lock per account.

/** `chainPending`: the account's nonce including the node's pending pool; `recorded`: the journal's highest for it. */
export function nextNonce(chainPending: number, recorded: number | undefined): number {
  return recorded === undefined ? chainPending : Math.max(chainPending, recorded + 1)
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
