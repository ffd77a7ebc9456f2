// Runs in: main (plain Node). The journal read against the bytes it holds, before rows are signed
// again. The history names each transaction by its hash (journalHistory.ts), and the hash names
// its signed bytes; every other column is the desk's to edit. Whoever holds the SQLite file could
// move a paid batch's links to other rows of the payout, relabel a payment as a cancel, or change
// a transaction's nonce, and the chain check (paidOnChain.ts), which reads the journal, would then
// find nothing covering the paid rows queued again. So each transaction must be what its bytes
// say: the bytes hash to its name, carry its chain and nonce, do what its purpose says, and a
// payment is linked to exactly the rows it pays, one for one in calldata order, by recipient and
// amount. The app writes all of these once, in the transaction that records the signing; a
// difference was made by hand.
import { Transaction, keccak256 } from 'ethers'
import { AppFailure } from '../../../shared/errors'
import { peopleAmount, type AssetUnits } from '../../domain/auditText'
import { TX_PURPOSE, type JournalTx } from '../../chain/journal'
import { purposeMatches, signedEffect, type SignedEffect } from '../../chain/signedEffect'

/** At most this many differences are named in the refusal; the count covers them all. */
const NAMED = 5

/** What the journal's links point at: a row of the payout, with the recipient and amount stored for it. */
export interface LinkedRow {
  readonly row: number
  readonly address: string | null
  readonly amount: bigint | null
}

interface Difference {
  readonly hash: string
  readonly what: string
}

/** What differs between one transaction's journal record and its signed bytes, or undefined when nothing does. */
export function journalDifference(
  tx: JournalTx,
  rows: ReadonlyMap<string, LinkedRow>,
  asset: AssetUnits
): string | undefined {
  let parsed: Transaction
  try {
    parsed = Transaction.from(tx.raw)
  } catch {
    return 'its stored bytes are not a signed transaction'
  }
  if (keccak256(tx.raw).toLowerCase() !== tx.hash.toLowerCase())
    return 'its stored bytes are not those of this transaction'
  if (parsed.chainId !== tx.chainId || parsed.nonce !== tx.nonce)
    return `it is recorded with nonce ${tx.nonce} on chain ${tx.chainId}, its bytes say nonce ${parsed.nonce} on chain ${parsed.chainId}`
  if (parsed.from?.toLowerCase() !== tx.from.toLowerCase())
    return `it is recorded as sent by ${tx.from}, its bytes are signed by ${parsed.from ?? 'no one'}`
  const effect = signedEffect(tx.raw)
  if (!purposeMatches(tx.purpose, effect))
    return `it is recorded as ${tx.purpose === TX_PURPOSE.approve ? 'an' : 'a'} ${tx.purpose}, and its bytes ${effect.kind === 'unreadable' ? 'are none of the transactions this app signs' : `are ${effect.kind === TX_PURPOSE.approve ? 'an approval' : `a ${effect.kind}`}`}`
  return effectLinksDifference(tx, effect, rows, asset)
}

/**
 * What differs between the rows a payment is linked to and what its bytes pay, one for one in
 * calldata order by recipient and amount; undefined for a transaction that pays nobody. The rest
 * of the record (hash, nonce, sender, purpose) is journalDifference's.
 */
export function linksDifference(
  tx: JournalTx,
  rows: ReadonlyMap<string, LinkedRow>,
  asset: AssetUnits
): string | undefined {
  return effectLinksDifference(tx, signedEffect(tx.raw), rows, asset)
}

function effectLinksDifference(
  tx: JournalTx,
  effect: SignedEffect,
  rows: ReadonlyMap<string, LinkedRow>,
  asset: AssetUnits
): string | undefined {
  if (effect.kind !== TX_PURPOSE.payment) return undefined
  if (tx.itemIds.length !== effect.payments.length)
    return `it pays ${effect.payments.length} recipient${effect.payments.length === 1 ? '' : 's'} and is linked to ${tx.itemIds.length} row${tx.itemIds.length === 1 ? '' : 's'}`
  for (const [i, itemId] of tx.itemIds.entries()) {
    const payment = effect.payments[i]!
    const row = rows.get(itemId)
    if (row === undefined) return `its payment ${i + 1} is linked to a row this payout does not have`
    if (row.address?.toLowerCase() !== payment.to.toLowerCase() || row.amount !== payment.amount)
      return `its payment ${i + 1} (${peopleAmount(payment.amount, asset)} to ${payment.to}) is linked to row ${row.row}, which pays ${row.amount === null ? 'nothing' : peopleAmount(row.amount, asset)} to ${row.address ?? 'nobody'}`
  }
  return undefined
}

/** Refuses (journal_altered) when any of the payout's transactions differs from its own signed bytes. */
export function assertJournalMatchesBytes(
  held: readonly JournalTx[],
  rows: ReadonlyMap<string, LinkedRow>,
  asset: AssetUnits
): void {
  const differences: Difference[] = held.flatMap((tx) => {
    const what = journalDifference(tx, rows, asset)
    return what === undefined ? [] : [{ hash: tx.hash, what }]
  })
  if (differences.length === 0) return
  const list =
    differences
      .slice(0, NAMED)
      .map((d) => `${d.hash}: ${d.what}`)
      .join('; ') + (differences.length > NAMED ? `; and ${differences.length - NAMED} more` : '')
  throw new AppFailure(
    'journal_altered',
    `Nothing was signed: this app's payment journal no longer matches the transactions it signed for this payout (${list}). The database was changed outside the app, and rows those transactions paid may be queued to be paid again. Look the transactions up on the network's explorer before paying anything. This payout cannot be paid from this database as it is; a backup taken after the payment holds its journal as signed.`,
    { transactions: differences.map((d) => d.hash) }
  )
}
