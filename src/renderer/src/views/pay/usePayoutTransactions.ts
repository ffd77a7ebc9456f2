// Runs in: renderer. The transactions main has recorded for one payout, from the payouts store
// while this view is mounted: read again whenever main reports a change to that payout or progress
// on one of its transactions (through the app's event feed), and when `version` changes.
import type { PayoutTransactionView } from '../../../../shared/execution'
import type { AppError } from '../../api'
import { usePayoutTransactionLists } from '../../stores/payouts'
import { useWatched } from '../../stores/watchedCache'

export interface PayoutTransactions {
  readonly transactions: readonly PayoutTransactionView[] | null
  readonly error: AppError | null
  readonly reload: () => void
}

/** `version` is anything that changes when the payout does (its updatedAt), to read again then too. */
export function usePayoutTransactions(payoutId: string, version: string): PayoutTransactions {
  const { value, error, reload } = useWatched(usePayoutTransactionLists, payoutId, version)
  return { transactions: value, error, reload }
}
