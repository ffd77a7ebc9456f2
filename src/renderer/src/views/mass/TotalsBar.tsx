// Runs in: renderer. The totals above the grid, always visible: recipients, the exact sum, rows
// with errors and warnings (each count filters the grid to those rows), blank rows skipped, and
// whether the draft is saved, and Submit. Its second line has a fixed height, so the grid below never moves
// while messages come and go as the user types: the issue filter's controls, a failed save or why
// the payout cannot be submitted, and otherwise the grid's keys.
import type { ReactNode } from 'react'
import type { NumberFormat } from '../../../../shared/numberFormat'
import { assertNever } from '../../../../shared/result'
import type { AppError } from '../../api'
import { formatDeskBaseUnits } from '../../lib/deskAmount'
import { plural } from '../../lib/format'
import type { AutosaveState } from '../../lib/mass/autosave'
import type { GridTotals } from '../../lib/mass/gridRows'
import type { IssueFilter } from '../../lib/mass/issueFilter'

interface Props {
  readonly totals: GridTotals
  readonly decimals: number
  readonly symbol: string
  readonly deskFormat: NumberFormat
  readonly created: boolean
  readonly saveState: AutosaveState
  readonly saveError: AppError | null
  readonly onRetry: () => void
  readonly filter: IssueFilter | null
  readonly onFilter: (filter: IssueFilter | null) => void
  readonly onStep: (direction: 1 | -1) => void
  /** Submit, kept with the totals so it is always in view. */
  readonly submit?: ReactNode
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

/** The second line's message: a failed save first, then why the payout cannot be submitted. */
export function totalsMessage(
  totals: GridTotals,
  saveState: AutosaveState,
  saveError: AppError | null
): { readonly text: string; readonly testId: 'save-error' | 'mass-cannot-submit' } | null {
  if (saveState === 'error' && saveError !== null)
    return { text: `Not saved: ${saveError.message}`, testId: 'save-error' }
  if (totals.rowsWithErrors > 0) {
    const rows = totals.rowsWithErrors === 1 ? '1 row has' : `${plural(totals.rowsWithErrors, 'row')} have`
    return {
      text: `${rows} errors. The draft is saved, but it cannot be submitted until they are fixed or removed.`,
      testId: 'mass-cannot-submit'
    }
  }
  return null
}

const KEYS_HINT =
  'Ctrl+V pastes from a spreadsheet · Shift+arrows or drag to select · Ctrl+C copies · Ctrl+D fills down · Delete clears · Tab, Tab, Enter goes back to the first column typed in'

const FILTER_WORDS: Readonly<Record<IssueFilter, string>> = { errors: 'errors', warnings: 'warnings' }

export function TotalsBar(props: Props) {
  const { totals, decimals, symbol, deskFormat, created, saveState, saveError, onRetry, filter, onFilter, onStep } =
    props
  const sum = formatDeskBaseUnits(totals.totalBaseUnits, decimals, deskFormat) ?? '—'
  const message = totalsMessage(totals, saveState, saveError)
  const count = (kind: IssueFilter, n: number, className: string, testId: string) => (
    <button
      type="button"
      className={`totals-bar__count ${n > 0 ? className : ''}`}
      aria-pressed={filter === kind}
      disabled={n === 0 && filter !== kind}
      title={filter === kind ? 'Show every row' : `Show only the rows with ${FILTER_WORDS[kind]}`}
      data-testid={testId}
      onClick={() => onFilter(filter === kind ? null : kind)}
    >
      {plural(n, 'row')}
    </button>
  )
  const shown = filter === 'errors' ? totals.rowsWithErrors : filter === 'warnings' ? totals.rowsWithWarnings : 0
  return (
    <div className="totals-bar" data-testid="totals-bar">
      <div className="totals-bar__main">
        <dl className="totals-bar__figures">
          <div>
            <dt>Recipients</dt>
            <dd data-testid="totals-count">{totals.recipients.toLocaleString('en-US')}</dd>
          </div>
          <div>
            <dt>Total</dt>
            <dd className="mono totals-bar__sum" data-testid="totals-sum">
              {sum} {symbol}
            </dd>
          </div>
          <div>
            <dt>Errors</dt>
            <dd>{count('errors', totals.rowsWithErrors, 'text-error', 'totals-errors')}</dd>
          </div>
          <div>
            <dt>Warnings</dt>
            <dd>{count('warnings', totals.rowsWithWarnings, 'text-warning', 'totals-warnings')}</dd>
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
              {' '}
              <button type="button" className="button button--small" onClick={onRetry} data-testid="save-retry">
                Try again
              </button>
            </>
          ) : null}
        </p>
        {props.submit}
      </div>
      <div className="totals-bar__line">
        {filter === null ? null : (
          <div className="totals-bar__filter" role="group" aria-label="Rows shown" data-testid="grid-filter">
            <span data-testid="grid-filter-status">
              Showing only the {plural(shown, 'row')} with {FILTER_WORDS[filter]}
            </span>
            <button
              type="button"
              className="button button--small"
              onClick={() => onStep(-1)}
              title={`Previous row with ${FILTER_WORDS[filter]}`}
              data-testid="grid-filter-prev"
            >
              ‹ Previous
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => onStep(1)}
              title={`Next row with ${FILTER_WORDS[filter]}`}
              data-testid="grid-filter-next"
            >
              Next ›
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => onFilter(null)}
              data-testid="grid-filter-clear"
            >
              Show all rows
            </button>
          </div>
        )}
        {message === null ? null : (
          <p
            className="totals-bar__message text-error"
            title={message.text}
            role={message.testId === 'save-error' ? 'alert' : undefined}
            data-testid={message.testId}
          >
            <span aria-hidden="true">✕ </span>
            {message.text}
          </p>
        )}
        {filter === null && message === null ? (
          <p className="totals-bar__message muted" title={KEYS_HINT} data-testid="grid-keys-hint">
            {KEYS_HINT}
          </p>
        ) : null}
      </div>
    </div>
  )
}
