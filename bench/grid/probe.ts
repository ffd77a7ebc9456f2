// Runs in: benchmarks (plain Node); the function below runs inside the page. One timed opening of
// a grid, the same for the app and for the bare page: a click on a link, then the time until the
// first row with data is on screen and until the grid holds every row, read back from the page.
import type { Page } from 'playwright-core'

export interface OpenTiming {
  /** From the click to the frame after the first data row was added to the page (it is painted by then). */
  readonly firstRowsMs: number
  /** From the click until the grid reports all rows (aria-rowcount) and the frame after. */
  readonly allRowsMs: number
  /** The longest main-thread task after the first rows were painted, until all rows were in: how long the page froze. */
  readonly longestTaskAfterFirstMs: number
  /** The first row's address as shown: proves the right rows were drawn. */
  readonly firstAddress: string
}

export interface OpenRequest {
  /** CSS selector of the link the user clicks. */
  readonly link: string
  /** Rows the grid must hold at the end (its header row is not counted). */
  readonly rows: number
  readonly timeoutMs: number
}

/** The little of the DOM the in-page function uses; this file is type-checked without the DOM library. */
interface PageGlobals {
  readonly performance: { now(): number }
  readonly document: {
    readonly documentElement: unknown
    querySelector(
      s: string
    ): { readonly textContent: string | null; getAttribute(n: string): string | null; click(): void } | null
  }
  requestAnimationFrame(f: () => void): number
  setTimeout(f: () => void, ms: number): number
  clearTimeout(id: number): void
  readonly PerformanceObserver: new (
    f: (list: { getEntries(): ReadonlyArray<{ readonly startTime: number; readonly duration: number }> }) => void
  ) => { observe(options: { type: string }): void; disconnect(): void }
  readonly MutationObserver: new (f: () => void) => {
    observe(
      target: unknown,
      options: { childList: boolean; subtree: boolean; characterData: boolean; attributes: boolean }
    ): void
    disconnect(): void
  }
}

/** Clicks `link` in the page and times the grid it opens. Throws if the grid is not complete within the timeout. */
export async function timeOpen(page: Page, request: OpenRequest): Promise<OpenTiming> {
  // tsx compiles with esbuild's keepNames, which wraps the function's inner named functions in a
  // `__name(fn, "name")` helper that exists only in this process: give the page a stand-in.
  await page.evaluate('globalThis.__name ??= (fn) => fn')
  return page.evaluate(async ({ link, rows, timeoutMs }: OpenRequest): Promise<OpenTiming> => {
    const g = globalThis as unknown as PageGlobals
    const FIRST_ADDRESS = '.ag-row [col-id="address"]'
    const ROW_COUNT = '[aria-rowcount]'
    const HEADER_ROWS = 1
    const painted = (): Promise<void> =>
      new Promise((resolve) => g.requestAnimationFrame(() => g.setTimeout(resolve, 0)))
    const until = (what: string, test: () => boolean): Promise<void> =>
      new Promise((resolve, reject) => {
        if (test()) return resolve()
        const observer = new g.MutationObserver(() => {
          if (!test()) return
          observer.disconnect()
          g.clearTimeout(timer)
          resolve()
        })
        const timer = g.setTimeout(() => {
          observer.disconnect()
          reject(new Error(`${what}: not seen within ${timeoutMs} ms`))
        }, timeoutMs)
        observer.observe(g.document.documentElement, {
          childList: true,
          subtree: true,
          characterData: true,
          attributes: true
        })
      })
    const address = (): string => g.document.querySelector(FIRST_ADDRESS)?.textContent?.trim() ?? ''
    const target = g.document.querySelector(link)
    if (target === null) throw new Error(`No ${link} to click`)
    const tasks: Array<{ readonly startTime: number; readonly duration: number }> = []
    const longTasks = new g.PerformanceObserver((list) => tasks.push(...list.getEntries()))
    longTasks.observe({ type: 'longtask' })
    const start = g.performance.now()
    target.click()
    await until('a grid row with data', () => address() !== '')
    await painted()
    const firstRowsMs = g.performance.now() - start
    const firstAddress = address()
    await until(
      `the grid holding ${rows} rows`,
      () => g.document.querySelector(ROW_COUNT)?.getAttribute('aria-rowcount') === String(rows + HEADER_ROWS)
    )
    await painted()
    const allRowsMs = g.performance.now() - start
    longTasks.disconnect()
    const after = tasks.filter((t) => t.startTime >= start + firstRowsMs).map((t) => t.duration)
    return { firstRowsMs, allRowsMs, longestTaskAfterFirstMs: Math.max(0, ...after), firstAddress }
  }, request)
}

/** What the page needs for waitForScript: its resource timings and idle callbacks. */
interface ScriptGlobals {
  readonly performance: { getEntriesByType(type: string): ReadonlyArray<{ readonly name: string }> }
  requestIdleCallback(f: () => void): number
}

/**
 * Waits until the page has fetched a script whose file name holds `name` and then was idle once
 * (the script evaluated by then): the state a user's click meets after reading the list a moment.
 */
export async function waitForScript(page: Page, name: string, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    (part: string) =>
      (globalThis as unknown as ScriptGlobals).performance
        .getEntriesByType('resource')
        .some((r) => r.name.split('/').pop()?.includes(part) === true),
    name,
    { timeout: timeoutMs }
  )
  await page.evaluate(
    () => new Promise<void>((resolve) => (globalThis as unknown as ScriptGlobals).requestIdleCallback(() => resolve()))
  )
}
