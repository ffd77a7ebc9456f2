// Runs in: renderer. RPC endpoints per network in Settings: the address in its masked form only
// (main never sends the key), default or custom, which endpoints cross-check its payments, a check (online with the latest block, or why
// not), a custom address checked by main before it is saved, and reset to the default.
import { useEffect, useId, useState } from 'react'
import type { EndpointHealthView, EndpointView } from '../../../../../shared/execution'
import type { Network } from '../../../../../shared/api'
import { api, type AppError } from '../../../api'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { useCatalogue } from '../../../stores/catalogue'
import { useEndpoints } from '../../../stores/endpoints'
import '../../../styles/pay.css'

export function EndpointSettings() {
  const { networks, loadNetworks } = useCatalogue()
  const { value: endpoints, error, reload, replace } = useEndpoints()
  useEffect(() => {
    void loadNetworks()
  }, [loadNetworks])
  return (
    <section className="endpoints" aria-labelledby="endpoints-title" data-testid="endpoint-settings">
      <h2 id="endpoints-title">Network connections</h2>
      <p className="hint">
        The JSON-RPC address the app uses for each network. Addresses often contain an access key: it is kept in this
        computer's keychain and only a masked form is shown. Fees, balances, signing and sending need a working
        connection; everything else works offline. Before a payment is called paid, or failed rows are paid again, the
        network's other public endpoint is asked too (it sees those transactions' hashes): an endpoint that answers
        wrongly cannot settle a payment alone. Turned off, a payment is called paid on your endpoint's word alone, and
        what it does not answer is left for a person to check.
      </p>
      {error === null ? null : (
        <ErrorAlert error={error} title="Network connections could not be loaded" onRetry={reload} />
      )}
      {endpoints === null || networks === null ? (
        error === null ? (
          <p className="loading" role="status">
            Loading…
          </p>
        ) : null
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="endpoints-table">
            <thead>
              <tr>
                <th scope="col">Network</th>
                <th scope="col">Address</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {networks.map((n) => {
                const endpoint = endpoints.find((e) => e.chainId === n.chainId)
                return endpoint === undefined ? null : (
                  <EndpointRow key={n.chainId} network={n} endpoint={endpoint} onSaved={replace} />
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

type Health =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'done'; readonly health: EndpointHealthView }
  | { readonly kind: 'error'; readonly error: AppError }

function EndpointRow({
  network,
  endpoint,
  onSaved
}: {
  readonly network: Network
  readonly endpoint: EndpointView
  readonly onSaved: (e: EndpointView) => void
}) {
  const id = useId()
  const [health, setHealth] = useState<Health>({ kind: 'unknown' })
  const [editing, setEditing] = useState(false)
  const [url, setUrl] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | null>(null)

  const check = async (): Promise<void> => {
    setHealth({ kind: 'checking' })
    const result = await api.checkEndpoint({ chainId: network.chainId })
    setHealth(result.ok ? { kind: 'done', health: result.value } : { kind: 'error', error: result.error })
  }
  const save = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    const result = await api.setEndpoint({ chainId: network.chainId, url: url.trim() })
    setBusy(false)
    if (!result.ok) {
      setError(result.error)
      return
    }
    setUrl('') // the typed address may hold a key: do not keep it on screen
    setEditing(false)
    onSaved(result.value)
    void check()
  }
  /** The box shows the choice at once; main's answer (or its refusal) replaces it. */
  const [crossCheckAsked, setCrossCheckAsked] = useState<boolean | null>(null)
  const crossCheck = async (on: boolean): Promise<void> => {
    setCrossCheckAsked(on)
    setError(null)
    const result = await api.setSecondOpinion({ chainId: network.chainId, on })
    setCrossCheckAsked(null)
    if (result.ok) onSaved(result.value)
    else setError(result.error)
  }
  const secondOpinion = crossCheckAsked ?? endpoint.secondOpinion
  const reset = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    const result = await api.resetEndpoint({ chainId: network.chainId })
    setBusy(false)
    if (!result.ok) setError(result.error)
    else {
      onSaved(result.value)
      setHealth({ kind: 'unknown' })
    }
  }

  return (
    <tr className="endpoint-row" data-testid="endpoint-row" data-chain={network.chainId}>
      <th scope="row">{network.name}</th>
      <td>
        <span className="mono" data-testid="endpoint-masked">
          {endpoint.masked}
        </span>{' '}
        <span className="muted" data-testid="endpoint-source">
          {endpoint.source === 'custom' ? 'Custom' : 'Default'}
        </span>
        {endpoint.witnesses.length > 0 && (
          <label className="endpoint-witnesses muted">
            <input
              type="checkbox"
              checked={secondOpinion}
              disabled={crossCheckAsked !== null}
              onChange={(e) => void crossCheck(e.target.checked)}
              data-testid="endpoint-second-opinion"
            />{' '}
            <span data-testid="endpoint-witnesses">
              {secondOpinion ? 'Payments are cross-checked with' : 'Cross-check payments with'}{' '}
              {endpoint.witnesses.join(', ')}
            </span>
          </label>
        )}
        {editing ? (
          <form
            className="endpoint-edit"
            onSubmit={(e) => {
              e.preventDefault()
              if (url.trim() !== '') void save()
            }}
          >
            <label className="visually-hidden" htmlFor={`${id}-url`}>
              New address for {network.name}
            </label>
            <input
              id={`${id}-url`}
              className="input input--mono"
              type="url"
              autoComplete="off"
              spellCheck={false}
              placeholder="https://…"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              data-testid="endpoint-url"
            />
            <button
              type="submit"
              className="button button--small button--primary"
              disabled={busy || url.trim() === ''}
              data-testid="endpoint-save"
            >
              {busy ? 'Checking…' : 'Check and save'}
            </button>
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => {
                setEditing(false)
                setUrl('')
                setError(null)
              }}
            >
              Cancel
            </button>
          </form>
        ) : null}
        <div className="endpoint-actions">
          <button
            type="button"
            className="button button--small"
            disabled={health.kind === 'checking'}
            onClick={() => void check()}
            data-testid="endpoint-check"
          >
            Check
          </button>{' '}
          {editing ? null : (
            <button
              type="button"
              className="button button--small"
              onClick={() => setEditing(true)}
              data-testid="endpoint-change"
            >
              Change…
            </button>
          )}{' '}
          {endpoint.source === 'custom' ? (
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => void reset()}
              data-testid="endpoint-reset"
            >
              Use default
            </button>
          ) : null}
        </div>
        {error === null ? null : <ErrorAlert error={error} title="The address was not saved" focus />}
      </td>
      <td data-testid="endpoint-health">
        <HealthText health={health} />
      </td>
    </tr>
  )
}

function HealthText({ health }: { readonly health: Health }) {
  switch (health.kind) {
    case 'unknown':
      return <span className="muted">Not checked</span>
    case 'checking':
      return <span className="muted">Checking…</span>
    case 'error':
      return <span className="text-error">{health.error.message}</span>
    case 'done':
      return health.health.online ? (
        <span className="text-ok" data-online="true">
          Online{health.health.latestBlock === null ? '' : ` · block ${health.health.latestBlock}`}
        </span>
      ) : (
        <span className="text-error" data-online="false">
          Offline: {health.health.message}
        </span>
      )
  }
}
