// Runs in: renderer. What the user must know about this computer before trusting the app with
// secrets (e.g. no OS keychain: RPC keys are kept for this session only). Shown above every screen.
import { useEffect, useState } from 'react'
import type { Notice } from '../../../shared/api'
import { api } from '../api'

export function SystemNotices() {
  const [notices, setNotices] = useState<readonly Notice[]>([])
  useEffect(() => {
    let live = true
    void api.getNotices({}).then((r) => {
      if (live && r.ok) setNotices(r.value)
    })
    return () => {
      live = false
    }
  }, [])
  if (notices.length === 0) return null
  return (
    <div className="system-notices" data-testid="system-notices">
      {notices.map((n) => (
        <p
          key={n.code}
          className={`system-notice system-notice--${n.severity}`}
          role={n.severity === 'warning' ? 'alert' : 'note'}
        >
          {n.message}
        </p>
      ))}
    </div>
  )
}
