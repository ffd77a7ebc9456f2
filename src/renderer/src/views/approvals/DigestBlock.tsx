// Runs in: renderer. A payout's digest and the exact message a Ledger shows and signs, laid out
// for comparing by eye: monospace, the digest in groups of four, the message line by line as is.
import { digestLines } from '../../lib/approvals/digest'
import '../../styles/approvals.css'

export function DigestBlock({ digest, message }: { readonly digest: string; readonly message: string }) {
  return (
    <div className="digest-block">
      <div>
        <h3 className="digest-block__title">Digest</h3>
        <p className="digest" data-testid="approval-digest" data-digest={digest} aria-label={`Digest ${digest}`}>
          {digestLines(digest).map((line, i) => (
            // Lines can repeat; their position is their identity.
            <span key={i} className="digest__line">
              {line}
            </span>
          ))}
        </p>
      </div>
      <div>
        <h3 className="digest-block__title">What the Ledger shows and signs</h3>
        <pre className="signed-message" data-testid="approval-message">
          {message}
        </pre>
      </div>
    </div>
  )
}
