// Runs in: main (plain Node). Evidence for the judgement the tracker must never make on an
// endpoint's silence: that a transaction of ours will not pay because its nonce went to another.
// A load-balanced or lagging endpoint can report the account's nonce as used before (or without
// ever) serving the receipt of the transaction that used it, so "no receipt, nonce used" proves
// nothing. What counts as evidence, in the order it is looked for:
// 1. a receipt of one of our same-nonce transactions, read afresh (it may have been mined since the
//    pass read receipts) from the endpoint, then from each other endpoint of the network (a witness);
// 2. another transaction from our account at that nonce, found in the block where the account's
//    nonce moved past it, whose receipt we can read too.
// The search in (2) is bounded: the last NONCE_SEARCH_WINDOW_BLOCKS blocks, a binary search over
// the account's historical nonce (about log2 of the window reads, 17 at most) and one full block.
// A nonce used before the window, history the node no longer serves (pruned state), or a block
// that does not hold the transaction the nonce says it must: no evidence.
import { ChainError, CHAIN_ERROR } from './errors'
import { firstWitnessAnswer } from './witnesses'
import type { EthRpc, Receipt } from './ethRpc'
import type { JournalTx } from './journal'

/** About a week of Ethereum blocks; less time on faster chains. Nonces used earlier are not searched. */
export const NONCE_SEARCH_WINDOW_BLOCKS = 100_000n

/** A transaction from our account at the nonce in question, as a block holds it. */
export interface NonceUse {
  readonly hash: string
  readonly blockNumber: bigint
  readonly blockHash: string
}

export type NonceVerdict =
  /** One of ours has a receipt on `rpc` (the endpoint or a witness), whose latest block is `head`. */
  | {
      readonly kind: 'receipt'
      readonly rpc: EthRpc
      readonly head: bigint
      readonly member: JournalTx
      readonly receipt: Receipt
    }
  /** Another transaction used the nonce; its receipt was read. `head` is the answering node's. */
  | { readonly kind: 'taken'; readonly use: NonceUse; readonly head: bigint }
  /** No evidence either way; `ours` when a block lists one of ours although its receipt is not served. */
  | { readonly kind: 'unknown'; readonly ours?: NonceUse }

/** Answers a node gives when it cannot serve old state: no evidence, not a failed pass. */
const isHistoryRefusal = (e: unknown): boolean => e instanceof ChainError && e.code === CHAIN_ERROR.rpcError

/**
 * The transaction from `from` with `nonce`, in the window of blocks ending at `head`; undefined
 * without evidence (see the header). Transport failures are thrown: the pass is retried.
 */
export async function findNonceUse(
  rpc: EthRpc,
  from: string,
  nonce: number,
  head: bigint,
  window: bigint = NONCE_SEARCH_WINDOW_BLOCKS
): Promise<NonceUse | undefined> {
  try {
    // Invariant: the nonce was free after block `low` and used after block `high`.
    let low = head > window ? head - window : 0n
    let high = head
    if ((await rpc.nonce(from, high)) <= nonce) return undefined
    if ((await rpc.nonce(from, low)) > nonce) return undefined
    while (high - low > 1n) {
      const middle = (low + high) / 2n
      if ((await rpc.nonce(from, middle)) > nonce) high = middle
      else low = middle
    }
    const block = await rpc.blockTransactions(high)
    const sender = from.toLowerCase()
    const tx = block?.transactions.find((t) => t.from === sender && t.nonce === nonce)
    if (!block || !tx) return undefined
    return { hash: tx.hash, blockNumber: block.number, blockHash: block.hash }
  } catch (e) {
    if (isHistoryRefusal(e)) return undefined
    throw e
  }
}

async function freshReceipt(
  rpc: EthRpc,
  members: readonly JournalTx[]
): Promise<{ member: JournalTx; receipt: Receipt } | undefined> {
  const receipts = await rpc.receipts(members.map((m) => m.hash))
  for (const [i, receipt] of receipts.entries()) {
    const member = members[i]
    if (receipt && member) return { member, receipt }
  }
  return undefined
}

/** What one endpoint can show about the nonce: a receipt of ours, another transaction, or ours in a block. */
async function askEndpoint(
  rpc: EthRpc,
  head: bigint,
  members: readonly JournalTx[],
  at: { readonly from: string; readonly nonce: number }
): Promise<NonceVerdict> {
  const found = await freshReceipt(rpc, members)
  if (found) return { kind: 'receipt', rpc, head, ...found }
  const use = await findNonceUse(rpc, at.from, at.nonce, head)
  if (!use) return { kind: 'unknown' }
  if (members.some((m) => m.hash === use.hash)) return { kind: 'unknown', ours: use }
  const receipt = await rpc.receipt(use.hash)
  if (!receipt || receipt.blockHash !== use.blockHash) return { kind: 'unknown' }
  return { kind: 'taken', use, head }
}

/**
 * Looks for evidence on the endpoint, then on each witness on the same chain. A witness that
 * fails, lags or serves another chain is skipped: it can only add evidence, never take it away.
 */
export async function judgeUsedNonce(
  rpc: EthRpc,
  head: bigint,
  witnesses: readonly EthRpc[],
  chainId: bigint,
  members: readonly JournalTx[],
  at: { readonly from: string; readonly nonce: number }
): Promise<NonceVerdict> {
  const own = await askEndpoint(rpc, head, members, at)
  if (own.kind !== 'unknown') return own
  const seen = await firstWitnessAnswer(witnesses, chainId, async (witness, witnessHead) => {
    const verdict = await askEndpoint(witness, witnessHead, members, at)
    return verdict.kind === 'unknown' ? undefined : verdict
  })
  return seen ?? own
}
