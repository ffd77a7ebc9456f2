// Runs in: renderer. A Safe plan option in a finance user's words, before anyone signs: how many
// Safe transactions it takes, how many owners sign each and how often each signing owner is asked,
// and why there is more than one (rows paid one by one where the network has no bundling contract
// for Safes, or a payout too large for one network transaction).
import type { SafePlanOptionView, SafeRouteName } from '../../../../shared/safe'
import { plural } from '../format'

type AvailableOption = Extract<SafePlanOptionView, { available: true }>

interface SafeContext {
  readonly threshold: number
  readonly ownerCount: number
  /** The payout's rows. */
  readonly rows: number
}

/** Transfers without MultiSendCallOnly: each Safe transaction pays exactly one row. */
export function paysRowByRow(option: SafePlanOptionView): boolean {
  return option.available && option.route === 'transfers' && option.withoutMultiSend !== null
}

export function safeRouteLabel(option: SafePlanOptionView): string {
  const route: SafeRouteName = option.route
  switch (route) {
    case 'transfers':
      return paysRowByRow(option)
        ? 'Transfers from the Safe, one Safe transaction per recipient'
        : 'Transfers from the Safe, bundled (MultiSendCallOnly)'
    case 'batch_contract':
      return 'Batch contract'
  }
}

export function safeOptionExplanation(option: AvailableOption, safe: SafeContext): string {
  const owners = `${safe.threshold} of the ${safe.ownerCount} owners`
  const n = option.transactions
  if (n === 1)
    return `One Safe transaction pays ${safe.rows === 1 ? 'the recipient' : `all ${plural(safe.rows, 'row')}`}: ${owners} sign it once on their Ledgers, then anyone executes it.`
  const each = `Each needs ${owners} to sign on their Ledgers, so every signing owner signs ${n} times (${plural(option.signaturesNeeded, 'signature')} in all), and each is executed and pays its own network fee.`
  if (paysRowByRow(option))
    return `A Safe bundles payments through MultiSendCallOnly. ${option.withoutMultiSend ?? ''} So one Safe transaction pays one recipient: ${n} Safe transactions for ${plural(safe.rows, 'row')}. ${each}`
  return `Too many rows for one network transaction: the rows are split into ${n} Safe transactions, paid in order. ${each}`
}
