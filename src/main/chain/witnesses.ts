// Runs in: main (plain Node). The network's other endpoints as witnesses of the one in use. Each is
// pinned to its URL and asked only after its own chain id check; one that fails, times out or
// serves another chain is skipped and says nothing. What a witness is asked, and what its answer
// may decide, is up to the caller: evidence that a transaction failed or was replaced
// (nonceEvidence.ts), a success behind a failure served before rows are paid again (paidOnChain.ts),
// and a doubt about a success before rows are called paid (below).
import type { EthRpc, Receipt } from './ethRpc'

/**
 * Asks each witness on `chainId` in turn until one answers something other than undefined;
 * undefined when none does. `ask` gets the pinned witness and its head.
 */
export async function askWitnesses<T>(
  witnesses: readonly EthRpc[],
  chainId: bigint,
  ask: (witness: EthRpc, head: bigint) => Promise<T | undefined>
): Promise<T | undefined> {
  for (const witness of witnesses) {
    try {
      const pinned = await witness.pinned()
      const seen = await pinned.chainIdAndHead()
      if (seen.chainId !== chainId) continue
      const answer = await ask(pinned, seen.head)
      if (answer !== undefined) return answer
    } catch {
      // An unusable witness adds nothing; the endpoint's own answer stands.
    }
  }
  return undefined
}

/**
 * Why a successful receipt the endpoint in use served, at `confirmations` deep, is in doubt: a
 * witness on the same chain, already past the depth the endpoint claims, knows no such
 * transaction, has it in another block, or shows it failed. An endpoint that invents receipts (and
 * the nonces that back them) is caught here, while it lies alone. A witness behind that depth is not
 * asked to judge. Undefined when no witness contradicts the receipt.
 */
export function successInDoubt(
  witnesses: readonly EthRpc[],
  chainId: bigint,
  hash: string,
  receipt: Receipt,
  confirmations: number
): Promise<string | undefined> {
  const deepAt = receipt.blockNumber + BigInt(confirmations) - 1n
  return askWitnesses(witnesses, chainId, async (witness, head) => {
    if (head < deepAt) return undefined
    const [seen] = await witness.receipts([hash])
    // The head is read again after the receipt: a balancer's lagging backend answers neither.
    if (seen === undefined && (await witness.blockNumber()) < deepAt) return undefined
    const who = witness.client.label
    if (seen === undefined)
      return `${who} is at block ${head} and knows no such transaction, while the endpoint in use serves it as paid in block ${receipt.blockNumber}.`
    if (seen.blockHash !== receipt.blockHash)
      return `${who} has it in block ${seen.blockNumber} (${seen.blockHash}), while the endpoint in use serves it in block ${receipt.blockNumber} (${receipt.blockHash}).`
    if (!seen.success) return `${who} shows it failed, while the endpoint in use serves it as paid.`
    return undefined
  })
}
