// Runs in: main (plain Node). A row whose transaction's outcome the network does not show ("needs
// checking") is paid again only after a person confirms it was not paid: they name the row, the
// very transaction it waits on, and why; the audit log keeps who and why. The row goes back to the
// queue; nothing is signed here.
import { AppFailure } from '../../../shared/errors'
import { itemStatusLabel, type PayoutStatus } from '../../../shared/statuses'
import { notFound } from '../../errors'
import { appendAudit } from '../../store/auditLog'
import { inTransaction, type WriteDb } from '../../store/db'
import { getItem, getPayoutRow, releaseCheckedRow } from '../../store/payoutRepo'

export interface RowRelease {
  readonly row: number
  readonly hash: string
  readonly reason: string
  readonly actor: string
  readonly at: string
}

/** Releases the row; returns the payout's status. Every refusal changes nothing. */
export function releaseUncertainRow(db: WriteDb, payoutId: string, input: RowRelease): PayoutStatus {
  const reason = input.reason.trim()
  if (reason === '')
    throw new AppFailure(
      'check_reason_required',
      `Say why you are sure row ${input.row} was not paid (for example what a block explorer shows for its transaction). The reason is kept in the payout's history.`
    )
  const hash = input.hash.toLowerCase()
  return inTransaction(db, () => {
    const p = getPayoutRow(db, payoutId)
    if (p === undefined) throw notFound('Payout', payoutId)
    const item = getItem(db, payoutId, input.row)
    if (item === undefined)
      throw new AppFailure('row_out_of_range', `Payout ${payoutId} has no row ${input.row}. Nothing was changed.`)
    if (item.status !== 'needs_check')
      throw new AppFailure(
        'row_not_needing_check',
        `Row ${input.row} does not need checking: it is ${itemStatusLabel(item.status).toLowerCase()}. Nothing was changed.`
      )
    if (item.txHash?.toLowerCase() !== hash)
      throw new AppFailure(
        'row_check_hash_mismatch',
        `Row ${input.row} waits on transaction ${item.txHash ?? '(none)'}, not ${hash}. Check that transaction and confirm again.`
      )
    releaseCheckedRow(db, payoutId, input.row)
    appendAudit(db, {
      actor: input.actor,
      action: 'row_confirmed_unpaid',
      payoutId,
      at: input.at,
      detail: `row ${input.row}: ${input.actor} confirmed that ${hash} did not pay it, and queued it to be paid again. Reason: ${reason}`
    })
    return p.status
  })
}
