// Runs in: main (plain Node). The chain's word before a row is signed again. A row's status in the
// database is the desk's, and whoever sits at the desk can edit the file: a row put back in the queue
// after a transaction paid it would be paid twice, on approvals that covered one payment. So before
// signing, every earlier transaction of the payout that covers a row about to be signed is read back
// from the chain: a receipt that settles the row as paid, or a transaction that can still be mined
// (its nonce not yet used on chain), refuses the whole signing. A payout paid for the first time has
// no earlier transaction and asks the network nothing.
// A receipt that says an earlier transaction failed, or no receipt for one whose nonce is used, is
// what lets a row be paid again, and an endpoint can serve either for a transaction that paid: the
// network's other endpoints (witnesses, each on its own chain id check) are asked too, and a success
// any of them shows refuses the signing. A witness that fails or lags adds nothing.
import { Transaction } from 'ethers'
import { AppFailure } from '../../../shared/errors'
import { settleItems, type EthRpc, type JournalTx, type PaymentRow, type Receipt } from '../../chain'
import { askEveryWitness } from '../../chain/witnesses'

/** At most this many rows are named in the refusal; the count covers them all. */
const ROWS_NAMED = 20

interface Finding {
  readonly row: number
  readonly hash: string
  readonly why: 'paid' | 'pending'
}

function refusal(findings: readonly Finding[]): AppFailure {
  const paid = findings.filter((f) => f.why === 'paid')
  const pending = findings.filter((f) => f.why === 'pending')
  const named = (list: readonly Finding[]): string =>
    list
      .slice(0, ROWS_NAMED)
      .map((f) => `row ${f.row} (${f.hash})`)
      .join(', ') + (list.length > ROWS_NAMED ? `, and ${list.length - ROWS_NAMED} more` : '')
  const parts = [
    paid.length === 0 ? '' : `the network shows ${paid.length} of them already paid: ${named(paid)}`,
    pending.length === 0
      ? ''
      : `${pending.length} of them are covered by a transaction that can still be mined: ${named(pending)}`
  ].filter((p) => p !== '')
  return new AppFailure(
    'paid_on_chain',
    `Nothing was signed: rows queued to be paid are covered by earlier transactions of this payout, and ${parts.join('; ')}. Their status in this app's database does not match the chain; check the payout's history before paying anything.`,
    { rows: findings.map((f) => f.row) }
  )
}

/** Refuses (paid_on_chain) when the chain shows any of `rows` paid, or still payable, by one of the payout's `earlier` transactions. */
export async function assertNotPaidOnChain(
  earlier: readonly JournalTx[],
  rpc: EthRpc,
  rows: readonly PaymentRow[],
  second: { readonly witnesses: readonly EthRpc[]; readonly chainId: bigint } = { witnesses: [], chainId: 0n }
): Promise<void> {
  const toSign = new Map(rows.map((r) => [r.itemId, r.row]))
  const covering = earlier.filter((tx) => tx.itemIds.some((id) => toSign.has(id)))
  if (covering.length === 0) return
  const receipts = await rpc.receipts(covering.map((tx) => tx.hash))
  const findings: Finding[] = []
  const note = (tx: JournalTx, itemIds: readonly string[], why: Finding['why']): void => {
    for (const id of itemIds) {
      const row = toSign.get(id)
      if (row !== undefined) findings.push({ row, hash: tx.hash, why })
    }
  }
  const minedNonces = new Map<string, number>()
  /** Failed on the endpoint's word, or gone from it with their nonce used: asked of the witnesses. */
  const failed: JournalTx[] = []
  for (const [i, tx] of covering.entries()) {
    const receipt = receipts[i]
    if (receipt !== undefined) {
      if (receipt.success)
        note(
          tx,
          settleItems(tx, receipt).flatMap((o) => (o.paid ? [o.itemId] : [])),
          'paid'
        )
      else failed.push(tx)
      continue
    }
    // Not mined: it can still be, unless its nonce is used by a mined transaction. The sender and
    // nonce are the signed bytes' (the journal's columns are the desk's to edit).
    const signed = Transaction.from(tx.raw)
    const from = signed.from ?? tx.from
    const sender = from.toLowerCase()
    if (!minedNonces.has(sender)) minedNonces.set(sender, await rpc.nonce(from, 'latest'))
    if (signed.nonce >= (minedNonces.get(sender) ?? 0)) note(tx, tx.itemIds, 'pending')
    else failed.push(tx)
  }
  for (const [tx, receipt] of await successesSeenElsewhere(failed, second.witnesses, second.chainId))
    note(
      tx,
      settleItems(tx, receipt).flatMap((o) => (o.paid ? [o.itemId] : [])),
      'paid'
    )
  if (findings.length > 0) throw refusal(findings)
}

/** The transactions of `failed` that some witness on `chainId` shows succeeded, with that receipt. */
async function successesSeenElsewhere(
  failed: readonly JournalTx[],
  witnesses: readonly EthRpc[],
  chainId: bigint
): Promise<Array<[JournalTx, Receipt]>> {
  if (failed.length === 0) return []
  const seen = new Map<string, [JournalTx, Receipt]>()
  await askEveryWitness(witnesses, chainId, async (witness) => {
    const receipts = await witness.receipts(failed.map((tx) => tx.hash))
    failed.forEach((tx, i) => {
      const receipt = receipts[i]
      if (receipt?.success === true && !seen.has(tx.hash)) seen.set(tx.hash, [tx, receipt])
    })
  })
  return [...seen.values()]
}
