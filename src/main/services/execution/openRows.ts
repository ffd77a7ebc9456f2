// Runs in: main (plain Node). What a payout's rows and open transactions mean for paying the rest:
// rows in progress that nothing persisted can pay go back to the queue (audited), and the part of
// the payer's token allowance that open batches will still spend is not counted as free.
import { getAddress } from 'ethers'
import { TX_PURPOSE, expectedTokenTransfers, type JournalTx } from '../../chain'
import { appendAudit } from '../../store/auditLog'
import { inTransaction, type WriteDb } from '../../store/db'
import { requeueUncoveredRows } from '../../store/payoutRepo'

const SYSTEM_ACTOR = 'system'

/**
 * Every row of the payout is then exactly one of: covered by a persisted transaction that may
 * still pay, settled, or queued. Call only while this process is not signing the payout (rows of
 * a step being signed are in progress before their transaction is recorded). Returns the rows moved.
 */
export function requeueUncovered(db: WriteDb, payoutId: string, at: string, why: string): number[] {
  return inTransaction(db, () => {
    const rows = requeueUncoveredRows(db, payoutId)
    if (rows.length > 0)
      appendAudit(db, {
        actor: SYSTEM_ACTOR,
        action: 'rows_requeued',
        payoutId,
        at,
        detail: `${why} ${rows.length} row(s) that no transaction pays are queued again: ${rows.slice(0, 20).join(', ')}${rows.length > 20 ? ', ...' : ''}`
      })
    return rows
  })
}

/**
 * Token amount that open batch payments from `from` through `batchContract` will still take from
 * its allowance: the allowance read on chain is not free for another batch until they are mined.
 */
export function allowanceInUse(
  open: readonly JournalTx[],
  at: { readonly chainId: bigint; readonly from: string; readonly token: string; readonly batchContract: string }
): bigint {
  const token = getAddress(at.token)
  const contract = getAddress(at.batchContract)
  // Per nonce: a speed-up repeats the same batch, and only one of them can be mined.
  const byNonce = new Map<number, bigint>()
  for (const tx of open) {
    if (tx.purpose !== TX_PURPOSE.payment || tx.chainId !== at.chainId) continue
    if (getAddress(tx.from) !== getAddress(at.from)) continue
    const expected = expectedTokenTransfers(tx)
    if (!expected || expected.token !== token || expected.sender !== contract) continue
    let sum = 0n
    for (const t of expected.transfers) sum += t.value
    byNonce.set(tx.nonce, sum)
  }
  let used = 0n
  for (const sum of byNonce.values()) used += sum
  return used
}
