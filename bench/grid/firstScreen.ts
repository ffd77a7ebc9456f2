// Runs in: benchmarks (plain Node); the script below runs inside the page from its first byte. The
// app's first screen: from the start of the page's navigation (the app being opened) to the frame
// after the payouts list showed its first payout link, and then until the page's main thread was
// free (the end of the last long task before the list could be used). Also the script bytes the page
// loaded by then, and each long task of the opening.
import type { Page } from 'playwright-core'

export interface FirstScreenTiming {
  /** From navigation start to the frame after the first payout link was added (painted by then). */
  readonly listShownMs: number
  /** The later of listShownMs and the end of the last long task that started before it: when a click is answered at once. */
  readonly interactiveMs: number
  /** Script bytes the page had loaded (decoded) when the list was shown. */
  readonly scriptBytes: number
  readonly longestTaskMs: number
}

/** In the page before any of its own scripts: watches for the list and records long tasks from the start. */
const WATCH = `(() => {
  const tasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push({ start: e.startTime, end: e.startTime + e.duration, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
  const done = (shownAt) => {
    const before = tasks.filter((t) => t.start <= shownAt);
    const scripts = performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
    window.__firstScreen = {
      listShownMs: shownAt,
      interactiveMs: Math.max(shownAt, ...before.map((t) => t.end)),
      scriptBytes: scripts.reduce((n, r) => n + (r.decodedBodySize || 0), 0),
      longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration))
    };
  };
  const seen = () => document.querySelector('[data-testid="payout-link"]') !== null;
  const observer = new MutationObserver(() => {
    if (!seen()) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0));
  });
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.documentElement, { childList: true, subtree: true }));
})();`

/** Opens `url` in `page` (a fresh one) and times its first screen. */
export async function timeFirstScreen(page: Page, url: string, timeoutMs: number): Promise<FirstScreenTiming> {
  await page.addInitScript(WATCH)
  await page.goto(url)
  // A function, not a string: the page's CSP refuses eval, which a string predicate needs.
  const done = await page.waitForFunction(
    () => (globalThis as { __firstScreen?: FirstScreenTiming }).__firstScreen,
    undefined,
    { timeout: timeoutMs }
  )
  return (await done.jsonValue()) as FirstScreenTiming
}
