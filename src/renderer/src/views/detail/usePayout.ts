// Runs in: renderer. One payout as main knows it, from the payouts store while this view is mounted:
// read again whenever main reports a change to it (another window, a background step, or this
// screen's own actions), through the app's event feed.
import { useCallback } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import type { AppError } from '../../api'
import { usePayoutDetails } from '../../stores/payouts'
import { useWatched } from '../../stores/watchedCache'

export interface PayoutState {
  readonly payout: PayoutDetail | null
  readonly error: AppError | null
  readonly reload: () => void
  /** Shows a detail main returned from an action (e.g. cancelPayout) without asking again. */
  readonly replace: (payout: PayoutDetail) => void
}

export function usePayout(id: string): PayoutState {
  const { value, error, reload } = useWatched(usePayoutDetails, id)
  const replace = useCallback((next: PayoutDetail) => usePayoutDetails.getState().update(id, () => next), [id])
  return { payout: value, error, reload, replace }
}
