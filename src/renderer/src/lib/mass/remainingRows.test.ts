// Runs in: Vitest (Node). The rows of a large payout after its first page: pages of columns made
// grid rows, handed over in slices sized by how long the last one took, and reading stopped when
// main fails or the payout changed in between.
import { describe, expect, it } from 'vitest'
import type { Issue, PayoutRowsPage } from '../../../../shared/api'
import type { Result } from '../../../../shared/result'
import {
  FIRST_SLICE_ROWS,
  MIN_SLICE_ROWS,
  nextSliceRows,
  PAYOUT_CHANGED,
  readAhead,
  READ_AHEAD_PAGES,
  readRemainingRows,
  rowsFromColumns,
  SLICE_BUDGET_MS
} from './remainingRows'
import type { GridRow } from './gridRows'

const WARNING: Issue = { field: 'address', severity: 'warning', code: 'address_duplicate', message: 'Twice' }

/** Main's page of rows `afterRow + 1` onwards of a payout of `count` rows, row n paying n base units. */
function page(afterRow: number, rows: number, count = afterRow + rows, updatedAt = 'T1'): PayoutRowsPage {
  const n = Array.from({ length: rows }, (_, i) => afterRow + i + 1)
  return {
    recipientCount: count,
    updatedAt,
    firstRow: afterRow + 1,
    address: n.map((r) => `0x${r}`),
    amount: n.map((r) => `${r}`),
    amountBaseUnits: n.map((r) => (r % 7 === 0 ? null : `${r}`)),
    name: n.map((r) => `N${r}`),
    reference: n.map((r) => `R${r}`),
    note: n.map(() => ''),
    category: n.map(() => ''),
    costCenter: n.map((r) => (r === 2 ? 'Eng' : '')),
    issues: n.flatMap((r, i) => (r % 5 === 0 ? [[i, [WARNING]] as const] : []))
  }
}

describe('rowsFromColumns', () => {
  it('makes row i of every column one checked grid row, with its issues and exact amount, only in the range asked', () => {
    const rows = rowsFromColumns(page(0, 10), 4, 8)
    expect(rows.map((r) => [r.address, r.amount, r.name, r.reference, r.costCenter])).toEqual([
      ['0x5', '5', 'N5', 'R5', ''],
      ['0x6', '6', 'N6', 'R6', ''],
      ['0x7', '7', 'N7', 'R7', ''],
      ['0x8', '8', 'N8', 'R8', '']
    ])
    expect(rows.map((r) => r.amountBaseUnits)).toEqual([5n, 6n, null, 8n])
    expect(rows.map((r) => r.issues)).toEqual([[WARNING], [], [], []])
    expect(rows.every((r) => !r.pending && r.version === 0 && r.deskIssue === null)).toBe(true)
    expect(new Set(rows.map((r) => r.id)).size).toBe(4)
    expect(rowsFromColumns(page(0, 3), 0, 3)[1]!.costCenter).toBe('Eng')
  })
})

describe('nextSliceRows', () => {
  it('fits the next slice to the last one’s pace within the budget', () => {
    expect(nextSliceRows(4000, 4000, SLICE_BUDGET_MS * 2, 10_000)).toBe(2000)
    expect(nextSliceRows(4000, 4000, SLICE_BUDGET_MS, 10_000)).toBe(4000)
  })

  it('grows at most twofold, never past the page, and never below the smallest slice', () => {
    expect(nextSliceRows(1000, 1000, 1, 10_000)).toBe(2000)
    expect(nextSliceRows(1000, 1000, 0, 10_000)).toBe(2000)
    expect(nextSliceRows(8000, 8000, 1, 10_000)).toBe(10_000)
    expect(nextSliceRows(1000, 1000, 10_000, 10_000)).toBe(MIN_SLICE_ROWS)
  })
})

describe('readAhead', () => {
  it('asks for the first pages at once, one more for each page taken, none past the last, and gives them in order', async () => {
    const asked: number[] = []
    const pages = readAhead({ rows: 5, recipientCount: 5 + 6 * 10, updatedAt: 'T1' }, 10, async (afterRow) => {
      asked.push(afterRow)
      return { ok: true, value: page(afterRow, 10) }
    })
    expect(asked).toEqual([5, 15, 25, 35].slice(0, READ_AHEAD_PAGES))
    const firstRows: number[] = []
    for (let next = pages.next(); next !== null; next = pages.next()) {
      const answer = await next
      if (answer.ok) firstRows.push(answer.value.firstRow)
      expect(asked.length).toBe(Math.min(6, firstRows.length + READ_AHEAD_PAGES))
    }
    expect(firstRows).toEqual([6, 16, 26, 36, 46, 56])
    expect(asked).toEqual([5, 15, 25, 35, 45, 55])
  })
})

describe('readRemainingRows', () => {
  /** Reads of a payout of `count` rows in pages of `pageRows`, each add taking `msPerRow` on a clock the test keeps. */
  function job(
    count: number,
    pageRows: number,
    msPerRow: number,
    answer = (p: PayoutRowsPage): Result<PayoutRowsPage> => ({ ok: true, value: p })
  ) {
    let clock = 0
    const reads: number[] = []
    const added: Array<{ readonly rows: GridRow[]; readonly remaining: number; readonly readsBefore: number }> = []
    const events: string[] = []
    return {
      reads,
      added,
      events,
      run: () => {
        const first = { rows: 3, recipientCount: count, updatedAt: 'T1' }
        return readRemainingRows({
          first,
          pageRows,
          pages: readAhead(first, pageRows, async (afterRow) => {
            reads.push(afterRow)
            return answer(page(afterRow, Math.min(pageRows, count - afterRow), count))
          }),
          add: (rows, remaining) => {
            clock += rows.length * msPerRow
            added.push({ rows, remaining, readsBefore: reads.length })
            events.push(`add:${rows.length}`)
          },
          now: () => clock,
          yieldToPage: async () => {
            events.push('yield')
          }
        })
      }
    }
  }

  it('adds every row in order, each slice after the page’s thread was given back, saying how many are still to come', async () => {
    const j = job(3 + 25_000, 10_000, 0.01)
    expect(await j.run()).toBeNull()
    expect(j.reads).toEqual([3, 10_003, 20_003])
    const all = j.added.flatMap((a) => a.rows)
    expect(all.map((r) => r.address)).toEqual(Array.from({ length: 25_000 }, (_, i) => `0x${i + 4}`))
    let left = 25_000
    for (const a of j.added) expect(a.remaining).toBe((left -= a.rows.length))
    expect(j.events.every((e, i) => (i % 2 === 0 ? e === 'yield' : e.startsWith('add:')))).toBe(true)
    // The next pages were asked for before the first slice of this one was added.
    expect(j.added[0]!.readsBefore).toBe(3)
  })

  it('slices by pace: quick adds grow from the first slice towards a page, slow ones stay small but not tiny', async () => {
    const quick = job(3 + 20_000, 10_000, 0.001)
    await quick.run()
    expect(quick.added.map((a) => a.rows.length).slice(0, 4)).toEqual([
      FIRST_SLICE_ROWS,
      2 * FIRST_SLICE_ROWS,
      4 * FIRST_SLICE_ROWS,
      10_000 - 7 * FIRST_SLICE_ROWS
    ])
    const slower = job(3 + 5_000, 10_000, SLICE_BUDGET_MS / 1_500)
    await slower.run()
    // 1,500 rows fit the budget; the page's last 1,000 rows, too few for a slice of their own, end it.
    expect(slower.added.map((a) => a.rows.length)).toEqual([1000, 1500, 1500, 1000])
    const slow = job(3 + 3_000, 10_000, (2 * SLICE_BUDGET_MS) / MIN_SLICE_ROWS)
    await slow.run()
    expect(slow.added.map((a) => a.rows.length)).toEqual([MIN_SLICE_ROWS, MIN_SLICE_ROWS, MIN_SLICE_ROWS])
  })

  it('stops at a page of another state of the payout, or main’s error, adding nothing more', async () => {
    let pages = 0
    const changed = job(3 + 15_000, 10_000, 0.001, (p) => {
      pages++
      return { ok: true, value: pages === 2 ? { ...p, updatedAt: 'T2' } : p }
    })
    expect(await changed.run()).toBe(PAYOUT_CHANGED)
    expect(changed.added.reduce((n, a) => n + a.rows.length, 0)).toBe(10_000)

    const failing = job(3 + 15_000, 10_000, 0.001, () => ({
      ok: false,
      error: { code: 'internal_error', message: 'disk' }
    }))
    expect((await failing.run())?.code).toBe('internal_error')
    expect(failing.added).toEqual([])
  })
})
