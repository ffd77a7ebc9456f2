// Runs in: renderer. What the user is told about rows whose payment the network cannot confirm
// (main says "needs checking": the paying account's nonce is used, yet no receipt of the row's
// transaction can be read), about releasing one to be paid again, and about the token allowance a
// cancelled payout left. Pure, so every wording and rule is tested without a page.
import type { PayoutItem } from '../../../../shared/api'
import type { PayoutTransactionView } from '../../../../shared/execution'

/** The longest reason main keeps with a confirmation. */
export const MAX_CHECK_REASON = 1000

/** Rows of the loaded page that need checking, with the transaction each waits on. */
export function rowsToCheck(items: readonly PayoutItem[]): Array<PayoutItem & { readonly txHash: string }> {
  return items.filter(
    (i): i is PayoutItem & { readonly txHash: string } => i.status === 'needs_check' && i.txHash !== null
  )
}

/** Why the row needs checking and what to do, in the order the dialog shows it. */
export function checkSteps(row: number): string[] {
  return [
    `The network shows the paying account's transaction number as used, but no endpoint returns a receipt for the transaction of row ${row}, and no other transaction with that number could be found. Treasury cannot tell whether it paid.`,
    'Look the transaction up on a block explorer, or ask your node provider. If it is listed as successful, it paid the row: do nothing, Treasury settles it once the network shows the receipt.',
    'Only if you are sure it did not pay this row, confirm below. The row goes back to the queue and is paid again when you pay the rest. If the transaction did pay it after all, the recipient is paid twice.'
  ]
}

/** A confirmation can be sent once it says why, within main's limit. */
export function reasonProblem(reason: string): string | null {
  if (reason.trim() === '') return 'Say why you are sure it was not paid; the reason is kept in the history.'
  if (reason.length > MAX_CHECK_REASON) return `Keep the reason under ${MAX_CHECK_REASON} characters.`
  return null
}

/**
 * The approval a cancelled payout left with the batch contract, when revoking it is worth offering:
 * confirmed, and not already followed by a revoke of this payout that may still go through.
 */
export function leftAllowance(txs: readonly PayoutTransactionView[]): PayoutTransactionView | null {
  const approval = [...txs].reverse().find((t) => t.purpose === 'approve' && t.state === 'confirmed') ?? null
  if (approval === null) return null
  const revoked = txs.some((t) => t.purpose === 'revoke' && t.state !== 'failed' && t.state !== 'replaced')
  return revoked ? null : approval
}
