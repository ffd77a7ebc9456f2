// Runs in: renderer. Submit on the grid editor, beside the totals so it is always in view: the
// draft is saved first, then the same submission confirmation as on the payout page opens, whose
// rows lead back to the grid. Refused with the reason while the draft cannot be submitted.
import { useState } from 'react'
import type { PayoutStatus } from '../../../../shared/statuses'
import { plural } from '../../lib/format'
import type { AutosaveState } from '../../lib/mass/autosave'
import type { GridTotals } from '../../lib/mass/gridRows'
import { routeHref } from '../../lib/route'
import { SubmitDialog } from '../submit/SubmitDialog'

interface Props {
  readonly payoutId: string | null
  readonly chainId: number | null
  readonly status: PayoutStatus
  readonly totals: GridTotals
  readonly saveState: AutosaveState
  /** Saves what is waiting; resolves once main holds every edit (or the save failed). */
  readonly flush: () => Promise<void>
  readonly onRow: (row: number) => void
}

/** Why the editor's draft cannot be submitted now, or null when the confirmation may open. */
export function editorSubmitBlocker(p: Pick<Props, 'payoutId' | 'status' | 'totals' | 'saveState'>): string | null {
  if (p.payoutId === null || p.totals.recipients === 0) return 'Add at least one recipient before submitting.'
  if (p.status !== 'draft') return 'Already submitted.'
  if (p.saveState === 'error') return 'The draft is not saved: try saving again first.'
  if (p.totals.rowsWithErrors > 0)
    return `${plural(p.totals.rowsWithErrors, 'row has', 'rows have')} errors: fix or remove them first.`
  if (p.totals.unchecked > 0) return 'Checking rows…'
  return null
}

export function EditorSubmit(props: Props) {
  const { payoutId, chainId, flush, onRow } = props
  const [open, setOpen] = useState(false)
  const [saving, setSaving] = useState(false)
  const blocker = editorSubmitBlocker(props)
  const start = async (): Promise<void> => {
    setSaving(true)
    await flush()
    setSaving(false)
    setOpen(true)
  }
  return (
    <div className="editor-submit">
      <button
        type="button"
        className="button button--primary"
        disabled={blocker !== null || saving}
        title={blocker ?? 'Review the warnings and approvals, then submit'}
        onClick={() => void start()}
        data-testid="editor-submit"
      >
        {saving ? 'Saving…' : 'Review and submit…'}
      </button>
      {blocker === null || props.totals.rowsWithErrors > 0 ? null : (
        <span className="editor-submit__why muted" data-testid="editor-submit-blocker">
          {blocker}
        </span>
      )}
      {payoutId === null || chainId === null || !open ? null : (
        <SubmitDialog
          open
          payout={{ id: payoutId, chainId }}
          onClose={() => setOpen(false)}
          onRow={(row) => {
            setOpen(false)
            onRow(row)
          }}
          onSubmitted={(p) => {
            setOpen(false)
            window.location.hash = routeHref({ name: 'payout', id: p.id })
          }}
        />
      )}
    </div>
  )
}
