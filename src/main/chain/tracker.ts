// Runs in: main (plain Node). One reconciliation pass over every open transaction of the journal,
// by (account, nonce): exactly one transaction per nonce can be mined, and that one decides the
// fate of its items; the others with the same nonce are replaced. The pass first checks that the
// endpoint serves this chain (a pass on another chain reads and settles nothing), then moves
// transactions to mined, confirmed (at the configured depth) or failed; puts mined ones whose block
// was reorged out back to pending confirmation; re-sends (same bytes) those no node knows, in nonce
// order per account, never past one that no node holds (a later nonce cannot be mined before it
// anyway, and the executor promises that a transaction signed ahead of a refused one is not sent
// before it); and compares the blocks of recently confirmed transactions again, so a confirmed one
// whose block left the chain is live again.
// A transaction is failed only on evidence (a receipt with status 0, or another transaction we can
// read at its nonce, see nonceEvidence.ts), and mined only on a receipt the account's nonce agrees
// with (its nonce used); an endpoint that serves a used nonce but no receipt
// makes it unverified: its items need checking, it is never re-sent, and it is looked at again on
// later passes and on the network's other endpoints.
// A transaction whose journal record is not what its signed bytes say (RecordWatch: links moved, a
// sender or nonce rewritten, a row's recipient changed before it settles) is not acted on: it is
// unverified, its rows need checking, and it is followed again once the record matches.
// The pass is idempotent and uses only the journal and the chain, so it is also how a restart resumes.
import { Transaction } from 'ethers'
import { BROADCAST_STATUS, broadcastSigned, type BroadcastOptions } from './broadcast'
import { CHAIN_ERROR, ChainError } from './errors'
import type { EthRpc, Receipt } from './ethRpc'
import { safeEmit, type ExecutionListener } from './events'
import {
  LIVE_TX_STATES,
  OPEN_TX_STATES,
  TX_STATE,
  type ExecutionJournal,
  type ItemOutcome,
  type JournalTx
} from './journal'
import { checkNativeBatch } from './nativeBatchCheck'
import { recheckConfirmed } from './confirmedWatch'
import { judgeUsedNonce, type NonceUse } from './nonceEvidence'
import { SETTLEMENT_FAILURE, settleItems } from './settlement'
import { revertReason } from './simulate'
import { successesInDoubt } from './witnesses'
import { receiptFee } from './txEvidence'
import { executedElsewhere } from '../safe/settle'

export interface TrackerContext {
  readonly rpc: EthRpc
  readonly journal: ExecutionJournal
  readonly chainId: bigint
  /** Blocks on top of and including the transaction's block before it is final (>= 1). */
  readonly confirmations: number
  /** Blocks after its confirmation during which a confirmed transaction's block is compared again (0: never). */
  readonly reorgWatchBlocks: number
  /** The network's other endpoints: asked for evidence before a transaction is judged on the endpoint's silence. */
  readonly witnesses: readonly EthRpc[]
  /** Whether the journal's records are what their signed bytes say (absent: every record is taken as it is). */
  readonly records?: RecordWatch
  readonly broadcast: BroadcastOptions
  readonly onEvent?: ExecutionListener
}

/**
 * The journal's records held to their signed bytes (services/execution/recordCheck.ts). A record
 * that differs is not acted on: its transaction becomes unverified and its rows need checking.
 */
export interface RecordWatch {
  /** The open transactions whose record differs from their bytes, by hash, with what differs. */
  differences(open: readonly JournalTx[]): ReadonlyMap<string, string>
  /** What differs for one transaction about to settle its rows as paid, the rows read again. */
  beforeSettling(tx: JournalTx): string | undefined
}

/** What a pass leaves to follow on its chain. */
export interface PassResult {
  /** Signed, broadcast or mined: the next pass has work. */
  readonly live: number
  /** Outcome unknown: re-checked on later passes, at a slower pace when nothing else is live. */
  readonly unverified: number
  /** Confirmed, still inside the reorg re-check window. */
  readonly watched: number
}

export const NOTHING_TO_FOLLOW: PassResult = { live: 0, unverified: 0, watched: 0 }

/** The endpoint serves another chain: nothing is read or settled from it until it is corrected. */
export function wrongChainError(label: string, actual: bigint, expected: bigint): ChainError {
  return new ChainError(
    CHAIN_ERROR.wrongChain,
    `${label} now serves chain ${actual}, not chain ${expected}. Payments on this network are no longer followed until its endpoint is corrected in Settings; nothing was settled from it.`,
    { details: { chainId: actual, expectedChainId: expected } }
  )
}

/**
 * Memory between passes for the judgements that must not be hasty: a nonce used on chain with no
 * receipt of ours. A load-balanced endpoint can report the new nonce before it serves the receipt
 * of ours, so the evidence is looked for only once the condition has held for `confirmations`
 * blocks, and then at most once per new block.
 */
export class TrackerMemory {
  private readonly firstSeen = new Map<string, bigint>()
  private readonly searched = new Map<string, bigint>()
  /** The head of the last pass: tells whether confirmed transactions may still need a look. */
  lastHead: bigint | undefined
  heldLongEnough(key: string, head: bigint, blocks: number): boolean {
    const first = this.firstSeen.get(key)
    if (first === undefined) {
      this.firstSeen.set(key, head)
      return false
    }
    return head - first >= BigInt(blocks)
  }
  /** True once per new head for `key`: the evidence search is not repeated on the same chain state. */
  searchDue(key: string, head: bigint): boolean {
    const last = this.searched.get(key)
    if (last !== undefined && last >= head) return false
    this.searched.set(key, head)
    return true
  }
  clear(key: string): void {
    this.firstSeen.delete(key)
    this.searched.delete(key)
  }
}

const isLive = (t: JournalTx): boolean => LIVE_TX_STATES.includes(t.state)
const isOpen = (t: JournalTx): boolean => OPEN_TX_STATES.includes(t.state)

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
  /** The witnesses' doubt about a success this pass read deep enough (undefined: none), asked once for all. */
  readonly doubts: Map<string, string | undefined>
}

const emptyCache = (): PassCache => ({ receipts: new Map(), blockHashes: new Map(), doubts: new Map() })

async function canonicalHash(ctx: TrackerContext, cache: PassCache, number: bigint): Promise<string | undefined> {
  if (!cache.blockHashes.has(number)) cache.blockHashes.set(number, (await ctx.rpc.block(number))?.hash)
  return cache.blockHashes.get(number)
}

async function settleMined(
  ctx: TrackerContext,
  memory: TrackerMemory,
  cache: PassCache,
  members: readonly JournalTx[],
  tx: JournalTx,
  receipt: Receipt,
  head: bigint
): Promise<void> {
  if ((await canonicalHash(ctx, cache, receipt.blockNumber)) !== receipt.blockHash) return // the node is mid-reorg: look again next pass
  const deep = head - receipt.blockNumber + 1n >= BigInt(ctx.confirmations)
  if (deep && receipt.success) {
    const doubt = cache.doubts.has(tx.hash)
      ? cache.doubts.get(tx.hash)
      : (await successesInDoubt(ctx.witnesses, ctx.chainId, [{ hash: tx.hash, receipt }], ctx.confirmations)).get(
          tx.hash
        )
    const key = `doubt:${tx.hash}`
    if (doubt === undefined) memory.clear(key)
    else {
      // Neither paid nor failed: settled on neither word. A witness behind a balancer can miss a
      // receipt for a moment, so the rows are put to a person only once the doubt has held for
      // `confirmations` blocks; later passes ask again either way.
      if (tx.state !== TX_STATE.unverified && memory.heldLongEnough(key, head, ctx.confirmations)) {
        const reason = `The endpoints of this network disagree about this transaction: ${doubt} Whether it paid is unknown: look it up on a block explorer before paying its rows again.`
        await ctx.journal.markUnverified(tx.hash, { code: SETTLEMENT_FAILURE.endpointsDisagree, reason })
        safeEmit(ctx.onEvent, { type: 'unverified', payoutId: tx.payoutId, hash: tx.hash, reason })
      }
      return
    }
    // The rows are read again just before they are called paid: one edited in the file while its
    // payment was on its way is not paid by a payment to someone else.
    const altered = ctx.records?.beforeSettling(tx)
    if (altered !== undefined) return markAltered(ctx, tx, altered)
  }
  if (tx.state !== TX_STATE.mined || tx.block?.hash !== receipt.blockHash) {
    await ctx.journal.markMined(tx.hash, { number: receipt.blockNumber, hash: receipt.blockHash })
    safeEmit(ctx.onEvent, { type: 'mined', payoutId: tx.payoutId, hash: tx.hash, blockNumber: receipt.blockNumber })
  }
  if (!deep) return
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
    if (other.hash === tx.hash || !isOpen(other)) continue
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
  const uncheckedItems = items.filter((i) => !i.paid && i.needsCheck === true).length
  const paidItems = items.filter((i) => i.paid).length
  safeEmit(ctx.onEvent, {
    type: 'confirmed',
    payoutId: tx.payoutId,
    hash: tx.hash,
    paidItems,
    failedItems: items.length - paidItems - uncheckedItems,
    uncheckedItems
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

interface NonceAt {
  readonly from: string
  readonly nonce: number
  readonly chainNonce: number
  readonly head: bigint
}

function uncertainNote(nonce: number, ours: NonceUse | undefined): string {
  const seen = ours
    ? ` The endpoint does list this transaction in block ${ours.blockNumber}, but serves no receipt for it.`
    : ''
  return `The network shows the paying account's sequence number ${nonce} as used, but no endpoint returns a receipt for this transaction and no other transaction with that number could be read.${seen} Whether it paid is unknown: look it up on a block explorer before paying its rows again.`
}

/**
 * The nonce is used on chain and no receipt of ours was in the pass's read: decide on evidence
 * only. A receipt found now settles as usual; another transaction at the nonce, once at depth,
 * fails ours; without either, ours become unverified.
 */
async function judgeUsedNonceOf(
  ctx: TrackerContext,
  memory: TrackerMemory,
  cache: PassCache,
  members: readonly JournalTx[],
  at: NonceAt
): Promise<void> {
  const key = `${at.from.toLowerCase()}:${at.nonce}`
  const open = members.filter(isOpen)
  const judged = open.every((m) => m.state === TX_STATE.unverified)
  if (!judged && !memory.heldLongEnough(key, at.head, ctx.confirmations)) return
  if (!memory.searchDue(key, at.head)) return
  const verdict = await judgeUsedNonce(ctx.rpc, at.head, ctx.witnesses, ctx.chainId, members, at)
  switch (verdict.kind) {
    case 'receipt': {
      const own = verdict.rpc === ctx.rpc
      await settleMined(
        own ? ctx : { ...ctx, rpc: verdict.rpc },
        memory,
        own ? cache : emptyCache(),
        members,
        verdict.member,
        verdict.receipt,
        verdict.head
      )
      return
    }
    case 'taken': {
      const { use } = verdict
      if (verdict.head - use.blockNumber + 1n < BigInt(ctx.confirmations)) return // deep enough first
      const reason = `Transaction ${use.hash} from the paying account used the same sequence number (${at.nonce}) in block ${use.blockNumber}, so this one can never be processed. Nothing was paid by it.`
      for (const member of open) {
        await ctx.journal.markFailed(member.hash, { code: SETTLEMENT_FAILURE.nonceTaken, reason })
        safeEmit(ctx.onEvent, {
          type: 'failed',
          payoutId: member.payoutId,
          hash: member.hash,
          code: SETTLEMENT_FAILURE.nonceTaken,
          reason
        })
      }
      memory.clear(key)
      return
    }
    case 'unknown': {
      const reason = uncertainNote(at.nonce, verdict.ours)
      for (const member of open) {
        if (member.state === TX_STATE.unverified) continue
        await ctx.journal.markUnverified(member.hash, { code: SETTLEMENT_FAILURE.noReceipt, reason })
        safeEmit(ctx.onEvent, { type: 'unverified', payoutId: member.payoutId, hash: member.hash, reason })
      }
      return
    }
    default: {
      const unknown: never = verdict
      throw new Error(`unknown nonce verdict ${String(unknown)}`)
    }
  }
}

/**
 * Settles one nonce of one account. `mayBroadcast` is false when an earlier nonce of the account is
 * held by no node: then nothing is (re)sent for this one. Returns whether this nonce is now held
 * (mined, used on chain, or known to or accepted by a node), i.e. whether later ones may be sent.
 */
async function reconcileNonce(
  ctx: TrackerContext,
  memory: TrackerMemory,
  cache: PassCache,
  altered: ReadonlyMap<string, string>,
  at: NonceAt,
  mayBroadcast: boolean
): Promise<boolean> {
  const { from, nonce, chainNonce } = at
  const members = await ctx.journal.listByNonce(ctx.chainId, from, nonce)
  const open = members.filter(isOpen)
  if (open.length === 0) return true
  // One of the nonce's transactions is not what its record says: nothing at this nonce is judged or
  // sent on the records, and later nonces wait for it as for one no node holds.
  if (open.some((m) => altered.has(m.hash))) return false
  const key = `${from.toLowerCase()}:${nonce}`
  for (const member of members) {
    const receipt = cache.receipts.has(member.hash)
      ? cache.receipts.get(member.hash)
      : await ctx.rpc.receipt(member.hash)
    if (receipt) {
      // The same endpoint counts the account's mined transactions at or below this nonce: a receipt
      // for a nonce not yet used contradicts it (a lagging node behind a balancer, or an invented
      // receipt). Nothing is settled, re-sent or judged on it; a later pass reads both again.
      if (chainNonce <= nonce) return true
      memory.clear(key)
      if (isOpen(member)) await settleMined(ctx, memory, cache, members, member, receipt, at.head)
      return true
    }
  }
  for (const member of open) {
    if (member.state !== TX_STATE.mined) continue
    await ctx.journal.markUnmined(member.hash)
    safeEmit(ctx.onEvent, { type: 'reorged', payoutId: member.payoutId, hash: member.hash })
  }
  if (chainNonce > nonce) {
    await judgeUsedNonceOf(ctx, memory, cache, members, at)
    return true
  }
  memory.clear(key)
  // The nonce is free again (the block that used it left the chain): unverified ones are live again.
  const live: JournalTx[] = []
  for (const member of open) {
    if (member.state === TX_STATE.unverified) {
      await ctx.journal.markUnmined(member.hash)
      live.push({ ...member, state: TX_STATE.broadcast })
    } else live.push(member)
  }
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

/**
 * Open transactions whose record differs from their signed bytes: each live one becomes unverified
 * (its rows need checking, with what differs), and none is followed on its record this pass.
 */
async function holdAltered(ctx: TrackerContext, open: readonly JournalTx[]): Promise<ReadonlyMap<string, string>> {
  const altered = ctx.records?.differences(open) ?? new Map<string, string>()
  for (const tx of open) {
    const what = altered.get(tx.hash)
    if (what !== undefined) await markAltered(ctx, tx, what)
  }
  return altered
}

/** A transaction whose record differs from its bytes becomes unverified with what differs, once. */
async function markAltered(ctx: TrackerContext, tx: JournalTx, what: string): Promise<void> {
  const said = tx.state === TX_STATE.unverified ? tx.failure?.code === SETTLEMENT_FAILURE.journalAltered : !isLive(tx)
  if (said) return
  const reason = `This app's journal no longer matches the transaction it signed (${what}): the database was changed outside the app, and the transaction is not followed until its record matches its bytes again. Whether it paid is unknown: look it up on a block explorer before paying its rows again.`
  await ctx.journal.markUnverified(tx.hash, { code: SETTLEMENT_FAILURE.journalAltered, reason })
  safeEmit(ctx.onEvent, { type: 'unverified', payoutId: tx.payoutId, hash: tx.hash, reason })
}

async function openOn(journal: ExecutionJournal, chainId: bigint): Promise<JournalTx[]> {
  const [live, unverified] = await Promise.all([journal.listUnsettled(), journal.listUnverified()])
  return [...live, ...unverified].filter((t) => t.chainId === chainId)
}

/** One pass. Returns what remains to follow on this chain. */
export async function reconcile(base: TrackerContext, memory: TrackerMemory): Promise<PassResult> {
  const all = await openOn(base.journal, base.chainId)
  if (all.length === 0) {
    // Nothing open: only confirmed transactions the last pass still watched can need a look.
    const since =
      memory.lastHead === undefined ? 0n : memory.lastHead - BigInt(base.reorgWatchBlocks + base.confirmations)
    if (base.reorgWatchBlocks <= 0 || (await base.journal.listConfirmedSince(base.chainId, since)).length === 0)
      return NOTHING_TO_FOLLOW
  }
  // Every read of the pass goes to the one endpoint whose chain id was just checked.
  const rpc = await base.rpc.pinned()
  const { chainId, head } = await rpc.chainIdAndHead()
  if (chainId !== base.chainId) throw wrongChainError(rpc.client.label, chainId, base.chainId)
  const ctx: TrackerContext = { ...base, rpc }
  memory.lastHead = head
  const cache = emptyCache()
  const altered = await holdAltered(ctx, all)
  const open = all.filter((t) => !altered.has(t.hash))
  if (open.length > 0) {
    const receipts = await rpc.receipts(open.map((t) => t.hash))
    open.forEach((t, i) => cache.receipts.set(t.hash, receipts[i]))
    // Successes deep enough to settle are put to the witnesses together: one batch each, not one per transaction.
    const deep = open.flatMap((t, i) => {
      const receipt = receipts[i]
      return receipt?.success === true && head - receipt.blockNumber + 1n >= BigInt(ctx.confirmations)
        ? [{ hash: t.hash, receipt }]
        : []
    })
    const doubts = await successesInDoubt(ctx.witnesses, ctx.chainId, deep, ctx.confirmations)
    for (const { hash } of deep) cache.doubts.set(hash, doubts.get(hash))
  }
  const accounts = new Map<string, Set<number>>()
  for (const t of open) {
    const set = accounts.get(t.from) ?? new Set<number>()
    set.add(t.nonce)
    accounts.set(t.from, set)
  }
  for (const [from, nonces] of accounts) {
    const chainNonce = await rpc.nonce(from, 'latest')
    let mayBroadcast = true
    for (const nonce of [...nonces].sort((a, b) => a - b)) {
      mayBroadcast =
        (await reconcileNonce(ctx, memory, cache, altered, { from, nonce, chainNonce, head }, mayBroadcast)) &&
        mayBroadcast
    }
  }
  const watched = await recheckConfirmed(ctx, cache.blockHashes, head)
  const after = await openOn(base.journal, base.chainId)
  const live = after.filter(isLive).length
  return { live, unverified: after.length - live, watched }
}
