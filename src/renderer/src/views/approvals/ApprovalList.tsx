// Runs in: renderer. The approvals a payout has: who, the address their Ledger signed with, and
// the full signature (so an auditor can check it offline against the message and digest).
import type { ApprovalSignatureView } from '../../../../shared/approvals'
import { formatDateTime } from '../../lib/format'
import '../../styles/approvals.css'

export function ApprovalList({ approvals }: { readonly approvals: readonly ApprovalSignatureView[] }) {
  if (approvals.length === 0)
    return (
      <p className="muted" data-testid="no-approvals">
        No approvals yet.
      </p>
    )
  return (
    <div className="table-wrap">
      <table className="table approvals-table" data-testid="approvals-table">
        <thead>
          <tr>
            <th scope="col">Approver</th>
            <th scope="col">Signed with</th>
            <th scope="col">Signature</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {approvals.map((a) => (
            <tr key={a.signature} data-testid="approval-row">
              <td data-testid="approval-name">{a.approverName}</td>
              <td className="mono" data-testid="approval-signer">
                {a.signer}
              </td>
              <td className="mono signature" data-testid="approval-signature">
                {a.signature}
              </td>
              <td className="nowrap">
                {formatDateTime(a.approvedAt)}
                <span className="muted"> · {a.source}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
