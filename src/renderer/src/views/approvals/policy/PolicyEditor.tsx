// Runs in: renderer. Proposing a policy version: members (name, Ledger address, approver), how many
// approvals a payout needs, approval on or off, unsigned submissions, and amount rules. Prefilled
// from the version in force; nothing changes until the people the version in force names sign it.
import { useId, useState } from 'react'
import { Address } from '../../../components/Address'
import {
  approverCount,
  draftKey,
  draftProblems,
  type MemberDraft,
  type PolicyDraft
} from '../../../lib/approvals/policyDraft'
import { AddMemberForm } from './AddMemberForm'
import { AmountRulesEditor } from './AmountRulesEditor'

interface Props {
  readonly initial: PolicyDraft
  /** The team's first version: every member signs it. */
  readonly first: boolean
  readonly busy: boolean
  readonly onPropose: (draft: PolicyDraft) => void
  readonly onCancel: () => void
}

export function PolicyEditor({ initial, first, busy, onPropose, onCancel }: Props) {
  const id = useId()
  const [draft, setDraft] = useState(initial)
  const problems = draftProblems(draft)
  const approvers = approverCount(draft)
  const set = (patch: Partial<PolicyDraft>): void => setDraft((d) => ({ ...d, ...patch }))
  const setMember = (key: string, patch: Partial<MemberDraft>): void =>
    set({ members: draft.members.map((m) => (m.key === key ? { ...m, ...patch } : m)) })

  return (
    <section className="policy-editor" aria-labelledby={`${id}-title`} data-testid="policy-editor">
      <h3 id={`${id}-title`}>{first ? 'The team’s first policy' : 'Propose a change'}</h3>
      <fieldset className="policy-editor__group">
        <legend>Members</legend>
        {draft.members.length === 0 ? (
          <p className="muted">No members yet. Add each person who submits or approves payouts.</p>
        ) : (
          <table className="table policy-members">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Ledger address</th>
                <th scope="col">Approver</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.members.map((m, i) => (
                <tr key={m.key} data-testid="draft-member">
                  <td>
                    <label className="visually-hidden" htmlFor={`${id}-${m.key}-name`}>
                      Name of member {i + 1}
                    </label>
                    <input
                      id={`${id}-${m.key}-name`}
                      className="input"
                      value={m.name}
                      maxLength={100}
                      disabled={busy}
                      onChange={(e) => setMember(m.key, { name: e.target.value })}
                      data-testid="draft-member-name"
                    />
                  </td>
                  <td>
                    <Address value={m.address} testId="draft-member-address" />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${m.name || `Member ${i + 1}`} is an approver`}
                      checked={m.approver}
                      disabled={busy}
                      onChange={(e) => setMember(m.key, { approver: e.target.checked })}
                      data-testid="draft-member-approver"
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button--small button--danger-outline"
                      disabled={busy}
                      onClick={() => set({ members: draft.members.filter((x) => x.key !== m.key) })}
                      data-testid="draft-member-remove"
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <AddMemberForm disabled={busy} onAdd={(m) => set({ members: [...draft.members, { key: draftKey(), ...m }] })} />
      </fieldset>

      <fieldset className="policy-editor__group">
        <legend>Approval</legend>
        <div className="field field--check">
          <input
            id={`${id}-required`}
            type="checkbox"
            checked={draft.requireApproval}
            disabled={busy}
            onChange={(e) => set({ requireApproval: e.target.checked })}
            data-testid="draft-require-approval"
          />
          <label htmlFor={`${id}-required`}>Payouts wait for approval before they can be paid</label>
        </div>
        <div className="field policy-editor__threshold">
          <label htmlFor={`${id}-threshold`}>Approvals needed</label>
          <div className="policy-editor__threshold-row">
            <select
              id={`${id}-threshold`}
              className="input"
              value={draft.threshold}
              disabled={busy}
              onChange={(e) => set({ threshold: Number.parseInt(e.target.value, 10) })}
              data-testid="draft-threshold"
            >
              {Array.from({ length: Math.max(approvers, draft.threshold, 1) }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
            <span className="hint">
              of {approvers} approver{approvers === 1 ? '' : 's'}. Nobody approves a payout they submitted.
            </span>
          </div>
        </div>
        <div className="field field--check">
          <input
            id={`${id}-unsigned`}
            type="checkbox"
            checked={draft.unsignedSubmissions}
            disabled={busy}
            onChange={(e) => set({ unsignedSubmissions: e.target.checked })}
            data-testid="draft-unsigned"
          />
          <div>
            <label htmlFor={`${id}-unsigned`}>Preparers without a Ledger may submit unsigned</label>
            <p className="hint">
              An unsigned submission identifies nobody, so it then needs two approvers, whatever the number above.
            </p>
          </div>
        </div>
      </fieldset>

      <AmountRulesEditor rules={draft.rules} disabled={busy} onChange={(rules) => set({ rules })} />

      {problems.length === 0 ? null : (
        <ul className="policy-editor__problems" data-testid="draft-problems">
          {problems.map((p) => (
            <li key={p} className="text-error">
              {p}
            </li>
          ))}
        </ul>
      )}
      <div className="form__actions">
        <button type="button" className="button" disabled={busy} onClick={onCancel} data-testid="draft-cancel">
          Cancel
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={busy || problems.length > 0}
          onClick={() => onPropose(draft)}
          data-testid="propose-policy"
        >
          {busy ? 'Proposing…' : first ? 'Propose for signing' : 'Propose this change'}
        </button>
      </div>
      <p className="hint">
        {first
          ? 'Proposing changes nothing yet: the policy takes effect once every member has signed it on their own Ledger.'
          : 'Proposing changes nothing yet: the change takes effect once the approvers of the policy in force (and any member it adds) have signed it.'}
      </p>
    </section>
  )
}
