// Runs in: renderer. The transactions main has recorded for one payout, read with
// listPayoutTransactions and read again whenever main reports a change to that payout or progress
// on one of its transactions. Reads never overlap: events arriving during a read cause one more.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { PayoutTransactionView } from '../../../../shared/execution'
import { api, type AppError } from '../../api'
import { useTreasuryEvent } from '../../hooks/useTreasuryEvent'

export interface PayoutTransactions {
  readonly transactions: readonly PayoutTransactionView[] | null
  readonly error: AppError | null
  readonly reload: () => void
}

export function usePayoutTransactions(payoutId: string, version: string): PayoutTransactions {
  const [transactions, setTransactions] = useState<readonly PayoutTransactionView[] | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const reading = useRef(false)
  const again = useRef(false)
  const current = useRef(payoutId)
  current.current = payoutId

  const reload = useCallback((): void => {
    if (reading.current) {
      again.current = true
      return
    }
    reading.current = true
    const id = current.current
    void api.listPayoutTransactions({ id }).then((result) => {
      reading.current = false
      if (id === current.current) {
        if (result.ok) {
          setTransactions(result.value)
          setError(null)
        } else setError(result.error)
      }
      if (again.current) {
        again.current = false
        reload()
      }
    })
  }, [])

  useEffect(() => {
    setTransactions(null)
    reload()
  }, [payoutId, reload])

  // The payout's own updates (status, items) may come from elsewhere than an event: follow them too.
  useEffect(() => reload(), [version, reload])

  useTreasuryEvent((event) => {
    if (event.type === 'payout.changed' && event.id === payoutId) reload()
    if (event.type === 'execution.progress' && event.progress.payoutId === payoutId) reload()
  })

  return { transactions, error, reload }
}
