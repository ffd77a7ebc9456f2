// Runs in: main (plain Node). The transactions the tracker follows, held to the rule a new signing
// is held to (journalBytes.ts): each must be what its signed bytes say. The tracker acts on the
// journal's columns: it settles the rows a transaction is linked to, groups transactions by their
// recorded sender and nonce, and re-sends the recorded bytes. Whoever holds the SQLite file could
// move a batch's links so that rows it never paid are called paid, or rewrite a sender so that a
// waiting payment is judged failed on another account's transaction. A record that differs from
// its bytes is not followed; its rows need checking, with what differs.
// A record is checked once for each content it has: a pass over a thousand open transactions does
// not recover a thousand senders again, and a record this process has just written is taken as
// written. The rows' own recipients and amounts are read again when a payment is about to settle
// them: a row edited in the file while its payment was on its way is not called paid for a payment
// to someone else.
import type { JournalTx, NewJournalTx } from '../../chain/journal'
import type { RecordWatch } from '../../chain/tracker'
import type { AssetUnits } from '../../domain/auditText'
import { journalDifference, linksDifference, type LinkedRow } from './journalBytes'

export interface RecordReads {
  /** The row an item id names, as stored (undefined: the payout has no such row). */
  linkedRow(itemId: string): LinkedRow | undefined
  /** The units the payout's amounts are written in, for the messages. */
  assetOf(payoutId: string): AssetUnits
}

export interface RecordCheck extends RecordWatch {
  /** The record as this process has just written it: it is not checked again until it changes. */
  written(tx: NewJournalTx): void
  /** What differs between one record and its bytes, or undefined; remembered like a pass's findings. */
  differenceOf(tx: JournalTx): string | undefined
}

/** Everything of a record the tracker acts on, as one string: a change to any of it is a new record. */
const contentOf = (tx: NewJournalTx): string =>
  [tx.chainId, tx.from.toLowerCase(), tx.nonce, tx.purpose, tx.itemIds.join(' '), tx.raw].join('|')

export function createRecordCheck(reads: RecordReads): RecordCheck {
  /** Per chain, hash -> the content last found to match its bytes. */
  const matching = new Map<bigint, Map<string, string>>()
  const onChain = (chainId: bigint): Map<string, string> => {
    let held = matching.get(chainId)
    if (held === undefined) matching.set(chainId, (held = new Map()))
    return held
  }
  const linkedRows = (tx: JournalTx): Map<string, LinkedRow> => {
    const rows = new Map<string, LinkedRow>()
    for (const id of tx.itemIds) {
      const row = reads.linkedRow(id)
      if (row !== undefined) rows.set(id, row)
    }
    return rows
  }
  const differenceOf = (tx: JournalTx): string | undefined => {
    const held = onChain(tx.chainId)
    const content = contentOf(tx)
    if (held.get(tx.hash) === content) return undefined
    const what = journalDifference(tx, linkedRows(tx), reads.assetOf(tx.payoutId))
    if (what === undefined) held.set(tx.hash, content)
    else held.delete(tx.hash)
    return what
  }
  return {
    written(tx) {
      onChain(tx.chainId).set(tx.hash, contentOf(tx))
    },
    differenceOf,
    differences(open) {
      const found = new Map<string, string>()
      const followed = new Set<string>()
      for (const tx of open) {
        followed.add(tx.hash)
        const what = differenceOf(tx)
        if (what !== undefined) found.set(tx.hash, what)
      }
      // A pass is over one chain's open transactions: that chain's closed ones are forgotten.
      const chains = new Set(open.map((tx) => tx.chainId))
      for (const chainId of chains) {
        const held = onChain(chainId)
        for (const hash of held.keys()) if (!followed.has(hash)) held.delete(hash)
      }
      return found
    },
    beforeSettling(tx) {
      const asset = reads.assetOf(tx.payoutId)
      // The record itself is checked whole unless this content was found matching already.
      return onChain(tx.chainId).get(tx.hash) === contentOf(tx)
        ? linksDifference(tx, linkedRows(tx), asset)
        : journalDifference(tx, linkedRows(tx), asset)
    }
  }
}
