// Runs in: renderer. A payout's digest and the exact message a Ledger shows and signs, laid out
// for comparing by eye: monospace, the digest in groups of four, the message line by line as is.
import { HashGroups } from './HashGroups'
import '../../styles/approvals.css'

export function DigestBlock({ digest, message }: { readonly digest: string; readonly message: string }) {
  return (
    <div className="digest-block">
      <div>
        <h3 className="digest-block__title">Digest</h3>
        <HashGroups value={digest} testId="approval-digest" />
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
