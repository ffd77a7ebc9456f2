// Runs in: renderer. A payout's rows marked paid, read by main against the signed bytes of the
// transactions that paid them: asked once the payout is shown, and again when its paid rows change
// while no payment is running (during one they change with every block: it is read once it settles).
import { useEffect, useRef, useState } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import type { PaidRowsCheckView } from '../../../../shared/approvals'
import { api, type AppError } from '../../api'

export type PaidRowsState =
  | { readonly kind: 'none' }
  | { readonly kind: 'checking'; readonly paid: number }
  | { readonly kind: 'checked'; readonly check: PaidRowsCheckView }
  | { readonly kind: 'failed'; readonly error: AppError }

const NONE: PaidRowsState = { kind: 'none' }

export function usePaidRowsCheck(payout: PayoutDetail | null): PaidRowsState {
  const paid = payout?.itemCounts.paid ?? 0
  const paying = payout?.status === 'in_progress'
  const key = payout === null || paid === 0 ? null : `${payout.id}\n${payout.status}\n${paying ? '' : paid}`
  const asked = useRef({ id: '', paid: 0 })
  asked.current = { id: payout?.id ?? '', paid }
  const [state, setState] = useState<{ readonly key: string | null; readonly value: PaidRowsState }>({
    key: null,
    value: NONE
  })
  useEffect(() => {
    if (key === null) return
    const { id, paid: count } = asked.current
    let current = true
    setState({ key, value: { kind: 'checking', paid: count } })
    void api.checkPayoutPaidRows({ id }).then((result) => {
      if (!current) return
      setState({
        key,
        value: result.ok ? { kind: 'checked', check: result.value } : { kind: 'failed', error: result.error }
      })
    })
    return () => {
      current = false
    }
  }, [key])
  if (key === null) return NONE
  // Until the effect has asked for this key, what is shown is that it is being checked.
  return state.key === key ? state.value : { kind: 'checking', paid }
}
