// Runs in: any process (pure). Row numbers named by a warning or an acknowledgement, laid out for reading:
// runs of consecutive rows as ranges ("3–7, 12"), and long lists cut to the first few with a count
// of the rest, so a warning on 5,000 rows is one line, not 5,000 numbers.

/** Rows listed before a long list is collapsed behind "and N more". */
export const ROWS_SHOWN = 12

/** Sorted, without repeats: the order a person reads rows in. */
function normalized(rows: readonly number[]): number[] {
  return [...new Set(rows)].sort((a, b) => a - b)
}

/** [1, 2, 3, 5, 7, 8] -> "1–3, 5, 7–8" (an en dash joins a run of three or more). */
export function rowRanges(rows: readonly number[]): string {
  const sorted = normalized(rows)
  const parts: string[] = []
  let i = 0
  while (i < sorted.length) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++
    const start = sorted[i]!
    const end = sorted[j]!
    if (j - i >= 2) parts.push(`${start}–${end}`)
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]))
    i = j + 1
  }
  return parts.join(', ')
}

/** "row 4", "rows 1–3, 5": the words before the numbers agree with how many rows there are. */
export function rowsText(rows: readonly number[]): string {
  const count = normalized(rows).length
  return count === 0 ? 'no rows' : `${count === 1 ? 'row' : 'rows'} ${rowRanges(rows)}`
}

/** The first `limit` rows to show one by one (each can be clicked), and how many are left out. */
export function collapsedRows(
  rows: readonly number[],
  limit = ROWS_SHOWN
): { readonly shown: readonly number[]; readonly hidden: number } {
  const sorted = normalized(rows)
  if (sorted.length <= limit) return { shown: sorted, hidden: 0 }
  return { shown: sorted.slice(0, limit), hidden: sorted.length - limit }
}
