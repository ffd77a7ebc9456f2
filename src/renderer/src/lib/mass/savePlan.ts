// Runs in: renderer. Decides how the grid's next save reaches main: nothing, a patch of the rows
// that changed (cell edits, rows added at the end), or a full replace (rows inserted, deleted,
// moved, or a blank row filled in the middle). Main numbers rows by position among non-blank rows,
// so a patch is only valid while every row saved last time is still at the same position.
import type { InputOf } from '../../../../shared/api'
import type { NumberFormat } from '../../../../shared/numberFormat'
import { savedOrder, toRecipient, type GridRow } from './gridRows'

type PatchRow = InputOf<'patchPayoutRows'>['rows'][number]

export type SavePlan =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'patch'
      readonly order: readonly GridRow[]
      readonly rows: readonly PatchRow[]
      readonly sent: readonly GridRow[]
    }
  | { readonly kind: 'replace'; readonly order: readonly GridRow[] }

/**
 * `saved` is the non-blank order main holds (as of the last successful save), `dirty` the rows
 * edited since. `order` in the plan is what main will hold once this save succeeds. `format` is the
 * desk's number format, sent with amounts the desk could not read.
 */
export function planSave(
  rows: readonly GridRow[],
  saved: readonly GridRow[],
  dirty: ReadonlySet<GridRow>,
  structural: boolean,
  format: NumberFormat
): SavePlan {
  const order = savedOrder(rows)
  if (structural || order.length < saved.length) return { kind: 'replace', order }
  for (let i = 0; i < saved.length; i++) if (order[i] !== saved[i]) return { kind: 'replace', order }
  const patch: PatchRow[] = []
  const sent: GridRow[] = []
  for (let i = 0; i < order.length; i++) {
    const row = order[i]!
    if (i >= saved.length || dirty.has(row)) {
      patch.push({ row: i + 1, ...toRecipient(row, format) })
      sent.push(row)
    }
  }
  return patch.length === 0 ? { kind: 'none' } : { kind: 'patch', order, rows: patch, sent }
}
