// Runs in: renderer. One policy version as people read it: the members (name, Ledger address,
// approver or not), how many approvals a payout needs, whether approval is required at all, whether
// preparers may submit unsigned, and the amounts per currency below which no approval is needed.
import type { PolicyContentView } from '../../../../../shared/approvals'
import { Address } from '../../../components/Address'
import { byName } from '../../../lib/approvals/members'
import { plural } from '../../../lib/format'
import type { AssetNames } from './useAssetNames'

export function PolicyContent({ content, names }: { readonly content: PolicyContentView; readonly names: AssetNames }) {
  const approvers = content.members.filter((m) => m.approver).length
  return (
    <div className="policy-content">
      <table className="table policy-members" data-testid="policy-members">
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Ledger address</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {byName(content.members).map((m) => (
            <tr key={m.address} data-testid="policy-member" data-address={m.address}>
              <td data-testid="member-name">{m.name}</td>
              <td>
                <Address value={m.address} testId="member-address" />
              </td>
              <td data-testid="member-role">{m.approver ? 'Approver' : 'Submits payouts'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="fields policy-facts">
        <div>
          <dt>Approval</dt>
          <dd data-testid="policy-approval">
            {content.requireApproval ? 'Required' : 'Off: payouts go straight to paying'}
          </dd>
        </div>
        <div>
          <dt>Approvals needed</dt>
          <dd data-testid="policy-threshold">
            {content.threshold} of {plural(approvers, 'approver')}
          </dd>
        </div>
        <div>
          <dt>Unsigned submissions</dt>
          <dd data-testid="policy-unsigned">
            {content.unsignedSubmissions
              ? 'Allowed (then 2 approvers must approve)'
              : 'Not allowed: submitters sign on their Ledger'}
          </dd>
        </div>
        <div>
          <dt>No approval up to</dt>
          <dd data-testid="policy-rules">
            {content.amountRules.length === 0
              ? 'No amount rule: every payout needs approval'
              : content.amountRules.map((r) => (
                  <span key={r.assetId} className="policy-rule" data-testid="policy-rule">
                    <strong className="money">{names.amount(r.assetId, r.maxWithoutApprovalBaseUnits)}</strong>{' '}
                    <span className="muted">{names.currency(r.assetId)}</span>
                  </span>
                ))}
          </dd>
        </div>
      </dl>
    </div>
  )
}
