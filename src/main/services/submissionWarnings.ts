// Runs in: main (plain Node). What a submitter must look at before a payout leaves Draft: each kind
// of warning with the rows it concerns. Every kind present is acknowledged explicitly at submission
// and the acknowledgement (kind and rows) enters the digest the approvers sign.
import { WARNING_KIND_TITLES, type SubmissionWarningView, type WarningKind } from '../../shared/approvals'
import { assertNever } from '../../shared/result'
import { largestPaidByAddress } from '../store/addressBookRepo'
import type { OpenedDatabase } from '../store/db'
import { getItems, type StoredPayout } from '../store/payoutRepo'
import type { AddressBook } from './addressBook'

/** An amount this many times the largest ever paid to the same address (same currency) is flagged. */
export const LARGE_AMOUNT_FACTOR = 5n

/** What to check for each kind, said to the submitter under the kind's name. */
function adviceFor(kind: WarningKind): string {
  switch (kind) {
    case 'duplicate_address':
      return 'Check that each of these recipients should be paid more than once.'
    case 'no_checksum':
      return 'These addresses are all lower- or upper-case, so a typing mistake cannot be detected. Compare each with its source.'
    case 'first_payment':
      return 'Nothing was ever paid to them from this desk. Confirm each address through a second channel.'
    case 'lookalike':
      return 'They share the first and last characters of an address already paid or labelled, but differ: a common scam. Check each against a trusted source.'
    case 'large_amount':
      return `These amounts are more than ${LARGE_AMOUNT_FACTOR}x the largest ever paid to the same address in this currency. Check them.`
    default:
      return assertNever(kind, 'warning kind')
  }
}

export function payoutWarnings(db: OpenedDatabase, book: AddressBook, p: StoredPayout): SubmissionWarningView[] {
  const rows: Record<WarningKind, number[]> = {
    duplicate_address: [],
    no_checksum: [],
    first_payment: [],
    lookalike: [],
    large_amount: []
  }
  const largest = largestPaidByAddress(db.write, p.assetId)
  for (const it of getItems(db.write, p.id)) {
    if (it.issues.some((i) => i.code === 'address_duplicate')) rows.duplicate_address.push(it.row)
    if (it.issues.some((i) => i.code === 'address_no_checksum')) rows.no_checksum.push(it.row)
    const before = it.address === null ? undefined : largest.get(it.address.toLowerCase())
    if (before !== undefined && it.amount !== null && it.amount > before * LARGE_AMOUNT_FACTOR)
      rows.large_amount.push(it.row)
  }
  for (const r of book.checkPayout(p.id)) {
    if (r.firstPayment) rows.first_payment.push(r.row)
    if (r.lookalikes.length > 0 && !r.acknowledged) rows.lookalike.push(r.row)
  }
  return (Object.keys(rows) as WarningKind[])
    .filter((kind) => rows[kind].length > 0)
    .map((kind) => ({ kind, title: WARNING_KIND_TITLES[kind], advice: adviceFor(kind), rows: rows[kind] }))
}
