// Runs in: main (plain Node). Rows marked paid, held to the transactions that paid them. A row is
// called paid only when a confirmed transaction linked to it settled it (journalRepo's
// markConfirmed), so a paid row's recipient and amount are what that transaction's signed bytes
// pay at the row's place among its links. The tracker checks this before it settles a row
// (recordCheck.ts); after that the row's columns are the desk's to edit like any other, and a
// recipient rewritten on a paid row would show a payment to someone it never went to, in the
// payout, its report and the books. The bytes cannot be rewritten without changing the hash that
// names the transaction on the network, so they are the evidence the row is read against.
//
// One payout's paid rows are read in row order, a page at a time with the event loop let through
// between pages (a payout of 100,000 paid rows takes seconds to read): for its screen, its report
// and its files, and payout after payout for "Verify audit log".
import { keccak256 } from 'ethers'
import { AppFailure } from '../../../shared/errors'
import type { PaidRowMismatchView, PaidRowsCheckView } from '../../../shared/approvals'
import { TX_STATE } from '../../chain/journal'
import { signedEffect, type SignedEffect } from '../../chain/signedEffect'
import { peopleAmount, UNLISTED_ASSET_UNITS, type AssetUnits } from '../../domain/auditText'
import { fromStoredAmount } from '../../domain/money'
import { notFound } from '../../errors'
import { nextTurn } from '../../nextTurn'
import type { ReadDb } from '../../store/db'
import { getPayoutRow } from '../../store/payoutRepo'
import {
  paidByRecord,
  paidRowPage,
  payoutsWithPaidRows,
  type PaidByRecord,
  type PaidRowRecord
} from '../../store/journalRepo'

/** At most this many differing rows are named (PaidRowsCheckView.mismatches); the count covers them all. */
const NAMED_ROWS = 50
/** Rows of one payout read between two turns of the event loop. */
const PAGE_ROWS = 2_000
/**
 * Transactions whose evidence one payout's check keeps: rows come in row order, and a batch pays a
 * run of rows, so the next row's transaction is almost always one of the last few.
 */
const KEPT_EVIDENCE = 16
const SIGNED_HEX = /^0x(?:[0-9a-fA-F]{2})*$/

/** What a transaction's record says it paid, read once for all the rows it paid. */
type Evidence = { readonly problem: string } | { readonly effect: SignedEffect }

function evidenceOf(record: PaidByRecord | undefined, hash: string): Evidence {
  if (record === undefined) return { problem: "this app's journal does not hold that transaction" }
  if (record.state !== TX_STATE.confirmed)
    return { problem: `the journal holds that transaction as ${record.state}, not confirmed` }
  // Hashed from bytes decoded once (a batch's hex is tens of kilobytes), and only strict hex.
  if (!SIGNED_HEX.test(record.raw) || keccak256(Buffer.from(record.raw.slice(2), 'hex')) !== hash.toLowerCase())
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

interface Tally {
  add(r: PaidRowRecord, what: string | undefined): void
  view(): PaidRowsCheckView
}

/** Counts the rows read and names the first NAMED_ROWS that differ. */
function tally(): Tally {
  let checked = 0
  let differing = 0
  const mismatches: PaidRowMismatchView[] = []
  return {
    add(r, what) {
      checked++
      if (what === undefined) return
      differing++
      if (mismatches.length < NAMED_ROWS)
        mismatches.push({ payoutId: r.payoutId, row: r.row, txHash: r.txHash, reason: what })
    },
    view: () => ({ checked, differing, mismatches })
  }
}

/** Every row marked paid, of every payout, payout after payout, each read as `checkPayoutPaidRows` reads it. */
export async function checkPaidRows(
  db: ReadDb,
  assetOf: (assetId: string) => AssetUnits,
  pause: () => Promise<void> = nextTurn
): Promise<PaidRowsCheckView> {
  const result = tally()
  for (const payout of payoutsWithPaidRows(db))
    await readPaidRows(db, payout.id, assetOf(payout.assetId), pause, result)
  return result.view()
}

/**
 * One payout's rows marked paid, read against the signed bytes of the transactions they name, in
 * row order; `pause` lets other work run between pages. A row edited while the check runs is read
 * as it is when its page is read.
 */
export async function checkPayoutPaidRows(
  db: ReadDb,
  payoutId: string,
  asset: AssetUnits,
  pause: () => Promise<void>
): Promise<PaidRowsCheckView> {
  const result = tally()
  await readPaidRows(db, payoutId, asset, pause, result)
  return result.view()
}

async function readPaidRows(
  db: ReadDb,
  payoutId: string,
  asset: AssetUnits,
  pause: () => Promise<void>,
  result: Tally
): Promise<void> {
  const kept = new Map<string, Evidence>()
  const evidenceFor = (hash: string): Evidence => {
    let evidence = kept.get(hash)
    if (evidence === undefined) {
      evidence = evidenceOf(paidByRecord(db, hash), hash)
      kept.set(hash, evidence)
      if (kept.size > KEPT_EVIDENCE) kept.delete(kept.keys().next().value as string)
    }
    return evidence
  }
  let after = 0
  for (;;) {
    const page = paidRowPage(db, payoutId, after, PAGE_ROWS)
    for (const r of page) result.add(r, rowDifference(r, r.txHash === null ? undefined : evidenceFor(r.txHash), asset))
    if (page.length < PAGE_ROWS) return
    after = page[page.length - 1]!.row
    await pause()
  }
}

/** Where a payout's currency is named (the app's catalogue). */
export interface AssetCatalogue {
  asset(assetId: string): AssetUnits | undefined
}

/** One payout's paid rows checked, named in its currency; not_found when there is no such payout. */
export async function checkPaidRowsOf(
  db: ReadDb,
  catalogue: AssetCatalogue,
  payoutId: string,
  pause: () => Promise<void> = nextTurn
): Promise<PaidRowsCheckView> {
  const payout = getPayoutRow(db, payoutId)
  if (payout === undefined) throw notFound('Payout', payoutId)
  return checkPayoutPaidRows(db, payoutId, catalogue.asset(payout.assetId) ?? UNLISTED_ASSET_UNITS, pause)
}

/**
 * Refuses (paid_rows_altered) to write `what` from the payout's rows when a paid row no longer
 * says what was paid: the books or a report would record a payment that did not happen.
 */
export async function refuseAlteredPaidRows(
  db: ReadDb,
  catalogue: AssetCatalogue,
  payoutId: string,
  what: string
): Promise<void> {
  const check = await checkPaidRowsOf(db, catalogue, payoutId)
  const first = check.mismatches[0]
  if (first === undefined) return
  const others = check.differing - 1
  const alsoDiffer =
    others === 0
      ? ''
      : `, and ${others === 1 ? '1 other paid row differs' : `${others.toLocaleString('en-US')} other paid rows differ`} too`
  throw new AppFailure(
    'paid_rows_altered',
    `${what} was not written: row ${first.row} of payout ${payoutId} is marked paid, but ${first.reason}${alsoDiffer}. The file would record payments that did not happen. The payout's screen names each row and what its transaction paid; tell whoever audits your payments.`
  )
}
