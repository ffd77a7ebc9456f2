// Runs in: main (plain Node). Transactions the paying account sent that this desk's journal holds no
// record of: the account's numbers (nonces) from the first one the journal does not hold up to its
// count at the latest block. A data folder restored from a backup, or copied before a payment was
// made, lacks the records of the payments made since, so their rows read as unpaid; what those
// transactions did is read back from the chain before anything is signed. The count is the highest
// the endpoint or any witness reports (an endpoint that hides transactions is outvoted by one that
// shows them), and each transaction is looked for where that count was read.
import { findNonceUse } from './nonceEvidence'
import { sentCallEffect, type SignedEffect } from './signedEffect'
import { readSignedTransaction } from './signedServed'
import { everyWitnessAnswer } from './witnesses'
import type { EthRpc } from './ethRpc'

/**
 * At most this many unrecorded transactions are read back (each is a search of about twenty
 * requests); more than this is reported as too many to read, for a person to look at.
 */
export const MAX_SENDS_READ = 16
/**
 * Searches run side by side, this many at a time: sixteen one after another would keep a review
 * waiting on a distant endpoint for tens of seconds, and all at once would meet its rate limit.
 */
const READ_AT_ONCE = 4

export type UnrecordedSend =
  /** Found and read: what it does, and whether it was mined without reverting (null: no receipt served). */
  | {
      readonly nonce: number
      readonly kind: 'read'
      readonly hash: string
      readonly effect: SignedEffect
      readonly succeeded: boolean | null
    }
  /** The node could not show it (history it does not serve, or older than the search window). */
  | { readonly nonce: number; readonly kind: 'not_found' }

export interface UnrecordedSends {
  /** The first number the journal does not hold. */
  readonly first: number
  /** The account's count at the latest block: numbers first..next-1 were sent without a record here. */
  readonly next: number
  /** The lowest count a source gave: below `next` when sources disagree (see highestCount). */
  readonly agreed: number
  /** Each of them, in order; null when there are more than MAX_SENDS_READ (none was read). */
  readonly sends: readonly UnrecordedSend[] | null
}

/**
 * The account's count at the latest block and, read after it, the head to search up to (a count at
 * 'latest' rather than at a block number: a balanced endpoint's node may not have that block yet).
 */
async function countAndHead(rpc: EthRpc, from: string): Promise<{ next: number; source: EthRpc; head: bigint }> {
  const next = await rpc.nonce(from, 'latest')
  return { next, source: rpc, head: await rpc.blockNumber() }
}

/**
 * The account's count at the latest block, on the endpoint and on each witness on `chainId` that
 * answered: the highest, and who said it, and the lowest. Between the two, the sources disagree:
 * a number only the highest shows as used may be one a source made up.
 */
export async function highestCount(
  rpc: EthRpc,
  witnesses: readonly EthRpc[],
  chainId: bigint,
  from: string
): Promise<{ readonly next: number; readonly lowest: number; readonly source: EthRpc; readonly head: bigint }> {
  const [own, others] = await Promise.all([
    countAndHead(rpc, from),
    everyWitnessAnswer(witnesses, chainId, (witness) => countAndHead(witness, from))
  ])
  const highest = others.reduce((best, seen) => (seen.next > best.next ? seen : best), own)
  return { ...highest, lowest: others.reduce((low, seen) => Math.min(low, seen.next), own.next) }
}

async function readSend(source: EthRpc, from: string, nonce: number, head: bigint): Promise<UnrecordedSend> {
  const use = await findNonceUse(source, from, nonce, head)
  // Believed only as the account signed it: a source that counts transactions could serve made-up ones.
  const served = use === undefined ? undefined : await readSignedTransaction(source, use.hash, from, nonce)
  if (use === undefined || served?.kind !== 'signed') return { nonce, kind: 'not_found' }
  const tx = served.tx
  const receipt = await source.receipt(use.hash)
  return {
    nonce,
    kind: 'read',
    hash: use.hash.toLowerCase(),
    effect: sentCallEffect({ from: tx.from, to: tx.to, value: tx.value, data: tx.input }),
    succeeded: receipt === undefined ? null : receipt.success
  }
}

/** The account's transactions from number `first` on, read back (see the header). */
export async function readUnrecordedSends(
  rpc: EthRpc,
  witnesses: readonly EthRpc[],
  chainId: bigint,
  from: string,
  first: number
): Promise<UnrecordedSends> {
  const { next, lowest: agreed, source, head } = await highestCount(rpc, witnesses, chainId, from)
  if (next <= first) return { first, next, agreed, sends: [] }
  if (next - first > MAX_SENDS_READ) return { first, next, agreed, sends: null }
  const sends: UnrecordedSend[] = []
  for (let start = first; start < next; start += READ_AT_ONCE) {
    const nonces = Array.from({ length: Math.min(READ_AT_ONCE, next - start) }, (_, i) => start + i)
    sends.push(...(await Promise.all(nonces.map((nonce) => readSend(source, from, nonce, head)))))
  }
  return { first, next, agreed, sends }
}
