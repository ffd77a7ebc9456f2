// Runs in: renderer. A secret shown once (a new API token, a webhook's signing key): Treasury
// keeps only its hash or keeps it in the keychain, so this is the one chance to copy it.
import { useState } from 'react'
import { copyText } from '../../../lib/clipboard'

export function SecretOnce({
  label,
  secret,
  onDone
}: {
  readonly label: string
  readonly secret: string
  readonly onDone: () => void
}) {
  const [copied, setCopied] = useState(false)
  return (
    <div className="secret-once" role="status" data-testid="secret-once">
      <strong>{label}</strong>
      <code data-testid="secret-value">{secret}</code>
      <p className="hint">Copy it now: it is shown only once. Treasury cannot show it again.</p>
      <div className="form__actions">
        <button
          type="button"
          className="button button--small"
          onClick={() => void copyText(secret).then(setCopied)}
          data-testid="secret-copy"
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="button button--small" onClick={onDone} data-testid="secret-done">
          I have stored it
        </button>
      </div>
    </div>
  )
}
