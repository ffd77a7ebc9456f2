// Runs in: renderer. The rows of a large payout after its first page: read from main a page of
// columns at a time, a few pages ahead of the one being added, made grid rows and handed over in
// slices sized so that adding one (the rows and the grid's transaction for them) is a short task,
// with the page's thread given back before each. Typing, scrolling and painting go on meanwhile.
import type { Issue, PayoutRowsPage } from '../../../../shared/api'
import type { AppError, Result } from '../../../../shared/result'
import { checkedRow, type GridRow } from './gridRows'

/** What the first page said about the payout; every later page must say the same, or the payout changed in between. */
export interface FirstPage {
  readonly rows: number
  readonly recipientCount: number
  readonly updatedAt: string
}

export const PAYOUT_CHANGED: AppError = {
  code: 'payout_changed',
  message:
    'This payout changed while its rows were being read, so this page does not have all of them and will not save. Open the payout again.'
}

/**
 * How long adding one slice should take: under the 100 ms after which a page feels stuck, with room
 * for a busy machine stretching it. Each slice also costs the grid a pass over every row it holds,
 * so slices much shorter than this make the whole load slower.
 */
export const SLICE_BUDGET_MS = 30
/** The first slice's rows, before any has been timed: about what the grid's first render held. */
export const FIRST_SLICE_ROWS = 1_000
/**
 * The fewest rows a slice holds. The grid's pass over every row it holds is paid per slice, so on a
 * busy machine, where that pass alone can take the budget, smaller slices would only multiply it.
 */
export const MIN_SLICE_ROWS = 1_000
/** A slice is at most this many times the one before: one quick slice (an idle moment) must not make the next one long. */
const MAX_GROWTH = 2

/**
 * The rows of the next slice: as many as the last slice's pace (`rows` added in `tookMs`) fits in
 * the budget, at most `MAX_GROWTH` times the last planned size (`planned`) and `maxRows`.
 */
export function nextSliceRows(planned: number, rows: number, tookMs: number, maxRows: number): number {
  const fitting = tookMs <= 0 ? Number.POSITIVE_INFINITY : Math.floor((rows * SLICE_BUDGET_MS) / tookMs)
  return Math.max(MIN_SLICE_ROWS, Math.min(fitting, planned * MAX_GROWTH, maxRows))
}

const NO_ISSUES: readonly Issue[] = Object.freeze([])

/** Rows `from` (included) to `to` (excluded) of a page main read as columns, as grid rows. */
export function rowsFromColumns(page: PayoutRowsPage, from: number, to: number): GridRow[] {
  const issues = new Map<number, readonly Issue[]>()
  for (const [index, found] of page.issues) if (index >= from && index < to) issues.set(index, found)
  const rows = new Array<GridRow>(to - from)
  // One object for every row's text: checkedRow copies the fields out, so 10,000 rows make no garbage here.
  const text = { address: '', amount: '', name: '', reference: '', note: '', category: '', costCenter: '' }
  for (let i = from; i < to; i++) {
    text.address = page.address[i]!
    text.amount = page.amount[i]!
    text.name = page.name[i]!
    text.reference = page.reference[i]!
    text.note = page.note[i]!
    text.category = page.category[i]!
    text.costCenter = page.costCenter[i]!
    rows[i - from] = checkedRow(text, issues.get(i) ?? NO_ISSUES, page.amountBaseUnits[i] ?? null)
  }
  return rows
}

/** A later page belongs to the same state of the payout as the first, and brings rows. */
function samePayout(first: FirstPage, page: PayoutRowsPage): boolean {
  return page.recipientCount === first.recipientCount && page.updatedAt === first.updatedAt && page.address.length > 0
}

interface TaskScheduler {
  postTask(task: () => void, options: { readonly priority: 'user-visible' }): Promise<void>
}

/**
 * Gives the page's thread back and resumes in a task of its own, queued behind whatever else waits
 * (input, painting, timers, answers from main): the rows never jump the queue. Without the page's
 * task scheduler (tests), a timer does the same.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler
  if (scheduler?.postTask !== undefined) return scheduler.postTask(() => undefined, { priority: 'user-visible' })
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/** Reads up to a page of rows after row number `afterRow`. */
export type ReadRows = (afterRow: number) => Promise<Result<PayoutRowsPage>>

/** The pages of rows after the first page, taken one at a time in row order. */
export interface RowPages {
  /** The next page's answer; null once every page has been taken. */
  next(): Promise<Result<PayoutRowsPage>> | null
}

/**
 * Pages read before they are needed, this many beyond the last taken: main reads the next ones
 * while the page adds rows, and at most this many wait in memory however large the payout is.
 */
export const READ_AHEAD_PAGES = 4

/** Starts reading the pages after the first page now, `ahead` at a time. */
export function readAhead(first: FirstPage, pageRows: number, read: ReadRows, ahead = READ_AHEAD_PAGES): RowPages {
  const count = Math.max(0, Math.ceil((first.recipientCount - first.rows) / pageRows))
  const asked = new Map<number, Promise<Result<PayoutRowsPage>>>()
  let taken = 0
  const askUpTo = (end: number): void => {
    for (let k = taken; k < Math.min(count, end); k++) if (!asked.has(k)) asked.set(k, read(first.rows + k * pageRows))
  }
  askUpTo(ahead)
  return {
    next() {
      const page = asked.get(taken)
      if (page === undefined) return null
      asked.delete(taken++)
      askUpTo(taken + ahead)
      return page
    }
  }
}

export interface RemainingRows {
  /** The payout as its first page showed it. */
  readonly first: FirstPage
  /** The pages after it (readAhead). */
  readonly pages: RowPages
  /** The largest slice: a page's rows. */
  readonly pageRows: number
  /** Rows to add at the end, in order; `remaining` rows are still to come after them. */
  add(rows: GridRow[], remaining: number): void
  /** The page's clock in milliseconds (performance.now). */
  readonly now?: () => number
  readonly yieldToPage?: () => Promise<void>
}

/**
 * Adds every row after the first page as its page arrives. Resolves to null once all are added, or
 * to why reading stopped (main's error, or PAYOUT_CHANGED when a page shows another state of the
 * payout): then nothing more is added.
 */
export async function readRemainingRows(job: RemainingRows): Promise<AppError | null> {
  const { first, pageRows } = job
  const now = job.now ?? (() => performance.now())
  const giveBack = job.yieldToPage ?? yieldToPage
  let slice = Math.min(FIRST_SLICE_ROWS, pageRows)
  let have = first.rows
  for (let next = job.pages.next(); next !== null; next = job.pages.next()) {
    const answer = await next
    if (!answer.ok) return answer.error
    const page = answer.value
    if (!samePayout(first, page) || page.firstRow !== have + 1) return PAYOUT_CHANGED
    const count = page.address.length
    for (let from = 0; from < count;) {
      await giveBack()
      // A page's last few rows go with the slice before them rather than make a task of their own.
      const to = count - (from + slice) < MIN_SLICE_ROWS ? count : from + slice
      const started = now()
      job.add(rowsFromColumns(page, from, to), first.recipientCount - have - to)
      slice = nextSliceRows(slice, to - from, now() - started, pageRows)
      from = to
    }
    have += count
  }
  return have === first.recipientCount ? null : PAYOUT_CHANGED
}
