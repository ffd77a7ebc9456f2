// Runs in: main (plain Node). The reorg re-check of confirmed payments: for the network's window
// of blocks after confirmation, each confirmed transaction's block is compared with the chain's
// block at that height (one batch request for the heights the pass has not read yet). A confirmed
// transaction whose block left the chain is live again and its items in progress (journal
// markReorged): the tracker then settles it afresh or sends the same bytes again.
import { safeEmit } from './events'
import type { TrackerContext } from './tracker'

/**
 * Compares the block of each transaction confirmed within the re-check window with the chain's
 * block at that height. One that left its block (gone, or included elsewhere) is live again and
 * its items in progress: the next passes settle it afresh, or re-send the same bytes.
 */
export async function recheckConfirmed(
  ctx: TrackerContext,
  blockHashes: Map<bigint, string | undefined>,
  head: bigint
): Promise<number> {
  if (ctx.reorgWatchBlocks <= 0) return 0
  const from = head - BigInt(ctx.reorgWatchBlocks + ctx.confirmations) + 1n
  const recent = await ctx.journal.listConfirmedSince(ctx.chainId, from > 0n ? from : 0n)
  const unknown = [...new Set(recent.flatMap((t) => (t.block ? [t.block.number] : [])))].filter(
    (n) => !blockHashes.has(n)
  )
  if (unknown.length > 0) {
    const hashes = await ctx.rpc.blockHashes(unknown)
    unknown.forEach((n, i) => blockHashes.set(n, hashes[i]))
  }
  let watched = 0
  for (const tx of recent) {
    if (!tx.block) continue
    const canonical = blockHashes.get(tx.block.number)
    if (canonical === undefined || canonical === tx.block.hash) {
      watched++
      continue
    }
    await ctx.journal.markReorged(tx.hash)
    safeEmit(ctx.onEvent, { type: 'reorged', payoutId: tx.payoutId, hash: tx.hash })
  }
  return watched
}
