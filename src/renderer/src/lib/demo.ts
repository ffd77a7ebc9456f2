// Runs in: renderer. Whether the app runs as a demo (no device, no real funds): read from the
// page's query string (`?demo`, `?demo=1`), so every screen can say so plainly.

const OFF = new Set(['0', 'false', 'no', 'off'])

export function isDemo(search: string): boolean {
  const params = new URLSearchParams(search)
  if (!params.has('demo')) return false
  return !OFF.has((params.get('demo') ?? '').trim().toLowerCase())
}
