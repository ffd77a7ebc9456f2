// Runs in: renderer. Structural edits of the grid's rows as pure functions on arrays: insert,
// delete, duplicate. Each returns a new array; row objects are shared, never copied silently.
import { emptyRow, type GridRow } from './gridRows'

export function insertRows(rows: readonly GridRow[], at: number, count = 1): GridRow[] {
  const index = Math.max(0, Math.min(at, rows.length))
  const added = Array.from({ length: count }, emptyRow)
  return [...rows.slice(0, index), ...added, ...rows.slice(index)]
}

export function deleteRows(rows: readonly GridRow[], remove: ReadonlySet<GridRow>): GridRow[] {
  return rows.filter((r) => !remove.has(r))
}

/** Each chosen row gets a copy right below it (new identity, same cells, marked for checking). */
export function duplicateRows(rows: readonly GridRow[], chosen: ReadonlySet<GridRow>): GridRow[] {
  const out: GridRow[] = []
  for (const r of rows) {
    out.push(r)
    if (chosen.has(r))
      out.push({
        ...emptyRow(),
        address: r.address,
        amount: r.amount,
        name: r.name,
        reference: r.reference,
        note: r.note,
        category: r.category,
        costCenter: r.costCenter,
        deskIssue: r.deskIssue,
        issues: r.deskIssue === null ? [] : [r.deskIssue],
        pending: true,
        version: 1
      })
  }
  return out
}

/** A copy of every row's cells, to restore the grid on undo of a structural change. */
export function snapshotRows(rows: readonly GridRow[]): GridRow[] {
  return rows.map((r) => ({ ...r }))
}
