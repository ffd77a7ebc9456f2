// Runs in: main (plain Node). One reconciliation pass over every live transaction of the journal,
// by (account, nonce): exactly one transaction per nonce can be mined, and that one decides the
// fate of its items; the others with the same nonce are replaced. The pass moves transactions to
// mined, confirmed (at the configured depth) or failed; puts mined ones whose block was reorged out
// back to pending confirmation; and re-sends (same bytes) those no node knows, in nonce order per
// account, never past one that no node holds (a later nonce cannot be mined before it anyway, and
// the executor promises that a transaction signed ahead of a refused one is not sent before it).
// The pass is idempotent and uses only the journal and the chain, so it is also how a restart resumes.
import { Transaction } from 'ethers'
import { BROADCAST_STATUS, broadcastSigned, type BroadcastOptions } from './broadcast'
import { ChainError } from './errors'
import type { EthRpc, Receipt } from './ethRpc'
import { safeEmit, type ExecutionListener } from './events'
import { LIVE_TX_STATES, TX_STATE, type ExecutionJournal, type ItemOutcome, type JournalTx } from './journal'
import { checkNativeBatch } from './nativeBatchCheck'
import { SETTLEMENT_FAILURE, settleItems } from './settlement'
import { revertReason } from './simulate'
import { receiptFee } from './txEvidence'
import { executedElsewhere } from '../safe/settle'

export interface TrackerContext {
  readonly rpc: EthRpc
  readonly journal: ExecutionJournal
  readonly chainId: bigint
  /** Blocks on top of and including the transaction's block before it is final (>= 1). */
  readonly confirmations: number
  readonly broadcast: BroadcastOptions
  readonly onEvent?: ExecutionListener
}

/**
 * Memory between passes for the one judgement that must not be hasty: a nonce used on chain by a
 * transaction we do not know. A load-balanced endpoint can report the new nonce before it serves
 * the receipt of ours, so the verdict waits until the condition has held for `confirmations` blocks.
 */
export class NonceWatch {
  private readonly firstSeen = new Map<string, bigint>()
  heldLongEnough(key: string, head: bigint, blocks: number): boolean {
    const first = this.firstSeen.get(key)
    if (first === undefined) {
      this.firstSeen.set(key, head)
      return false
    }
    return head - first >= BigInt(blocks)
  }
  clear(key: string): void {
    this.firstSeen.delete(key)
  }
}

const isLive = (t: JournalTx): boolean => LIVE_TX_STATES.includes(t.state)

async function failureReason(rpc: EthRpc, tx: JournalTx, receipt: Receipt): Promise<string> {
  const parsed = Transaction.from(tx.raw)
  if (!parsed.to) return 'The network ran the transaction and it failed.'
  try {
    await rpc.call(
      { from: tx.from, to: parsed.to, data: parsed.data, value: parsed.value, gas: parsed.gasLimit },
      receipt.blockNumber - 1n
    )
  } catch (e) {
    if (e instanceof ChainError) return `The network ran the transaction and it failed: ${revertReason(e)}`
  }
  return 'The network ran the transaction and it failed (no reason given).'
}

/** What one pass has already read from the chain, so 500 transactions do not mean 1,500 round trips. */
interface PassCache {
  readonly receipts: Map<string, Receipt | undefined>
  readonly blockHashes: Map<bigint, string | undefined>
}

async function canonicalHash(ctx: TrackerContext, cache: PassCache, number: bigint): Promise<string | undefined> {
  if (!cache.blockHashes.has(number)) cache.blockHashes.set(number, (await ctx.rpc.block(number))?.hash)
  return cache.blockHashes.get(number)
}

async function settleMined(
  ctx: TrackerContext,
  cache: PassCache,
  members: readonly JournalTx[],
  tx: JournalTx,
  receipt: Receipt,
  head: bigint
): Promise<void> {
  if ((await canonicalHash(ctx, cache, receipt.blockNumber)) !== receipt.blockHash) return // the node is mid-reorg: look again next pass
  if (tx.state !== TX_STATE.mined || tx.block?.hash !== receipt.blockHash) {
    await ctx.journal.markMined(tx.hash, { number: receipt.blockNumber, hash: receipt.blockHash })
    safeEmit(ctx.onEvent, { type: 'mined', payoutId: tx.payoutId, hash: tx.hash, blockNumber: receipt.blockNumber })
  }
  if (head - receipt.blockNumber + 1n < BigInt(ctx.confirmations)) return
  const block = { number: receipt.blockNumber, hash: receipt.blockHash }
  if (receipt.success) {
    const nativeBatch = await checkNativeBatch(ctx.rpc, tx, receipt)
    for (const message of nativeBatch?.warnings ?? [])
      safeEmit(ctx.onEvent, { type: 'warning', payoutId: tx.payoutId, hash: tx.hash, message })
    await confirm(ctx, tx, receipt, block, nativeBatch?.items ?? settleItems(tx, receipt))
  } else if (await settledByAnotherExecution(ctx, tx, receipt, block)) {
    // The rows were paid by another transaction executing the same Safe transaction.
  } else {
    const reason = await failureReason(ctx.rpc, tx, receipt)
    await ctx.journal.markFailed(tx.hash, { code: SETTLEMENT_FAILURE.reverted, reason })
    safeEmit(ctx.onEvent, {
      type: 'failed',
      payoutId: tx.payoutId,
      hash: tx.hash,
      code: SETTLEMENT_FAILURE.reverted,
      reason
    })
  }
  for (const other of members) {
    if (other.hash === tx.hash || !isLive(other)) continue
    await ctx.journal.markReplaced(other.hash, tx.hash)
    safeEmit(ctx.onEvent, { type: 'replaced', payoutId: other.payoutId, hash: other.hash, byHash: tx.hash })
  }
}

/** Records the final outcome of a mined transaction's items and tells the listener. */
async function confirm(
  ctx: TrackerContext,
  tx: JournalTx,
  receipt: Receipt,
  block: { readonly number: bigint; readonly hash: string },
  items: readonly ItemOutcome[]
): Promise<void> {
  await ctx.journal.markConfirmed(tx.hash, {
    block,
    gasUsed: receipt.gasUsed,
    feePaid: receiptFee(receipt),
    items
  })
  const failedItems = items.filter((i) => !i.paid).length
  safeEmit(ctx.onEvent, {
    type: 'confirmed',
    payoutId: tx.payoutId,
    hash: tx.hash,
    paidItems: items.length - failedItems,
    failedItems
  })
}

/**
 * A Safe execution that reverted because someone sent the same signed Safe transaction first: the
 * rows are paid (by that transaction), never failed. Records this one as the settling record of
 * the rows, with a warning naming the transaction that executed them.
 */
async function settledByAnotherExecution(
  ctx: TrackerContext,
  tx: JournalTx,
  receipt: Receipt,
  block: { readonly number: bigint; readonly hash: string }
): Promise<boolean> {
  const other = await executedElsewhere(ctx.rpc, tx, receipt)
  if (!other) return false
  const otherReceipt = await ctx.rpc.receipt(other)
  if (!otherReceipt) return true // its receipt is not served yet: settle on a later pass
  safeEmit(ctx.onEvent, {
    type: 'warning',
    payoutId: tx.payoutId,
    hash: tx.hash,
    message: `This Safe transaction was executed by ${other} before this execution was mined, so this one reverted; its rows are settled from ${other}.`
  })
  await confirm(ctx, tx, receipt, block, settleItems({ ...tx, hash: other }, otherReceipt))
  return true
}

/**
 * Settles one nonce of one account. `mayBroadcast` is false when an earlier nonce of the account is
 * held by no node: then nothing is (re)sent for this one. Returns whether this nonce is now held
 * (mined, used on chain, or known to or accepted by a node), i.e. whether later ones may be sent.
 */
async function reconcileNonce(
  ctx: TrackerContext,
  watch: NonceWatch,
  cache: PassCache,
  at: { readonly from: string; readonly nonce: number; readonly chainNonce: number; readonly head: bigint },
  mayBroadcast: boolean
): Promise<boolean> {
  const { from, nonce, chainNonce, head } = at
  const members = await ctx.journal.listByNonce(ctx.chainId, from, nonce)
  const live = members.filter(isLive)
  if (live.length === 0) return true
  const key = `${from.toLowerCase()}:${nonce}`
  for (const member of members) {
    const receipt = cache.receipts.has(member.hash)
      ? cache.receipts.get(member.hash)
      : await ctx.rpc.receipt(member.hash)
    if (receipt) {
      watch.clear(key)
      if (isLive(member)) await settleMined(ctx, cache, members, member, receipt, head)
      return true
    }
  }
  for (const member of live) {
    if (member.state !== TX_STATE.mined) continue
    await ctx.journal.markUnmined(member.hash)
    safeEmit(ctx.onEvent, { type: 'reorged', payoutId: member.payoutId, hash: member.hash })
  }
  if (chainNonce > nonce) {
    if (!watch.heldLongEnough(key, head, ctx.confirmations)) return true
    const reason =
      'Another transaction from the paying account used the same sequence number, so this one can never be processed. Nothing was paid by it.'
    for (const member of live) {
      await ctx.journal.markFailed(member.hash, { code: SETTLEMENT_FAILURE.nonceTaken, reason })
      safeEmit(ctx.onEvent, {
        type: 'failed',
        payoutId: member.payoutId,
        hash: member.hash,
        code: SETTLEMENT_FAILURE.nonceTaken,
        reason
      })
    }
    watch.clear(key)
    return true
  }
  watch.clear(key)
  // Not mined and the nonce is free: make sure a node holds one of them; newest replacement first.
  for (const member of [...live].reverse()) {
    if (await ctx.rpc.transactionKnown(member.hash)) {
      if (member.state === TX_STATE.signed) await ctx.journal.markBroadcast(member.hash)
      return true
    }
  }
  if (!mayBroadcast) return false
  for (const member of [...live].reverse()) {
    const result = await broadcastSigned(ctx.rpc, ctx.journal, member, { ...ctx.broadcast, attempts: 1 }, ctx.onEvent)
    if (result.status === BROADCAST_STATUS.accepted) return true
  }
  return false
}

/** One pass. Returns how many live transactions remain on this chain. */
export async function reconcile(ctx: TrackerContext, watch: NonceWatch): Promise<number> {
  const live = (await ctx.journal.listUnsettled()).filter((t) => t.chainId === ctx.chainId)
  if (live.length === 0) return 0
  const head = await ctx.rpc.blockNumber()
  const receipts = await ctx.rpc.receipts(live.map((t) => t.hash))
  const cache: PassCache = { receipts: new Map(live.map((t, i) => [t.hash, receipts[i]])), blockHashes: new Map() }
  const accounts = new Map<string, Set<number>>()
  for (const t of live) {
    const set = accounts.get(t.from) ?? new Set<number>()
    set.add(t.nonce)
    accounts.set(t.from, set)
  }
  for (const [from, nonces] of accounts) {
    const chainNonce = await ctx.rpc.nonce(from, 'latest')
    let mayBroadcast = true
    for (const nonce of [...nonces].sort((a, b) => a - b)) {
      mayBroadcast =
        (await reconcileNonce(ctx, watch, cache, { from, nonce, chainNonce, head }, mayBroadcast)) && mayBroadcast
    }
  }
  return (await ctx.journal.listUnsettled()).filter((t) => t.chainId === ctx.chainId).length
}
