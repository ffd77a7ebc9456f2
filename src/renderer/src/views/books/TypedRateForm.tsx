// Runs in: renderer. A rate typed where the network has no feed (or its round gave none): the
// exact text, kept with the desk's name and the time; the values are recomputed with it.
import { useState } from 'react'
import type { BookCurrency, PayoutAccountingView } from '../../../../shared/accounting'
import { api, type AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'

interface Props {
  readonly payoutId: string
  readonly base: string
  readonly currency: BookCurrency
  readonly reason: string
  readonly onSaved: (values: PayoutAccountingView) => void
}

export function TypedRateForm({ payoutId, base, currency, reason, onSaved }: Props) {
  const [rate, setRate] = useState('')
  const [note, setNote] = useState('')
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)
  const save = async (): Promise<void> => {
    setBusy(true)
    const trimmed = note.trim()
    const result = await api.setTypedRate({
      id: payoutId,
      base,
      currency,
      rate: rate.trim(),
      ...(trimmed === '' ? {} : { note: trimmed })
    })
    setBusy(false)
    setError(result.ok ? null : result.error)
    if (result.ok) onSaved(result.value)
  }
  return (
    <form
      className="notice callout--warning books-rate"
      data-testid={`typed-rate-${base}`}
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <p className="notice__title">No {base} rate</p>
      <p>{reason}</p>
      <div className="books-rate__inputs">
        <label className="field">
          <span>
            1 {base} in {currency}
          </span>
          <input
            className="input"
            inputMode="decimal"
            value={rate}
            placeholder="e.g. 0.4521"
            onChange={(e) => setRate(e.target.value)}
            data-testid="typed-rate-value"
          />
        </label>
        <label className="field">
          <span>Source (optional)</span>
          <input
            className="input"
            value={note}
            maxLength={500}
            placeholder="e.g. exchange close 31 May"
            onChange={(e) => setNote(e.target.value)}
            data-testid="typed-rate-note"
          />
        </label>
        <button type="submit" className="button" disabled={busy || rate.trim() === ''} data-testid="typed-rate-save">
          Use this rate
        </button>
      </div>
      {error === null ? null : <ErrorAlert error={error} title="The rate was not saved" focus />}
    </form>
  )
}
