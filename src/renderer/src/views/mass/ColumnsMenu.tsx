// Runs in: renderer. Show or hide grid columns (the community grid has no column tool panel).
// The choice is kept with the rest of the desk's column layout, the same for every payout.
import { useState, type RefObject } from 'react'
import { FIELD_LABELS, STATUS_COL } from './gridColumns'
import type { MassGridHandle } from './MassGrid'

const HIDEABLE: readonly { readonly colId: string; readonly label: string }[] = [
  ...Object.entries(FIELD_LABELS).map(([colId, label]) => ({ colId, label })),
  { colId: STATUS_COL, label: 'Status' }
]

export function ColumnsMenu({ grid }: { readonly grid: RefObject<MassGridHandle | null> }) {
  const [open, setOpen] = useState(false)
  const [hidden, setHidden] = useState<readonly string[]>([])
  return (
    <div className="menu-anchor">
      <button
        type="button"
        className="button button--small"
        aria-expanded={open}
        data-testid="grid-columns"
        onClick={() => {
          setHidden(grid.current?.hiddenColumns() ?? [])
          setOpen((o) => !o)
        }}
      >
        Columns <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <div className="menu menu--columns" role="group" aria-label="Visible columns">
          {HIDEABLE.map((c) => (
            <label key={c.colId} className="checkbox menu__item">
              <input
                type="checkbox"
                checked={!hidden.includes(c.colId)}
                onChange={(e) => {
                  grid.current?.setColumnVisible(c.colId, e.target.checked)
                  setHidden(grid.current?.hiddenColumns() ?? [])
                }}
              />{' '}
              {c.label}
            </label>
          ))}
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              grid.current?.resetLayout()
              setHidden([])
            }}
          >
            Reset layout
          </button>
        </div>
      ) : null}
    </div>
  )
}
