// Runs in: renderer. "Repeat": a new draft with the same recipients, amounts, purpose and columns,
// checked again like any draft; the new draft opens.
import { useState } from 'react'
import { api, type AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { routeHref } from '../../lib/route'

export function RepeatButton({ id }: { readonly id: string }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const repeat = async (): Promise<void> => {
    setBusy(true)
    const result = await api.repeatPayout({ id })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    window.location.hash = routeHref({ name: 'payout', id: result.value.id })
  }
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => void repeat()}
        disabled={busy}
        data-testid="repeat-payout"
      >
        {busy ? 'Repeating…' : 'Repeat'}
      </button>
      {error === null ? null : <ErrorAlert error={error} title="The payout was not repeated" focus />}
    </>
  )
}
