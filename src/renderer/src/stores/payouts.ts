// Runs in: renderer. Payouts as the screens on display show them, read from main and kept fresh by
// the app's event feed: one payout's detail, the transactions main recorded for it, and the payouts
// submitted at this desk that wait for approval. Only what a mounted view watches is kept.
import type { PayoutDetail, PayoutPage } from '../../../shared/api'
import type { PayoutTransactionView } from '../../../shared/execution'
import { api } from '../api'
import { createWatchedCache, useWatched, type WatchedView } from './watchedCache'

/** Waiting payouts listed at once; more than this is a backlog the payouts list filters better. */
export const PENDING_LISTED = 200
/** The one key of the waiting list: it has no parameters. */
export const PENDING_HERE = 'pending'

/** By payout id. */
export const usePayoutDetails = createWatchedCache<PayoutDetail>((id) => api.getPayout({ id }))
/** By payout id. */
export const usePayoutTransactionLists = createWatchedCache<readonly PayoutTransactionView[]>((id) =>
  api.listPayoutTransactions({ id })
)
export const usePendingHere = createWatchedCache<PayoutPage>(() =>
  api.listPayouts({ status: 'pending', offset: 0, limit: PENDING_LISTED })
)

/** The waiting list, watched while the calling view is mounted. */
export function usePendingPayouts(): WatchedView<PayoutPage> {
  return useWatched(usePendingHere, PENDING_HERE)
}
