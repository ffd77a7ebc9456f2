// Runs in: renderer. The transactions main has recorded for one payout, read with
// listPayoutTransactions and read again whenever main reports a change to that payout or progress
// on one of its transactions. Reads never overlap: events arriving during a read cause one more.
import { useEffect, useMemo, useRef, useState } from 'react'
import type { PayoutTransactionView } from '../../../../shared/execution'
import { api, type AppError } from '../../api'
import { useTreasuryEvent } from '../../hooks/useTreasuryEvent'
import { singleFlight } from './singleFlight'

export interface PayoutTransactions {
  readonly transactions: readonly PayoutTransactionView[] | null
  readonly error: AppError | null
  readonly reload: () => void
}

/** `version` is anything that changes when the payout does (its updatedAt), to read again then too. */
export function usePayoutTransactions(payoutId: string, version: string): PayoutTransactions {
  const [loaded, setLoaded] = useState<{ readonly id: string; readonly list: readonly PayoutTransactionView[] } | null>(
    null
  )
  const [error, setError] = useState<AppError | null>(null)
  const current = useRef(payoutId)
  useEffect(() => {
    current.current = payoutId
  }, [payoutId])

  const reload = useMemo(
    () =>
      singleFlight(async () => {
        const id = current.current
        const result = await api.listPayoutTransactions({ id })
        if (id !== current.current) return // the page moved to another payout meanwhile
        if (result.ok) {
          setLoaded({ id, list: result.value })
          setError(null)
        } else setError(result.error)
      }),
    []
  )

  useEffect(() => reload(), [payoutId, version, reload])

  useTreasuryEvent((event) => {
    if (event.type === 'payout.changed' && event.id === payoutId) reload()
    if (event.type === 'execution.progress' && event.progress.payoutId === payoutId) reload()
  })

  return { transactions: loaded !== null && loaded.id === payoutId ? loaded.list : null, error, reload }
}
