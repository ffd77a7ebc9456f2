// Runs in: renderer. One payout as main knows it, kept fresh: reloaded whenever main reports a
// change to it (another window, a background step, or this screen's own actions).
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import { api, type AppError } from '../../api'
import { useTreasuryEvent } from '../../hooks/useTreasuryEvent'
import { latestOnly } from '../../lib/debounce'

export interface PayoutState {
  readonly payout: PayoutDetail | null
  readonly error: AppError | null
  readonly reload: () => void
  /** Shows a detail main returned from an action (e.g. cancelPayout) without asking again. */
  readonly replace: (payout: PayoutDetail) => void
}

export function usePayout(id: string): PayoutState {
  const [payout, setPayout] = useState<PayoutDetail | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const loads = useMemo(latestOnly, [])

  const reload = useCallback(() => {
    const ticket = loads.next()
    void api.getPayout({ id }).then((result) => {
      if (!loads.isCurrent(ticket)) return
      if (result.ok) {
        setPayout(result.value)
        setError(null)
      } else setError(result.error)
    })
  }, [id, loads])

  useEffect(() => {
    setPayout(null)
    setError(null)
    reload()
  }, [reload])

  useTreasuryEvent((event) => {
    if (event.type === 'payout.changed' && event.id === id) reload()
  })

  const replace = useCallback(
    (next: PayoutDetail) => {
      loads.next() // an older load in flight must not overwrite this newer answer
      setPayout(next)
      setError(null)
    },
    [loads]
  )

  return { payout, error, reload, replace }
}
