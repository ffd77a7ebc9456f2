// Runs in: main (plain Node). Rows marked paid, held to the transactions that paid them. A row is
// called paid only when a confirmed transaction linked to it settled it (journalRepo's
// markConfirmed), so a paid row's recipient and amount are what that transaction's signed bytes
// pay at the row's place among its links. The tracker checks this before it settles a row
// (recordCheck.ts); after that the row's columns are the desk's to edit like any other, and a
// recipient rewritten on a paid row would show a payment to someone it never went to, in the
// payout, its report and the books. The bytes cannot be rewritten without changing the hash that
// names the transaction on the network, so they are the evidence the row is read against.
import { keccak256 } from 'ethers'
import type { PaidRowMismatchView } from '../../../shared/approvals'
import { TX_STATE } from '../../chain/journal'
import { signedEffect, type SignedEffect } from '../../chain/signedEffect'
import { peopleAmount, type AssetUnits } from '../../domain/auditText'
import { fromStoredAmount } from '../../domain/money'
import type { ReadDb } from '../../store/db'
import { paidRowRecords, type PaidRowRecord } from '../../store/journalRepo'

/** At most this many differing rows are named; the count covers them all. */
const NAMED_ROWS = 50

export interface PaidRowsCheck {
  readonly checked: number
  /** How many paid rows differ from what paid them. */
  readonly differing: number
  /** The first NAMED_ROWS of them, in the order of the transactions that paid them. */
  readonly mismatches: readonly PaidRowMismatchView[]
}

/** What a transaction's record says it paid, read once for all the rows it paid. */
type Evidence = { readonly problem: string } | { readonly effect: SignedEffect }

function evidenceOf(record: { state: string; raw: string } | undefined, hash: string): Evidence {
  if (record === undefined) return { problem: "this app's journal does not hold that transaction" }
  if (record.state !== TX_STATE.confirmed)
    return { problem: `the journal holds that transaction as ${record.state}, not confirmed` }
  if (keccak256(record.raw).toLowerCase() !== hash.toLowerCase())
    return { problem: "the journal's bytes for that transaction are not its own" }
  return { effect: signedEffect(record.raw) }
}

/**
 * What differs between one paid row and the evidence for it, or undefined when nothing does. The
 * transaction is named beside the reason (PaidRowMismatchView.txHash), so the reason does not repeat it.
 */
function rowDifference(r: PaidRowRecord, evidence: Evidence | undefined, asset: AssetUnits): string | undefined {
  if (r.txHash === null || evidence === undefined) return 'it is marked paid but names no transaction'
  if ('problem' in evidence) return evidence.problem
  const { effect } = evidence
  if (effect.kind !== 'payment') return "that transaction's bytes pay nobody"
  if (r.position === null) return 'that transaction is not linked to this row'
  const payment = effect.payments[r.position]
  if (payment === undefined)
    return `the row is linked as its payment ${r.position + 1}, and it makes ${effect.payments.length}`
  const amount = r.amount === null ? null : fromStoredAmount(r.amount)
  if (r.address?.toLowerCase() === payment.to.toLowerCase() && amount === payment.amount) return undefined
  return `its payment ${r.position + 1} sent ${peopleAmount(payment.amount, asset)} to ${payment.to}; the row now says ${amount === null ? 'no amount' : peopleAmount(amount, asset)} to ${r.address ?? 'nobody'}`
}

/** Every row marked paid, read against the signed bytes of the transaction it names. */
export function checkPaidRows(db: ReadDb, assetOf: (assetId: string) => AssetUnits): PaidRowsCheck {
  const { rows, paidBy } = paidRowRecords(db)
  let checked = 0
  let differing = 0
  const mismatches: PaidRowMismatchView[] = []
  // Rows come grouped by transaction: its evidence is read once per group.
  let current: { hash: string | null; evidence: Evidence | undefined } = { hash: null, evidence: undefined }
  for (const r of rows) {
    checked++
    if (r.txHash !== null && r.txHash !== current.hash)
      current = { hash: r.txHash, evidence: evidenceOf(paidBy(r.txHash), r.txHash) }
    const what = rowDifference(r, r.txHash === null ? undefined : current.evidence, assetOf(r.assetId))
    if (what === undefined) continue
    differing++
    if (mismatches.length < NAMED_ROWS)
      mismatches.push({ payoutId: r.payoutId, row: r.row, txHash: r.txHash, reason: what })
  }
  return { checked, differing, mismatches }
}
