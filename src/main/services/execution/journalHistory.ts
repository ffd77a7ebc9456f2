// Runs in: main (plain Node). The journal checked against the payout's history before anything is
// signed again. The check against the chain (paidOnChain.ts) reads back only the transactions the
// journal still names; whoever holds the SQLite file could delete a payout's transactions and queue
// its paid rows again, and the chain would be asked about nothing. The app never deletes a journal
// transaction, and every one it records is named in the hash-chained audit log in the same
// database transaction: one the history names and the journal lacks, or holds for fewer rows, was
// changed by hand.
import { AppFailure } from '../../../shared/errors'
import { peopleTime } from '../../domain/auditText'

/** At most this many transactions are named in the refusal; the count covers them all. */
const NAMED = 5

export interface HistoryTransaction {
  readonly hash: string
  /** When the history says it was signed (ISO 8601). */
  readonly at: string
  /** How many rows the history says it was signed for, where it says. */
  readonly rows?: number
}

/**
 * Refuses (journal_incomplete) when the history names a transaction of the payout the journal does
 * not hold, or holds linked to fewer rows than it was signed for (`held`: hash -> rows linked):
 * the chain check reads an earlier transaction only for the rows linked to it.
 */
export function assertJournalHoldsHistory(
  named: readonly HistoryTransaction[],
  held: ReadonlyMap<string, number>
): void {
  const missing = named.filter((t) => {
    const linked = held.get(t.hash.toLowerCase())
    return linked === undefined || (t.rows !== undefined && linked < t.rows)
  })
  if (missing.length === 0) return
  const list =
    missing
      .slice(0, NAMED)
      .map((t) => `${t.hash} (signed ${peopleTime(t.at)})`)
      .join(', ') + (missing.length > NAMED ? `, and ${missing.length - NAMED} more` : '')
  throw new AppFailure(
    'journal_incomplete',
    `Nothing was signed: this payout's history records ${missing.length === 1 ? 'a transaction' : `${missing.length} transactions`} that this app's payment journal no longer holds: ${list}. The database was changed outside the app, and rows ${missing.length === 1 ? 'that transaction' : 'those transactions'} paid may be queued to be paid again. Look ${missing.length === 1 ? 'it' : 'them'} up on the network's explorer before paying anything. This payout cannot be paid from this database as it is; a backup taken after the payment holds its journal whole.`,
    { transactions: missing.map((t) => t.hash) }
  )
}
