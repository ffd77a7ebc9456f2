// Runs in: renderer. Webhooks: a URL that receives each payout status change as a signed POST
// (HMAC-SHA256 with a secret kept in the keychain, shown once here), retried until it is accepted.
import { useId, useState, type FormEvent } from 'react'
import type { WebhookView } from '../../../../../shared/automation'
import { api, type AppError } from '../../../api'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { formatDateTime } from '../../../lib/format'
import { SecretOnce } from './SecretOnce'

export function WebhooksPanel({
  webhooks,
  onChanged
}: {
  readonly webhooks: readonly WebhookView[]
  readonly onChanged: () => void
}) {
  const id = useId()
  const [url, setUrl] = useState('')
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)

  const add = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    if (url.trim() === '') return
    setBusy(true)
    setError(null)
    const result = await api.addWebhook({ url: url.trim() })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setSecret({ url: result.value.webhook.url, secret: result.value.secret })
    setUrl('')
    onChanged()
  }
  const remove = async (hook: WebhookView): Promise<void> => {
    setError(null)
    const result = await api.removeWebhook({ id: hook.id })
    if (!result.ok) setError(result.error)
    onChanged()
  }

  return (
    <div className="automation-part" data-testid="automation-webhooks">
      <h3>Webhooks</h3>
      <p className="hint">
        Each payout status change is sent as JSON with a Treasury-Signature header (HMAC-SHA256 of the time and body). A
        call that is not answered with 2xx is retried, waiting longer each time, across restarts, until it is.
      </p>
      {error === null ? null : <ErrorAlert error={error} title="The webhook was not changed" focus />}
      {webhooks.length === 0 ? null : (
        <div className="table-wrap">
          <table className="table" data-testid="webhooks-table">
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">Waiting</th>
                <th scope="col">Last delivered</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {webhooks.map((h) => (
                <tr key={h.id} data-testid="webhook-row">
                  <th scope="row" className="mono">
                    {h.url}
                    {h.lastError === null ? null : <p className="hint text-error">{h.lastError}</p>}
                  </th>
                  <td data-testid="webhook-pending">{h.pending}</td>
                  <td>
                    {h.lastDeliveredAt === null ? (
                      <span className="muted">Never</span>
                    ) : (
                      formatDateTime(h.lastDeliveredAt)
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => void remove(h)}
                      data-testid="webhook-remove"
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {secret === null ? null : (
        <SecretOnce label={`Signing secret for ${secret.url}`} secret={secret.secret} onDone={() => setSecret(null)} />
      )}
      <form className="automation-row" onSubmit={(e) => void add(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-url`}>Webhook address</label>
          <input
            id={`${id}-url`}
            className="input input--mono"
            type="url"
            value={url}
            placeholder="https://erp.example.com/treasury/events"
            spellCheck={false}
            onChange={(e) => setUrl(e.target.value)}
            data-testid="webhook-url"
          />
        </div>
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || url.trim() === ''}
          data-testid="webhook-add"
        >
          {busy ? 'Adding…' : 'Add webhook'}
        </button>
      </form>
    </div>
  )
}
