// Runs in: renderer. One kind of warning in the submission confirmation: its title, what to check,
// the rows it concerns and the box the submitter ticks to say they checked them. While the rows fit
// on screen, each row has its own box, ticked as it is checked; the kind counts as acknowledged once
// every row is. A longer list shows the first rows (clickable where the grid is at hand) and the
// rest as ranges on request, and is acknowledged as a whole.
import { useEffect, useId, useRef, useState } from 'react'
import type { SubmissionWarningView } from '../../../../shared/approvals'
import { collapsedRows, rowRanges } from '../../../../shared/rowList'
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

export function WarningGroup(props: Props) {
  const { warning, acknowledged } = props
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
      {hidden === 0 && count > 1 ? (
        <RowByRow {...props} rows={shown} />
      ) : (
        <AsAWhole {...props} shown={shown} hidden={hidden} />
      )}
    </li>
  )
}

function RowButton({ row, onRow }: { readonly row: number; readonly onRow?: (row: number) => void }) {
  return onRow === undefined ? (
    <span className="row-chip">{row}</span>
  ) : (
    <button
      type="button"
      className="row-chip row-chip--link"
      onClick={() => onRow(row)}
      aria-label={`Go to row ${row}`}
    >
      {row}
    </button>
  )
}

/** Every row with its own box; the kind's box ticks (or clears) them all. */
function RowByRow({
  warning,
  rows,
  acknowledged,
  disabled,
  onAcknowledge,
  onRow
}: Props & { readonly rows: readonly number[] }) {
  const id = useId()
  const [checked, setChecked] = useState<ReadonlySet<number>>(() => new Set(acknowledged ? rows : []))
  const all = useRef<HTMLInputElement>(null)
  const some = checked.size > 0 && checked.size < rows.length
  useEffect(() => {
    if (all.current !== null) all.current.indeterminate = some
  }, [some])

  const update = (next: ReadonlySet<number>): void => {
    setChecked(next)
    const complete = next.size === rows.length
    if (complete !== acknowledged) onAcknowledge(complete)
  }
  const tickRow = (row: number, on: boolean): void => {
    const next = new Set(checked)
    if (on) next.add(row)
    else next.delete(row)
    update(next)
  }

  return (
    <>
      <p className="muted warning-group__row-hint">Tick each row once you have checked it:</p>
      <ul className="warning-group__row-checks" data-testid="submit-warning-rows" data-rows={warning.rows.join(',')}>
        {rows.map((row) => (
          <li key={row} className={checked.has(row) ? 'row-check row-check--done' : 'row-check'}>
            <input
              id={`${id}-row-${row}`}
              type="checkbox"
              checked={checked.has(row)}
              disabled={disabled}
              onChange={(e) => tickRow(row, e.target.checked)}
              aria-label={`I checked row ${row}`}
              data-testid={`ack-${warning.kind}-row-${row}`}
            />
            <RowButton row={row} onRow={onRow} />
          </li>
        ))}
      </ul>
      <div className="field field--check warning-group__ack">
        <input
          ref={all}
          id={`${id}-ack`}
          type="checkbox"
          checked={checked.size === rows.length}
          disabled={disabled}
          onChange={(e) => update(new Set(e.target.checked ? rows : []))}
          data-testid={`ack-${warning.kind}`}
        />
        <label htmlFor={`${id}-ack`}>
          {acknowledgementText(warning)}{' '}
          <span className="muted" data-testid={`ack-${warning.kind}-progress`}>
            ({checked.size} of {rows.length} ticked)
          </span>
        </label>
      </div>
    </>
  )
}

/** Too many rows to tick one by one (or just one): the first ones listed, one box for the kind. */
function AsAWhole({
  warning,
  shown,
  hidden,
  acknowledged,
  disabled,
  onAcknowledge,
  onRow
}: Props & { readonly shown: readonly number[]; readonly hidden: number }) {
  const id = useId()
  const [expanded, setExpanded] = useState(false)
  return (
    <>
      <p className="warning-group__rows" data-testid="submit-warning-rows" data-rows={warning.rows.join(',')}>
        <span className="muted">{shown.length + hidden === 1 ? 'Row' : 'Rows'} </span>
        {expanded ? (
          <span className="mono">{rowRanges(warning.rows)}</span>
        ) : (
          shown.map((row) => <RowButton key={row} row={row} onRow={onRow} />)
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
    </>
  )
}
