// Runs in: renderer. Everything the payout report shows, loaded together: the payout with all its
// rows (up to a bound), its transactions (hashes, blocks, fees), the approval review when the
// payout went through approval, the Safe transactions and owner signatures when a Safe paid, and
// the network's native currency for the fees.
import { useEffect, useState } from 'react'
import type { Asset, PayoutDetail } from '../../../../shared/api'
import type { ApprovalReviewView } from '../../../../shared/approvals'
import type { PayoutTransactionView } from '../../../../shared/execution'
import type { SafePayoutView } from '../../../../shared/safe'
import { api, type AppError } from '../../api'

/** Rows listed in the printable report; the CSV/XLSX exports carry every row of larger payouts. */
export const REPORT_ROW_LIMIT = 10_000

export interface PayoutReportData {
  readonly payout: PayoutDetail
  readonly transactions: readonly PayoutTransactionView[]
  /** Null when the payout never needed approval (or the review is not available). */
  readonly review: ApprovalReviewView | null
  readonly native: Pick<Asset, 'symbol' | 'decimals'> | null
  /** The Safe transactions and owner signatures, when the payout is paid from a Safe. */
  readonly safe: SafePayoutView | null
}

export function usePayoutReport(id: string): {
  readonly data: PayoutReportData | null
  readonly error: AppError | null
  readonly reload: () => void
} {
  const [data, setData] = useState<PayoutReportData | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let live = true
    void (async () => {
      const payout = await api.getPayout({ id, offset: 0, limit: REPORT_ROW_LIMIT })
      if (!payout.ok) {
        if (live) setError(payout.error)
        return
      }
      const [transactions, review, assets, safe] = await Promise.all([
        api.listPayoutTransactions({ id }),
        api.getApprovalReview({ id }),
        api.listAssets({ chainId: payout.value.chainId }),
        api.getSafePayout({ id })
      ])
      if (!live) return
      if (!transactions.ok) {
        setError(transactions.error)
        return
      }
      const native = assets.ok ? (assets.value.find((a) => a.kind === 'native') ?? null) : null
      setData({
        payout: payout.value,
        transactions: transactions.value,
        review: review.ok ? review.value : null,
        native,
        safe: safe.ok ? safe.value : null
      })
      setError(null)
    })()
    return () => {
      live = false
    }
  }, [id, attempt])

  return { data, error, reload: () => setAttempt((n) => n + 1) }
}
