// Runs in: tests (plain Node). Waits for a transaction (or a deployment) by asking the node for its
// receipt, instead of ethers' wait(), which waits for the next block event: on anvil, which mines
// each transaction at once, that event can come before ethers listens for it, and the wait then
// never ends. Every test and fixture waits this way.
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

/** A contract just deployed, once its deployment is mined: its address. */
export async function deployedAddress(
  provider: Provider,
  contract: { deploymentTransaction(): { hash: string } | null; getAddress(): Promise<string> }
): Promise<string> {
  const sent = contract.deploymentTransaction()
  if (sent === null) throw new Error('The contract was not deployed by this process')
  await minedReceipt(provider, sent.hash)
  return contract.getAddress()
}
