// Runs in: renderer. The REST API's tokens: created with a name and what they may do, the secret
// shown once; listed with when each was last used; revoked (never deleted, so the audit log's
// names keep their meaning). No scope submits, approves or signs.
import { useId, useState, type FormEvent } from 'react'
import { API_SCOPES, apiScopeLabel, type ApiScope, type ApiTokenView } from '../../../../../shared/automation'
import { api, type AppError } from '../../../api'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { formatDateTime } from '../../../lib/format'
import { readScopes, readTokenName } from './automationForm'
import { SecretOnce } from './SecretOnce'

export function TokensPanel({
  tokens,
  onChanged
}: {
  readonly tokens: readonly ApiTokenView[]
  readonly onChanged: () => void
}) {
  const id = useId()
  const [name, setName] = useState('')
  const [scopes, setScopes] = useState<ReadonlySet<ApiScope>>(new Set(['payouts:read', 'payouts:draft']))
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)
  const nameRead = readTokenName(name)
  const scopesRead = readScopes(scopes)

  const create = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    if (!nameRead.ok || !scopesRead.ok) return
    setBusy(true)
    setError(null)
    const result = await api.createApiToken({ name: nameRead.value, scopes: scopesRead.value })
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setSecret({ name: result.value.token.name, secret: result.value.secret })
    setName('')
    onChanged()
  }
  const revoke = async (token: ApiTokenView): Promise<void> => {
    setError(null)
    const result = await api.revokeApiToken({ id: token.id })
    if (!result.ok) setError(result.error)
    onChanged()
  }
  const toggle = (scope: ApiScope, on: boolean): void =>
    setScopes((s) => new Set([...s].filter((x) => x !== scope).concat(on ? [scope] : [])))

  return (
    <div className="automation-part" data-testid="automation-tokens">
      <h3>API tokens</h3>
      {error === null ? null : <ErrorAlert error={error} title="The token was not changed" focus />}
      {tokens.length === 0 ? (
        <p className="muted">No tokens yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="tokens-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Token</th>
                <th scope="col">May</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id} data-testid="token-row" data-revoked={t.revokedAt !== null}>
                  <th scope="row">{t.name}</th>
                  <td className="mono">{t.prefix}…</td>
                  <td>{t.scopes.map(apiScopeLabel).join(', ')}</td>
                  <td>{t.lastUsedAt === null ? <span className="muted">Never</span> : formatDateTime(t.lastUsedAt)}</td>
                  <td>
                    {t.revokedAt === null ? (
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => void revoke(t)}
                        data-testid="token-revoke"
                      >
                        Revoke
                      </button>
                    ) : (
                      <span className="muted">Revoked {formatDateTime(t.revokedAt)}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {secret === null ? null : (
        <SecretOnce label={`Token for "${secret.name}"`} secret={secret.secret} onDone={() => setSecret(null)} />
      )}
      <form className="automation-row" onSubmit={(e) => void create(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>New token's name</label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            maxLength={100}
            placeholder="ERP payroll"
            onChange={(e) => setName(e.target.value)}
            data-testid="token-name"
          />
        </div>
        <fieldset className="field">
          <legend>It may</legend>
          {API_SCOPES.map((scope) => (
            <label key={scope} className="field--check">
              <input
                type="checkbox"
                checked={scopes.has(scope)}
                onChange={(e) => toggle(scope, e.target.checked)}
                data-testid={`token-scope-${scope}`}
              />{' '}
              {apiScopeLabel(scope)}
            </label>
          ))}
        </fieldset>
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || !nameRead.ok || !scopesRead.ok}
          data-testid="token-create"
        >
          {busy ? 'Creating…' : 'Create token'}
        </button>
      </form>
      {name.trim() !== '' && !nameRead.ok ? <p className="hint text-error">{nameRead.message}</p> : null}
      {scopesRead.ok ? null : <p className="hint text-error">{scopesRead.message}</p>}
    </div>
  )
}
