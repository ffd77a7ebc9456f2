// Runs in: renderer. Who signed a policy version or proposal: roster name, the Ledger address that
// signed, when, and whether it was signed at this desk or arrived in a policy file.
import type { PolicySignatureView } from '../../../../../shared/approvals'
import { Address } from '../../../components/Address'
import { formatDateTime } from '../../../lib/format'

export function PolicySignatures({ signatures }: { readonly signatures: readonly PolicySignatureView[] }) {
  if (signatures.length === 0)
    return (
      <p className="muted" data-testid="no-policy-signatures">
        No signatures yet.
      </p>
    )
  return (
    <ul className="policy-signatures" data-testid="policy-signatures">
      {signatures.map((s) => (
        <li key={s.signer} data-testid="policy-signature" data-signer={s.signer}>
          <span className="policy-signatures__name">{s.name ?? 'Not on the roster'}</span> <Address value={s.signer} />{' '}
          <span className="muted">
            {s.signedAt === '' ? '' : `${formatDateTime(s.signedAt)} · `}
            {s.source === 'device' ? 'signed on this desk' : 'received by file'}
          </span>
        </li>
      ))}
    </ul>
  )
}
