// Runs in: renderer. What to tell the user the Ledger will show before they confirm, by the plan's
// display mode: clear details to compare, or a hash (blind signing) and what to check with it.
import type { DeviceDisplay } from '../../../../shared/execution'
import { assertNever } from '../../../../shared/result'

export function deviceShows(display: DeviceDisplay): {
  readonly title: string
  readonly text: string
  readonly blind: boolean
} {
  switch (display) {
    case 'clear':
      return {
        title: 'Your Ledger shows the details',
        text: 'For each transaction the Ledger shows the recipient address, the amount and the maximum network fee. Compare them with the recipient list before you confirm.',
        blind: false
      }
    case 'hash':
      return {
        title: 'Your Ledger shows a hash (blind signing)',
        text: 'The Ledger cannot decode a batch payment, so it shows the contract being called, the coin amount sent with it and a hash of the data instead of each recipient. Check that the amount matches this payout, confirm only payments you started here, and reject anything you did not expect.',
        blind: true
      }
    case 'mixed':
      return {
        title: 'Your Ledger shows details for some transactions and a hash for others',
        text: 'Token approvals and single payments show the address and amount: compare them. The batch payment shows the contract, the coin amount and a hash (blind signing): check the amount and confirm only payments you started here.',
        blind: true
      }
    default:
      return assertNever(display, 'device display')
  }
}
