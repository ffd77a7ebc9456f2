// Runs in: tests (plain Node). Waits for a transaction's receipt by asking the node for it, instead
// of ethers' wait(), which waits for the next block event: on anvil, which mines each transaction at
// once, that event can come before ethers listens for it, and the wait then never ends.
import type { Provider, TransactionReceipt } from 'ethers'

const POLL_MS = 25
/** A transaction anvil has not mined by then never will be: the test fails with its hash. */
const GIVE_UP_MS = 30_000

export async function minedReceipt(provider: Provider, hash: string): Promise<TransactionReceipt> {
  const deadline = Date.now() + GIVE_UP_MS
  for (;;) {
    const receipt = await provider.getTransactionReceipt(hash)
    if (receipt !== null) return receipt
    if (Date.now() > deadline) throw new Error(`Transaction ${hash} was not mined within ${GIVE_UP_MS} ms`)
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}
