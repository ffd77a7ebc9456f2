// Runs in: renderer. The report's part for a payout paid from a Safe: each Safe transaction (its
// number, hash, state and the network transaction that executed it) and every owner signature on
// it, by roster name and address, with the signature itself so an auditor can check it recovers to
// the owner over the Safe transaction hash.
import type { SafePayoutView, SafeTransactionView } from '../../../../shared/safe'
import { formatDateTime } from '../../lib/format'

const STATE_WORDS: Readonly<Record<SafeTransactionView['state'], string>> = {
  awaiting_signatures: 'waiting for owner signatures',
  executing: 'sent to the network',
  executed: 'executed',
  nonce_consumed: 'number used by another Safe transaction',
  cancelled: 'cancelled',
  superseded: 'planned again'
}

export function ReportSafeSignatures({ view }: { readonly view: SafePayoutView }) {
  return (
    <div data-testid="report-safe">
      <p>
        Paid from Safe <span className="mono">{view.safe}</span>: {view.threshold} of {view.owners.length} owners sign
        each Safe transaction. Each signature below is the owner's signature of the Safe transaction hash (EIP-712); the
        Safe checked it on chain before paying.
      </p>
      {view.transactions.map((t) => (
        <section key={t.safeTxHash} className="report__safe-tx" data-testid="report-safe-tx">
          <h3>
            {t.purpose === 'cancel' ? 'Cancellation' : `Safe transaction ${t.position + 1} of ${t.of}`}, number{' '}
            {t.nonce} · {STATE_WORDS[t.state]}
          </h3>
          <p className="muted">
            Safe transaction hash <span className="mono report__hash">{t.safeTxHash}</span>
          </p>
          {t.executionHash === null ? null : (
            <p className="muted">
              Executed in network transaction <span className="mono report__hash">{t.executionHash}</span>
            </p>
          )}
          {t.signatures.length === 0 ? (
            <p className="muted">No owner signature.</p>
          ) : (
            <ul className="report__approvals">
              {t.signatures.map((s) => (
                <li key={s.signer} data-testid="report-safe-signature">
                  <strong>{s.name ?? 'Owner not on the team roster'}</strong> · {formatDateTime(s.signedAt)} ·{' '}
                  <span className="mono">{s.signer}</span> ·{' '}
                  {s.source === 'device' ? 'signed on this desk' : `from ${s.sourceFile ?? 'a file'}`}
                  <div className="mono signature" data-testid="report-safe-signature-bytes">
                    {s.signature}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  )
}
