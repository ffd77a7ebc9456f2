// Runs in: renderer. What to tell the user the Ledger will show, before the first transaction's
// screen is known: by the plan's display mode and shape. A single transfer is not "a batch"; a
// token the Ledger cannot decode is blind-signed even when paid one recipient at a time.
import type { DeviceDisplay, PlanKindName } from '../../../../shared/execution'
import { assertNever } from '../../../../shared/result'

export interface SigningCase {
  readonly plan: PlanKindName
  readonly transactions: number
}

export function deviceShows(
  display: DeviceDisplay,
  signing: SigningCase
): { readonly title: string; readonly text: string; readonly blind: boolean } {
  const each = signing.transactions === 1 ? 'The transaction' : `Each of the ${signing.transactions} transactions`
  switch (display) {
    case 'clear':
      return {
        title: 'Your Ledger shows the details',
        text: `${signing.transactions === 1 ? 'Your Ledger shows' : 'For each transaction your Ledger shows'} the recipient address, the amount and the maximum network fee. The app shows the same here before the device asks: compare them before you confirm.`,
        blind: false
      }
    case 'hash':
      return signing.plan === 'batch'
        ? {
            title: 'Your Ledger shows a hash (blind signing)',
            text: 'The Ledger cannot decode a batch payment, so it shows the contract called, the coin amount sent with it and a hash of the transaction instead of each recipient. The app shows the same hash here before the device asks: compare it group by group and reject anything that differs.',
            blind: true
          }
        : {
            title: 'Your Ledger shows a hash (blind signing)',
            text: `The Ledger cannot decode transfers of this token, so it shows a hash instead of the recipient and amount. ${each} is shown here with its hash before the device asks: compare it group by group and reject anything that differs.`,
            blind: true
          }
    case 'mixed':
      return {
        title: 'Your Ledger shows details for some transactions and a hash for others',
        text: 'The token approval shows the amount and the contract allowed to spend it: compare them. The batch payment shows the contract, the coin amount and a hash (blind signing): compare the hash shown here group by group before you confirm.',
        blind: true
      }
    default:
      return assertNever(display, 'device display')
  }
}
