// Runs in: main (plain Node). The network's other endpoints as witnesses of the one in use. Each is
// pinned to its URL and asked only after its own chain id check; one that fails, times out or
// serves another chain is skipped and says nothing. What a witness is asked, and what its answer
// may decide, is up to the caller: evidence that a transaction failed or was replaced
// (nonceEvidence.ts), a success behind a failure served before rows are paid again (paidOnChain.ts),
// and a doubt about a success before rows are called paid (below).
import type { EthRpc, Receipt } from './ethRpc'

/**
 * Each witness on `chainId` in turn, pinned, with its head, until `visit` says it has its answer
 * (returns true). A witness that fails inside `visit` is skipped like one that cannot be reached.
 */
async function visitWitnesses(
  witnesses: readonly EthRpc[],
  chainId: bigint,
  visit: (witness: EthRpc, head: bigint) => Promise<boolean>
): Promise<void> {
  for (const witness of witnesses) {
    try {
      const pinned = await witness.pinned()
      const seen = await pinned.chainIdAndHead()
      if (seen.chainId === chainId && (await visit(pinned, seen.head))) return
    } catch {
      // An unusable witness adds nothing; the endpoint's own answer stands.
    }
  }
}

/** The first answer other than undefined a witness on `chainId` gives; undefined when none does. */
export async function firstWitnessAnswer<T>(
  witnesses: readonly EthRpc[],
  chainId: bigint,
  ask: (witness: EthRpc, head: bigint) => Promise<T | undefined>
): Promise<T | undefined> {
  let answer: T | undefined
  await visitWitnesses(witnesses, chainId, async (witness, head) => {
    answer = await ask(witness, head)
    return answer !== undefined
  })
  return answer
}

/** Asks every witness on `chainId` (none answers for the others: each may see what another missed). */
export function askEveryWitness(
  witnesses: readonly EthRpc[],
  chainId: bigint,
  ask: (witness: EthRpc, head: bigint) => Promise<void>
): Promise<void> {
  return visitWitnesses(witnesses, chainId, async (witness, head) => {
    await ask(witness, head)
    return false
  })
}

/**
 * Asks every witness on `chainId` at once, each pinned and after its own chain id check: the
 * answers of those that gave one (one that fails, lags or serves another chain is left out), so a
 * slow witness costs its own time, not the sum of all of theirs.
 */
export async function everyWitnessAnswer<T>(
  witnesses: readonly EthRpc[],
  chainId: bigint,
  ask: (witness: EthRpc, head: bigint) => Promise<T>
): Promise<T[]> {
  const answers = await Promise.all(
    witnesses.map(async (witness) => {
      try {
        const pinned = await witness.pinned()
        const seen = await pinned.chainIdAndHead()
        return seen.chainId === chainId ? { answer: await ask(pinned, seen.head) } : undefined
      } catch {
        return undefined // an unusable witness adds nothing
      }
    })
  )
  return answers.flatMap((a) => (a === undefined ? [] : [a.answer]))
}

/** A successful receipt the endpoint in use served, for the transaction `hash`. */
export interface ServedSuccess {
  readonly hash: string
  readonly receipt: Receipt
}

/**
 * Why each successful receipt the endpoint in use served, at `confirmations` deep, is in doubt: a
 * witness on the same chain, already past the depth the endpoint claims, knows no such
 * transaction, has it in another block, or shows it failed. An endpoint that invents receipts (and
 * the nonces that back them) is caught here, while it lies alone. A witness behind that depth is not
 * asked to judge. Each witness is asked once for all of them (one batch); a transaction no witness
 * contradicts is not in the answer.
 */
export async function successesInDoubt(
  witnesses: readonly EthRpc[],
  chainId: bigint,
  served: readonly ServedSuccess[],
  confirmations: number
): Promise<Map<string, string>> {
  const doubts = new Map<string, string>()
  if (served.length === 0) return doubts
  const deepAt = (s: ServedSuccess): bigint => s.receipt.blockNumber + BigInt(confirmations) - 1n
  await askEveryWitness(witnesses, chainId, async (witness, head) => {
    const judged = served.filter((s) => !doubts.has(s.hash) && head >= deepAt(s))
    if (judged.length === 0) return
    const seen = await witness.receipts(judged.map((s) => s.hash))
    // The head is read again after the receipts: a balancer's lagging backend answers neither.
    const after = seen.includes(undefined) ? await witness.blockNumber() : head
    const who = witness.client.label
    judged.forEach((s, i) => {
      const doubt = doubtOf(who, s.receipt, seen[i], head, after >= deepAt(s))
      if (doubt !== undefined) doubts.set(s.hash, doubt)
    })
  })
  return doubts
}

function doubtOf(
  who: string,
  served: Receipt,
  seen: Receipt | undefined,
  head: bigint,
  stillPastIt: boolean
): string | undefined {
  if (seen === undefined)
    return stillPastIt
      ? `${who} is at block ${head} and knows no such transaction, while the endpoint in use serves it as paid in block ${served.blockNumber}.`
      : undefined
  if (seen.blockHash !== served.blockHash)
    return `${who} has it in block ${seen.blockNumber} (${seen.blockHash}), while the endpoint in use serves it in block ${served.blockNumber} (${served.blockHash}).`
  if (!seen.success) return `${who} shows it failed, while the endpoint in use serves it as paid.`
  return undefined
}
