// Runs in: renderer. The REST API (off by default; 127.0.0.1 only, on a chosen port) and the inbox
// and outbox folders, each with what it is doing now (off, running, or why it stopped).
import { useEffect, useId, useState, type FormEvent } from 'react'
import {
  INBOX_READINESS,
  type AutomationPartState,
  type AutomationView,
  type InboxReadiness
} from '../../../../../shared/automation'
import { api, type AppError } from '../../../api'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { readFolder, readPort } from './automationForm'

const STATE_LABEL: Readonly<Record<AutomationPartState['state'], string>> = {
  off: 'Off',
  running: 'Running',
  failed: 'Stopped'
}

export function PartState({ part, testId }: { readonly part: AutomationPartState; readonly testId: string }) {
  return (
    <>
      <span className={`automation-state automation-state--${part.state}`} data-testid={testId} data-state={part.state}>
        {STATE_LABEL[part.state]}
      </span>
      {part.error === null ? null : <p className="hint text-error">{part.error}</p>}
    </>
  )
}

function useSave(onSaved: (view: AutomationView) => void) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const save = async (patch: Parameters<typeof api.updateAutomation>[0]): Promise<void> => {
    setBusy(true)
    setError(null)
    const result = await api.updateAutomation(patch)
    setBusy(false)
    if (result.ok) onSaved(result.value)
    else setError(result.error)
  }
  return { busy, error, save }
}

export function ApiPanel({
  view,
  onSaved
}: {
  readonly view: AutomationView
  readonly onSaved: (v: AutomationView) => void
}) {
  const id = useId()
  const [enabled, setEnabled] = useState(view.api.enabled)
  const [port, setPort] = useState(String(view.api.port))
  const { busy, error, save } = useSave(onSaved)
  useEffect(() => {
    setEnabled(view.api.enabled)
    setPort(String(view.api.port))
  }, [view.api.enabled, view.api.port])
  const portRead = readPort(port)
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault()
    if (portRead.ok) void save({ apiEnabled: enabled, apiPort: portRead.value })
  }
  return (
    <form className="automation-part" onSubmit={onSubmit} noValidate data-testid="automation-api">
      <h3>
        REST API <PartState part={view.api} testId="api-state" />
      </h3>
      <p className="hint">
        Listens on this computer only ({view.api.url ?? `http://127.0.0.1:${view.api.port}`}); its description is at
        /openapi.json. Every call needs a token below and is written to the audit log under the token's name.
      </p>
      {error === null ? null : <ErrorAlert error={error} title="The API settings were not saved" focus />}
      <div className="automation-row">
        <div className="field field--check">
          <input
            id={`${id}-enabled`}
            type="checkbox"
            checked={enabled}
            onChange={(e) => setEnabled(e.target.checked)}
            data-testid="api-enabled"
          />
          <label htmlFor={`${id}-enabled`}>Switch the API on</label>
        </div>
        <div className="field field--short">
          <label htmlFor={`${id}-port`}>Port</label>
          <input
            id={`${id}-port`}
            className="input"
            inputMode="numeric"
            value={port}
            aria-invalid={!portRead.ok}
            onChange={(e) => setPort(e.target.value)}
            data-testid="api-port"
          />
        </div>
        <button type="submit" className="button button--primary" disabled={busy || !portRead.ok} data-testid="api-save">
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
      {portRead.ok ? null : <p className="hint text-error">{portRead.message}</p>}
    </form>
  )
}

const READINESS_LABEL: Readonly<Record<InboxReadiness, string>> = {
  stable_size: 'When its size stops changing (or a .ready file appears)',
  ready_marker: 'Only when a <name>.ready file appears beside it'
}

export function FoldersPanel({
  view,
  onSaved
}: {
  readonly view: AutomationView
  readonly onSaved: (v: AutomationView) => void
}) {
  const id = useId()
  const [inbox, setInbox] = useState(view.inbox.folder ?? '')
  const [readiness, setReadiness] = useState<InboxReadiness>(view.inbox.readiness)
  const [outbox, setOutbox] = useState(view.outbox.folder ?? '')
  const { busy, error, save } = useSave(onSaved)
  useEffect(() => {
    setInbox(view.inbox.folder ?? '')
    setReadiness(view.inbox.readiness)
    setOutbox(view.outbox.folder ?? '')
  }, [view.inbox.folder, view.inbox.readiness, view.outbox.folder])
  const inboxRead = readFolder(inbox)
  const outboxRead = readFolder(outbox)
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault()
    if (inboxRead.ok && outboxRead.ok)
      void save({ inboxFolder: inboxRead.value, inboxReadiness: readiness, outboxFolder: outboxRead.value })
  }
  return (
    <form className="automation-part" onSubmit={onSubmit} noValidate data-testid="automation-folders">
      <h3>Inbox and outbox folders</h3>
      <p className="hint">
        A registry (CSV, TSV, XLSX, XLS, ODS) dropped into the inbox with a JSON sidecar naming its network and currency
        becomes a draft mass payout, checked like an upload. Drafted files move to processed/, refused ones to failed/
        with a .errors.csv beside them. The outbox gets a status file (JSON and CSV) for each automated payout whenever
        its status changes.
      </p>
      {error === null ? null : <ErrorAlert error={error} title="The folders were not saved" focus />}
      <div className="field">
        <label htmlFor={`${id}-inbox`}>
          Inbox folder <PartState part={view.inbox} testId="inbox-state" />
        </label>
        <input
          id={`${id}-inbox`}
          className="input input--mono"
          value={inbox}
          placeholder="No inbox"
          spellCheck={false}
          aria-invalid={!inboxRead.ok}
          onChange={(e) => setInbox(e.target.value)}
          data-testid="inbox-folder"
        />
        {inboxRead.ok ? null : <p className="hint text-error">{inboxRead.message}</p>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-readiness`}>A file is read</label>
        <select
          id={`${id}-readiness`}
          className="input"
          value={readiness}
          onChange={(e) => setReadiness(INBOX_READINESS.find((r) => r === e.target.value) ?? 'stable_size')}
          data-testid="inbox-readiness"
        >
          {INBOX_READINESS.map((r) => (
            <option key={r} value={r}>
              {READINESS_LABEL[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-outbox`}>
          Outbox folder <PartState part={view.outbox} testId="outbox-state" />
        </label>
        <input
          id={`${id}-outbox`}
          className="input input--mono"
          value={outbox}
          placeholder="No outbox"
          spellCheck={false}
          aria-invalid={!outboxRead.ok}
          onChange={(e) => setOutbox(e.target.value)}
          data-testid="outbox-folder"
        />
        {outboxRead.ok ? null : <p className="hint text-error">{outboxRead.message}</p>}
      </div>
      <div className="form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || !inboxRead.ok || !outboxRead.ok}
          data-testid="folders-save"
        >
          {busy ? 'Saving…' : 'Save folders'}
        </button>
      </div>
    </form>
  )
}
