// Runs in: renderer. The open policy proposal: what it changes against the version in force (or, for
// the team's first version, all of it), who still has to sign it, the signatures so far, and signing
// it on the Ledger connected now. It takes effect by itself once the last signature it needs arrives.
import { useState } from 'react'
import type { PolicyProposalView, PolicyVersionView } from '../../../../../shared/approvals'
import { Address } from '../../../components/Address'
import { DEFAULT_ACCOUNT_PATH, pathProblem } from '../../../lib/approvals/accountPath'
import { byName } from '../../../lib/approvals/members'
import { diffLines, diffPolicy, isEmptyDiff } from '../../../lib/approvals/policyDiff'
import { formatDateTime, plural, shortHex } from '../../../lib/format'
import { AccountPathField } from '../AccountPathField'
import { HashGroups } from '../HashGroups'
import { PolicyContent } from './PolicyContent'
import { PolicySignatures } from './PolicySignatures'
import type { AssetNames } from './useAssetNames'

interface Props {
  readonly proposal: PolicyProposalView
  readonly inForce: PolicyVersionView | null
  readonly names: AssetNames
  readonly busy: 'sign' | 'discard' | null
  readonly onSign: (accountPath: string) => void
  readonly onDiscard: () => void
}

export function ProposalPanel({ proposal, inForce, names, busy, onSign, onDiscard }: Props) {
  const [path, setPath] = useState(DEFAULT_ACCOUNT_PATH)
  const signed = new Set(proposal.signatures.map((s) => s.signer.toLowerCase()))
  const approversLeft = byName(proposal.approversOfInForce.filter((a) => !signed.has(a.address.toLowerCase())))
  const diff = inForce === null ? null : diffPolicy(inForce, proposal)
  return (
    <section className="policy-proposal" aria-labelledby="proposal-title" data-testid="policy-proposal">
      <h3 id="proposal-title">
        Proposed: version {proposal.sequence}{' '}
        <span className="muted policy-proposal__when">{formatDateTime(proposal.proposedAt)}</span>
      </h3>
      {diff === null ? (
        <>
          <p>The team’s first policy. It takes effect once every member below has signed it on their own Ledger.</p>
          <PolicyContent content={proposal} names={names} />
        </>
      ) : isEmptyDiff(diff) ? (
        <p className="text-warning" data-testid="proposal-changes">
          This proposal changes nothing against version {inForce?.sequence}.
        </p>
      ) : (
        <>
          <h4 className="digest-block__title">What changes against version {inForce?.sequence}</h4>
          <ul className="policy-diff" data-testid="proposal-changes">
            {diffLines(diff, names.amount, names.currency, (a) => shortHex(a, 6)).map((line) => (
              <li key={line} data-testid="proposal-change">
                {line}
              </li>
            ))}
          </ul>
        </>
      )}

      <h4 className="digest-block__title">Still to sign</h4>
      <ul className="policy-missing" data-testid="proposal-missing">
        {byName(proposal.missingMembers).map((m) => (
          <li key={m.address} data-testid="missing-member">
            <strong>{m.name}</strong> <Address value={m.address} />{' '}
            <span className="muted">
              {inForce === null
                ? 'signs as a member of the first version'
                : 'is added: signs to prove the address is theirs'}
            </span>
          </li>
        ))}
        {proposal.missingApprovals > 0 ? (
          <li data-testid="missing-approvals">
            <strong>{plural(proposal.missingApprovals, 'approver')}</strong> of version {inForce?.sequence}, from:{' '}
            {approversLeft.map((a) => a.name).join(', ')}
          </li>
        ) : null}
        {proposal.missingMembers.length === 0 && proposal.missingApprovals === 0 ? (
          <li className="muted">Nobody: it takes effect now.</li>
        ) : null}
      </ul>

      <h4 className="digest-block__title">Signed so far</h4>
      <PolicySignatures signatures={proposal.signatures} />

      <div className="approval-actions" data-testid="proposal-sign">
        <h4 className="digest-block__title">Sign with Ledger</h4>
        <p className="hint">
          The Ledger shows “Adopt Treasury approval policy”, version {proposal.sequence}, the counts above and this
          policy hash. Compare the hash before you sign.
        </p>
        <HashGroups value={proposal.hash} testId="proposal-hash" />
        <AccountPathField
          label="Your account on the Ledger connected now"
          value={path}
          onChange={setPath}
          disabled={busy !== null}
          testId="proposal-path"
        />
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            disabled={busy !== null || pathProblem(path) !== null}
            onClick={() => onSign(path.trim())}
            data-testid="sign-proposal"
          >
            {busy === 'sign' ? 'Confirm on your Ledger…' : 'Sign with Ledger'}
          </button>
          <button
            type="button"
            className="button button--danger-outline"
            disabled={busy !== null}
            onClick={onDiscard}
            data-testid="discard-proposal"
          >
            {busy === 'discard' ? 'Discarding…' : 'Discard proposal'}
          </button>
        </div>
      </div>
    </section>
  )
}
