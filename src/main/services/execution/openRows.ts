// Runs in: main (plain Node). What a payout's rows and open transactions mean for paying the rest:
// rows in progress that nothing persisted can pay go back to the queue (audited), and the part of
// the payer's token allowance that open batches will still spend is not counted as free.
// The journal's links say which rows a transaction covers. When one of the payout's open
// transactions no longer matches its signed bytes (recordCheck.ts), the links were edited outside
// the app: a row they no longer name may be the very one that transaction pays, so it needs
// checking rather than going back to the queue.
import { getAddress } from 'ethers'
import { TX_PURPOSE, expectedTokenTransfers, type JournalTx } from '../../chain'
import { appendAudit } from '../../store/auditLog'
import { inTransaction, type WriteDb } from '../../store/db'
import { hasUncoveredRows, holdUncoveredRows, requeueUncoveredRows } from '../../store/payoutRepo'

const SYSTEM_ACTOR = 'system'

/**
 * Every row of the payout is then exactly one of: covered by a persisted transaction that may
 * still pay, settled, needing checking, or queued. Call only while this process is not signing the
 * payout (rows of a step being signed are in progress before their transaction is recorded).
 * `alteredRecords` names the payout's open transactions whose record differs from their bytes; it
 * is asked only when some row would move. Returns the rows moved.
 */
export function requeueUncovered(
  db: WriteDb,
  payoutId: string,
  at: string,
  why: string,
  alteredRecords: () => readonly string[]
): number[] {
  return inTransaction(db, () => {
    if (!hasUncoveredRows(db, payoutId)) return []
    const altered = alteredRecords()
    if (altered.length > 0) return holdUncovered(db, payoutId, at, altered)
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

/** Rows no link covers while `altered` transactions are held: they need checking, audited. */
function holdUncovered(db: WriteDb, payoutId: string, at: string, altered: readonly string[]): number[] {
  const named = altered.join(', ')
  const rows = holdUncoveredRows(
    db,
    payoutId,
    `This row is in progress and no transaction is linked to it, while this payout's journal no longer matches a transaction it signed (${named}): the links were changed outside the app, and that transaction may be the one that pays this row. Look it up on a block explorer before paying this row again.`
  )
  if (rows.length > 0)
    appendAudit(db, {
      actor: SYSTEM_ACTOR,
      action: 'rows_held',
      payoutId,
      at,
      detail: `${rows.length} row(s) in progress that no transaction is linked to need checking, not paying again, while ${named} does not match its record: ${rows.slice(0, 20).join(', ')}${rows.length > 20 ? ', ...' : ''}`
    })
  return rows
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
