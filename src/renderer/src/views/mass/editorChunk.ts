// Runs in: renderer. The mass payout editor and the grid library are a chunk of their own, so the
// app's first screen never downloads or parses them. It is fetched when a mass payout opens, a
// moment before (when the pointer or keyboard focus reaches a link that opens one), and once the
// payouts list shows a draft that opens in it and the page has nothing else to do: a user reads the
// list before clicking, so the editor's code is then compiled already instead of on the click's path.

/** The editor's chunk; the module loader fetches it once, however often this is called. */
export const loadEditor = () => import('./MassPayoutScreen')

/** Starts fetching the editor; a failure shows when the editor itself is rendered, not here. */
export function prefetchEditor(): void {
  loadEditor().catch(() => undefined)
}

/** The longest the list may keep the page busy before the editor is fetched anyway. */
const IDLE_PREFETCH_DEADLINE_MS = 3_000

/** Fetches the editor when the page is next idle; the returned function calls it off if not yet. */
export function prefetchEditorWhenIdle(): () => void {
  const handle = window.requestIdleCallback(prefetchEditor, { timeout: IDLE_PREFETCH_DEADLINE_MS })
  return () => window.cancelIdleCallback(handle)
}
