// Runs in: renderer. Settings > Automation: how other systems draft payouts here and learn what
// became of them (the REST API, the inbox and outbox folders, tokens and webhooks). Reloads when
// main reports a change (a token used, a webhook delivered, the API started or stopped).
import { useCallback, useEffect, useState } from 'react'
import type { AutomationView } from '../../../../../shared/automation'
import { api, type AppError } from '../../../api'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { useTreasuryEvent } from '../../../hooks/useTreasuryEvent'
import { ApiPanel, FoldersPanel } from './ServicePanels'
import { TokensPanel } from './TokensPanel'
import { WebhooksPanel } from './WebhooksPanel'
import '../../../styles/automation.css'

export function AutomationSettings() {
  const [view, setView] = useState<AutomationView | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const load = useCallback(async (): Promise<void> => {
    const result = await api.getAutomation({})
    if (result.ok) {
      setView(result.value)
      setError(null)
    } else setError(result.error)
  }, [])
  useEffect(() => {
    void load()
  }, [load])
  useTreasuryEvent((event) => {
    if (event.type === 'automation.changed' || event.type === 'settings.changed') void load()
  })
  return (
    <section className="automation-section" aria-labelledby="automation-title" data-testid="automation-settings">
      <h2 id="automation-title">Automation</h2>
      <p className="hint">
        Other systems (a payroll or ERP system, a platform's backend) can draft payouts here: by dropping registry files
        into an inbox folder, through a REST API on this computer, or with the treasury command. They learn the outcome
        from status files, events and webhooks. Automation only drafts: submitting, approving and signing stay with
        people and their Ledgers.
      </p>
      {error === null ? null : (
        <ErrorAlert error={error} title="Automation settings could not be loaded" onRetry={() => void load()} />
      )}
      {view === null ? null : (
        <>
          <ApiPanel view={view} onSaved={setView} />
          <TokensPanel tokens={view.tokens} onChanged={() => void load()} />
          <FoldersPanel view={view} onSaved={setView} />
          <WebhooksPanel webhooks={view.webhooks} onChanged={() => void load()} />
        </>
      )}
    </section>
  )
}
