// Runs in: renderer. The screen for "#/payouts/new/mass" and "#/payouts/<id>/edit". One component
// for both, so that when a new mass draft is created (first edit) and the address changes to its
// edit URL, the same editor stays mounted: the grid keeps its focus, scroll and undo history. The
// editor is loaded as a chunk of its own (editorChunk.ts).
import { lazy, Suspense, useEffect, useRef, useState } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import { api, type AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { routeHref } from '../../lib/route'
import { EditPayoutScreen } from '../form/EditPayoutScreen'
import { loadEditor, prefetchEditor } from './editorChunk'

/**
 * Rows read before the grid first shows: one screenful and more, so a large payout opens at once.
 * Kept here, not with the editor: this route is in the app's first chunk and must not pull the editor in.
 */
const FIRST_PAGE = 1_000

const MassPayoutScreen = lazy(() => loadEditor().then((m) => ({ default: m.MassPayoutScreen })))

const LOADING = (
  <p className="loading" role="status">
    Loading…
  </p>
)

export function PayoutEditorRoute({ id }: { readonly id: string | null }) {
  const created = useRef<string | null>(null)
  const generation = useRef(0)
  if (id === null && created.current !== null) {
    // "New mass payout" again after this editor created one: start a fresh editor, not the last draft.
    created.current = null
    generation.current++
  }
  if (id === null || id === created.current) {
    return (
      <Suspense fallback={LOADING}>
        <MassPayoutScreen
          key={generation.current}
          payout={null}
          onCreated={(newId) => {
            created.current = newId
            // Replaces the address without a hashchange: nothing re-renders, nothing loses focus.
            window.history.replaceState(window.history.state, '', routeHref({ name: 'editPayout', id: newId }))
          }}
        />
      </Suspense>
    )
  }
  return <ExistingPayoutEditor key={id} id={id} />
}

/** Loads the payout and its first page of rows, then opens the editor for its kind (which reads the rest). */
function ExistingPayoutEditor({ id }: { readonly id: string }) {
  const [payout, setPayout] = useState<PayoutDetail | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [attempt, setAttempt] = useState(0)
  const started = useRef(performance.now())

  useEffect(() => {
    // The editor's code is fetched while the payout is read, not after.
    prefetchEditor()
    let live = true
    void api.getPayout({ id, limit: FIRST_PAGE }).then((result) => {
      if (!live) return
      if (result.ok) {
        setPayout(result.value)
        setError(null)
      } else setError(result.error)
    })
    return () => {
      live = false
    }
  }, [id, attempt])

  useEffect(() => {
    // Measured for the 100,000-row check: how long until the grid has rows to show.
    if (payout !== null)
      document.documentElement.dataset.massLoadMs = String(Math.round(performance.now() - started.current))
  }, [payout])

  if (error !== null)
    return <ErrorAlert error={error} title="The payout could not be loaded" onRetry={() => setAttempt((n) => n + 1)} />
  if (payout === null) return LOADING
  if (payout.kind === 'single') return <EditPayoutScreen id={id} />
  if (!payout.allowed.edit)
    return (
      <p className="notice" data-testid="not-editable">
        This payout can no longer be edited. <a href={routeHref({ name: 'payout', id })}>Back to the payout</a>
      </p>
    )
  return (
    <Suspense fallback={LOADING}>
      <MassPayoutScreen payout={payout} onCreated={() => undefined} />
    </Suspense>
  )
}
