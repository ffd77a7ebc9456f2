// Runs in: renderer. The top of the Settings page: one line naming each of its parts, each a button
// that brings its heading into view. Buttons, not links: the page's address is the app's route.
const PARTS: ReadonlyArray<{ readonly title: string; readonly headingId: string }> = [
  { title: 'Team approval policy', headingId: 'policy-title' },
  { title: 'Treasury accounts', headingId: 'safe-accounts-title' },
  { title: 'Audit log', headingId: 'audit-title' },
  { title: 'Network connections', headingId: 'endpoints-title' },
  { title: 'Automation', headingId: 'automation-title' }
]

export function SettingsIndex() {
  const show = (headingId: string): void => {
    const heading = document.getElementById(headingId)
    if (heading === null) return
    heading.scrollIntoView({ block: 'start' })
    // Keyboard and screen reader users land where the eye does.
    heading.setAttribute('tabindex', '-1')
    heading.focus({ preventScroll: true })
  }
  return (
    <nav className="settings-index" aria-label="Parts of Settings" data-testid="settings-index">
      <span className="muted">Also here:</span>
      {PARTS.map((p) => (
        <button
          key={p.headingId}
          type="button"
          className="link-button"
          onClick={() => show(p.headingId)}
          data-testid={`settings-index-${p.headingId}`}
        >
          {p.title}
        </button>
      ))}
    </nav>
  )
}
