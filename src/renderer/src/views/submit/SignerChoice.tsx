// Runs in: renderer. Who signs a submission: the submitter's Ledger account (required where the
// team's policy says so), or, where the policy allows it, an explicit "submit unsigned", which
// identifies nobody and so needs more approvals.
import { useEffect, useId } from 'react'
import type { SubmissionReviewView } from '../../../../shared/approvals'
import { DEFAULT_ACCOUNT_PATH } from '../../lib/approvals/accountPath'
import type { SignerChoice as Choice } from '../../lib/approvals/submission'
import { knownAccounts, useDevice } from '../../stores/device'
import { rosterMember, usePolicy } from '../../stores/policy'
import { AccountPathField } from '../approvals/AccountPathField'

interface Props {
  readonly review: SubmissionReviewView
  readonly value: Choice
  readonly disabled: boolean
  readonly onChange: (choice: Choice) => void
}

export function SignerChoice({ review, value, disabled, onChange }: Props) {
  const id = useId()
  const path = value.kind === 'ledger' ? value.path : DEFAULT_ACCOUNT_PATH
  const field = (
    <>
      <AccountPathField
        label="Your account on the Ledger connected now"
        value={path}
        onChange={(p) => onChange({ kind: 'ledger', path: p })}
        disabled={disabled || value.kind !== 'ledger'}
        testId="submit-path"
      />
      {review.policy === null ? null : <RosterName path={path.trim()} />}
    </>
  )
  if (review.signing === 'required')
    return (
      <fieldset className="submit-signer" data-testid="submit-signer">
        <legend>Who submits</legend>
        <p className="hint">The team’s policy requires each submission to be signed on the submitter’s own Ledger.</p>
        {field}
      </fieldset>
    )
  const unsignedNote =
    review.policy === null
      ? 'No team policy yet: the submission is recorded under this desk’s label and identifies nobody.'
      : 'Identifies nobody: the payout then needs two approvers.'
  return (
    <fieldset className="submit-signer" data-testid="submit-signer">
      <legend>Who submits</legend>
      <div className="field field--check">
        <input
          id={`${id}-ledger`}
          type="radio"
          name={`${id}-signer`}
          checked={value.kind === 'ledger'}
          disabled={disabled}
          onChange={() => onChange({ kind: 'ledger', path })}
          data-testid="submit-signed"
        />
        <label htmlFor={`${id}-ledger`}>Sign with my Ledger</label>
      </div>
      {value.kind === 'ledger' ? field : null}
      <div className="field field--check">
        <input
          id={`${id}-unsigned`}
          type="radio"
          name={`${id}-signer`}
          checked={value.kind === 'unsigned'}
          disabled={disabled}
          onChange={() => onChange({ kind: 'unsigned' })}
          data-testid="submit-unsigned"
        />
        <div>
          <label htmlFor={`${id}-unsigned`}>Submit unsigned</label>
          <p className="hint">{unsignedNote}</p>
        </div>
      </div>
    </fieldset>
  )
}

/** Whose account the path is on the team policy, once its address has been read from the Ledger. */
function RosterName({ path }: { readonly path: string }) {
  const { policy, load } = usePolicy()
  const address = knownAccounts(useDevice((s) => s.accounts)).find((a) => a.path === path)?.address ?? null
  useEffect(() => {
    if (policy === null) void load()
  }, [policy, load])
  if (address === null) return null
  const member = rosterMember(policy, address)
  return member === null ? (
    <p className="hint text-error" data-testid="submit-signer-name">
      This account is not a member of the team policy: the submission would be refused.
    </p>
  ) : (
    <p className="hint" data-testid="submit-signer-name">
      Signs as <strong>{member.name}</strong> (team policy).
    </p>
  )
}
