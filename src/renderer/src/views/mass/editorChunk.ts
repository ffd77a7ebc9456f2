// Runs in: renderer. The mass payout editor and the grid library are a chunk of their own, so the
// app's first screen never downloads or parses them. It is fetched when a mass payout opens, or a
// moment before: when the pointer or keyboard focus reaches a link that opens one.

/** The editor's chunk; the module loader fetches it once, however often this is called. */
export const loadEditor = () => import('./MassPayoutScreen')

/** Starts fetching the editor; a failure shows when the editor itself is rendered, not here. */
export function prefetchEditor(): void {
  loadEditor().catch(() => undefined)
}
