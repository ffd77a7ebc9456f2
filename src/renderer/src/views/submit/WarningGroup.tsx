// Runs in: renderer. One kind of warning in the submission confirmation: its title, what to check,
// the rows it concerns (the first ones one by one, clickable where the grid is at hand; the rest as
// ranges on request), and the box the submitter ticks to say they checked them.
import { useId, useState } from 'react'
import type { SubmissionWarningView } from '../../../../shared/approvals'
import { collapsedRows, rowRanges } from '../../lib/approvals/rowList'
import { acknowledgementText } from '../../lib/approvals/warnings'
import { plural } from '../../lib/format'

interface Props {
  readonly warning: SubmissionWarningView
  readonly acknowledged: boolean
  readonly disabled: boolean
  readonly onAcknowledge: (acknowledged: boolean) => void
  /** Goes to a row where the rows are on screen (the grid editor); without it rows are plain text. */
  readonly onRow?: (row: number) => void
}

export function WarningGroup({ warning, acknowledged, disabled, onAcknowledge, onRow }: Props) {
  const id = useId()
  const [expanded, setExpanded] = useState(false)
  const { shown, hidden } = collapsedRows(warning.rows)
  const count = shown.length + hidden
  return (
    <li
      className={acknowledged ? 'warning-group warning-group--done' : 'warning-group'}
      data-testid="submit-warning"
      data-kind={warning.kind}
    >
      <p className="warning-group__title">
        <span data-testid="submit-warning-title">{warning.title}</span>{' '}
        <span className="muted">· {plural(count, 'row')}</span>
      </p>
      <p className="warning-group__advice">{warning.advice}</p>
      <p className="warning-group__rows" data-testid="submit-warning-rows" data-rows={warning.rows.join(',')}>
        <span className="muted">{count === 1 ? 'Row' : 'Rows'} </span>
        {expanded ? (
          <span className="mono">{rowRanges(warning.rows)}</span>
        ) : (
          shown.map((row) =>
            onRow === undefined ? (
              <span key={row} className="row-chip">
                {row}
              </span>
            ) : (
              <button
                key={row}
                type="button"
                className="row-chip row-chip--link"
                onClick={() => onRow(row)}
                aria-label={`Go to row ${row}`}
              >
                {row}
              </button>
            )
          )
        )}
        {hidden > 0 && !expanded ? (
          <button type="button" className="link-button" onClick={() => setExpanded(true)} data-testid="show-all-rows">
            and {plural(hidden, 'more row')}: show all
          </button>
        ) : null}
      </p>
      <div className="field field--check warning-group__ack">
        <input
          id={`${id}-ack`}
          type="checkbox"
          checked={acknowledged}
          disabled={disabled}
          onChange={(e) => onAcknowledge(e.target.checked)}
          data-testid={`ack-${warning.kind}`}
        />
        <label htmlFor={`${id}-ack`}>{acknowledgementText(warning)}</label>
      </div>
    </li>
  )
}
