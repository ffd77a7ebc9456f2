// Runs in: renderer. "Export for accounting": the target system, this payout or a range of UTC
// dates, and the currency; the files main writes are downloaded and their warnings shown.
import { useState } from 'react'
import {
  ACCOUNTING_TARGETS,
  ACCOUNTING_TARGET_LABELS,
  BOOK_CURRENCIES,
  type AccountingExportView,
  type AccountingTarget,
  type BookCurrency
} from '../../../../shared/accounting'
import { api, type AppError } from '../../api'
import { Dialog } from '../../components/Dialog'
import { ErrorAlert } from '../../components/ErrorAlert'
import { downloadFile } from '../../lib/download'

interface Props {
  readonly payoutId: string
  readonly open: boolean
  readonly onClose: () => void
}

const today = (): string => new Date().toISOString().slice(0, 10)

export function ExportBooksDialog({ payoutId, open, onClose }: Props) {
  const [target, setTarget] = useState<AccountingTarget>('xero')
  const [currency, setCurrency] = useState<BookCurrency>('USD')
  const [scope, setScope] = useState<'payout' | 'range'>('payout')
  const [from, setFrom] = useState(today)
  const [to, setTo] = useState(today)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const [done, setDone] = useState<AccountingExportView | null>(null)

  const run = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    setDone(null)
    const result = await api.exportAccounting({
      scope: scope === 'payout' ? { payoutId } : { from, to },
      target,
      currency
    })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    for (const file of result.value.files) downloadFile(file)
    setDone(result.value)
  }

  return (
    <Dialog open={open} title="Export for accounting" onClose={onClose} testId="books-export-dialog">
      <label className="field">
        <span>Accounting system</span>
        <select
          className="input"
          value={target}
          data-testid="books-target"
          onChange={(e) => setTarget(e.target.value as AccountingTarget)}
        >
          {ACCOUNTING_TARGETS.map((t) => (
            <option key={t} value={t}>
              {ACCOUNTING_TARGET_LABELS[t]}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="field">
        <legend>What to export</legend>
        <label className="field--check">
          <input
            type="radio"
            name="books-scope"
            checked={scope === 'payout'}
            onChange={() => setScope('payout')}
            data-testid="books-scope-payout"
          />{' '}
          This payout
        </label>
        <label className="field--check">
          <input
            type="radio"
            name="books-scope"
            checked={scope === 'range'}
            onChange={() => setScope('range')}
            data-testid="books-scope-range"
          />{' '}
          Every payout paid between two dates (UTC)
        </label>
        {scope === 'range' ? (
          <div className="books-range">
            <input
              className="input"
              type="date"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              data-testid="books-from"
            />
            <span>to</span>
            <input
              className="input"
              type="date"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              data-testid="books-to"
            />
          </div>
        ) : null}
      </fieldset>
      <label className="field">
        <span>Currency of the values</span>
        <select
          className="input"
          value={currency}
          data-testid="books-currency"
          onChange={(e) => setCurrency(e.target.value as BookCurrency)}
        >
          {BOOK_CURRENCIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      {error === null ? null : <ErrorAlert error={error} title="No file was exported" focus />}
      {done === null ? null : (
        <div className="notice" role="status" data-testid="books-exported">
          <p className="notice__title">Downloaded</p>
          <ul>
            {done.files.map((f) => (
              <li key={f.fileName} className="mono" data-testid="books-file">
                {f.fileName}
              </li>
            ))}
          </ul>
          {done.warnings.map((w) => (
            <p key={w} className="text-warning">
              {w}
            </p>
          ))}
        </div>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          Close
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={() => void run()}
          disabled={busy}
          data-testid="books-export"
        >
          {busy ? 'Exporting…' : 'Export'}
        </button>
      </div>
    </Dialog>
  )
}
