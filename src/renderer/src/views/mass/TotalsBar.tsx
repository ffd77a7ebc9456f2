// Runs in: renderer. The totals under the grid, always visible: recipients, the exact sum, rows
// with errors and warnings, blank rows skipped, and whether the draft is saved.
import { assertNever } from '../../../../shared/result'
import type { AppError } from '../../api'
import type { AutosaveState } from '../../lib/mass/autosave'
import type { GridTotals } from '../../lib/mass/gridRows'
import { plural } from '../../lib/format'
import { formatBaseUnits } from '../../lib/money'

interface Props {
  readonly totals: GridTotals
  readonly decimals: number
  readonly symbol: string
  readonly created: boolean
  readonly saveState: AutosaveState
  readonly saveError: AppError | null
  readonly onRetry: () => void
}

export function saveLabel(state: AutosaveState, created: boolean): string {
  switch (state) {
    case 'idle':
      return created ? 'All changes saved' : 'Not saved yet: the draft is created on your first change'
    case 'waiting':
    case 'saving':
      return 'Saving…'
    case 'saved':
      return 'All changes saved'
    case 'error':
      return 'Not saved'
    default:
      return assertNever(state, 'autosave state')
  }
}

export function TotalsBar({ totals, decimals, symbol, created, saveState, saveError, onRetry }: Props) {
  const sum = formatBaseUnits(totals.totalBaseUnits, decimals) ?? '—'
  return (
    <div className="totals-bar" data-testid="totals-bar">
      <dl className="totals-bar__figures">
        <div>
          <dt>Recipients</dt>
          <dd data-testid="totals-count">{totals.recipients.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd className="mono" data-testid="totals-sum">
            {sum} {symbol}
          </dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd className={totals.rowsWithErrors > 0 ? 'text-error' : undefined} data-testid="totals-errors">
            {plural(totals.rowsWithErrors, 'row')}
          </dd>
        </div>
        <div>
          <dt>Warnings</dt>
          <dd className={totals.rowsWithWarnings > 0 ? 'text-warning' : undefined} data-testid="totals-warnings">
            {plural(totals.rowsWithWarnings, 'row')}
          </dd>
        </div>
        <div>
          <dt>Blank rows skipped</dt>
          <dd data-testid="totals-blank">{totals.blankRows.toLocaleString('en-US')}</dd>
        </div>
      </dl>
      <p
        className={`totals-bar__save totals-bar__save--${saveState}`}
        role="status"
        data-testid="save-state"
        data-state={saveState}
      >
        {saveLabel(saveState, created)}
        {totals.unchecked > 0 && saveState !== 'error' ? ` · checking ${plural(totals.unchecked, 'row')}` : ''}
        {saveState === 'error' ? (
          <>
            {saveError === null ? null : <span className="totals-bar__error">: {saveError.message}</span>}{' '}
            <button type="button" className="button button--small" onClick={onRetry} data-testid="save-retry">
              Try again
            </button>
          </>
        ) : null}
      </p>
    </div>
  )
}
