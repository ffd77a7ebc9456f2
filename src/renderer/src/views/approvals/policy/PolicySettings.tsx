// Runs in: renderer. Settings' approval section: the team's signed policy. The version in force
// with its signatures, the open proposal (what it changes, who still signs, signing it here), the
// editor for proposing a change, the file that carries the policy between desks, and the history.
// Nothing typed here changes the policy: only the signatures the version in force names do.
import { useEffect, useState } from 'react'
import { api, type AppError } from '../../../api'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { approverHints } from '../../../lib/approvals/policyHints'
import { draftFrom, proposalInput, type PolicyDraft } from '../../../lib/approvals/policyDraft'
import { formatDateTime } from '../../../lib/format'
import { usePolicy } from '../../../stores/policy'
import { FirstPolicyIntro } from './FirstPolicyIntro'
import { PolicyContent } from './PolicyContent'
import { PolicyEditor } from './PolicyEditor'
import { PolicyFiles } from './PolicyFiles'
import { PolicyHistory } from './PolicyHistory'
import { PolicySignatures } from './PolicySignatures'
import { ProposalPanel } from './ProposalPanel'
import { useAssetNames } from './useAssetNames'
import '../../../styles/approvals.css'
import '../../../styles/policy.css'

type Busy = 'propose' | 'sign' | 'discard' | null

export function PolicySettings() {
  const { policy, error, load, run } = usePolicy()
  const names = useAssetNames()
  const [editing, setEditing] = useState<PolicyDraft | null>(null)
  const [busy, setBusy] = useState<Busy>(null)
  const [failure, setFailure] = useState<{ readonly title: string; readonly error: AppError } | null>(null)
  const [notice, setNotice] = useState('')
  useEffect(() => {
    void load()
  }, [load])

  const act = async (
    kind: Exclude<Busy, null>,
    title: string,
    call: () => ReturnType<typeof api.getApprovalPolicy>
  ) => {
    setBusy(kind)
    setFailure(null)
    setNotice('')
    const result = await run(call)
    setBusy(null)
    if (!result.ok) setFailure({ title, error: result.error })
    return result
  }

  const propose = async (draft: PolicyDraft): Promise<void> => {
    const result = await act('propose', 'The policy was not proposed', () => api.proposePolicy(proposalInput(draft)))
    if (result.ok) setEditing(null)
  }
  const sign = async (accountPath: string): Promise<void> => {
    const before = policy?.inForce?.sequence ?? 0
    const result = await act('sign', 'The policy was not signed', () => api.signPolicyProposal({ accountPath }))
    if (result.ok)
      setNotice(
        (result.value.inForce?.sequence ?? 0) > before
          ? `Signed. Version ${result.value.inForce?.sequence} is now in force.`
          : 'Signed. The proposal waits for the signatures still listed.'
      )
  }

  const inForce = policy?.inForce ?? null
  const proposal = policy?.proposal ?? null
  const hints = inForce === null ? [] : approverHints(inForce)
  const start = (): void => setEditing(draftFrom(inForce, names.decimalsOf))

  return (
    <section className="panel policy" aria-labelledby="policy-title" data-testid="approval-policy">
      <h2 id="policy-title">Team approval policy</h2>
      {error === null ? null : (
        <ErrorAlert error={error} title="The approval policy could not be loaded" onRetry={() => void load()} />
      )}
      {policy === null ? null : (
        <>
          {inForce === null && proposal === null && editing === null ? <FirstPolicyIntro onStart={start} /> : null}
          {inForce === null ? null : (
            <div className="policy-in-force" data-testid="policy-in-force" data-sequence={inForce.sequence}>
              <h3>
                In force: version {inForce.sequence}{' '}
                <span className="muted policy-proposal__when">since {formatDateTime(inForce.adoptedAt)}</span>
              </h3>
              {hints.map((h) => (
                <p key={h} className="notice callout--warning" data-testid="policy-hint">
                  {h}
                </p>
              ))}
              <PolicyContent content={inForce} names={names} />
              <h4 className="digest-block__title">Signed by</h4>
              <PolicySignatures signatures={inForce.signatures} />
            </div>
          )}
          {proposal === null || editing !== null ? null : (
            <ProposalPanel
              proposal={proposal}
              inForce={inForce}
              names={names}
              busy={busy === 'sign' || busy === 'discard' ? busy : null}
              onSign={(path) => void sign(path)}
              onDiscard={() =>
                void act('discard', 'The proposal was not discarded', () => api.discardPolicyProposal({}))
              }
            />
          )}
          {editing !== null ? (
            <PolicyEditor
              initial={editing}
              first={inForce === null}
              busy={busy === 'propose'}
              onPropose={(d) => void propose(d)}
              onCancel={() => setEditing(null)}
            />
          ) : inForce === null ? null : (
            <div className="actions policy-actions">
              <button type="button" className="button" onClick={start} data-testid="propose-change">
                Propose a change
              </button>
              {proposal === null ? null : <span className="hint">A new proposal replaces the open one.</span>}
            </div>
          )}
          <p className="form__status" role="status" data-testid="policy-status">
            {notice}
          </p>
          {failure === null ? null : <ErrorAlert error={failure.error} title={failure.title} focus />}
          <PolicyFiles canExport={inForce !== null || proposal !== null} />
          <PolicyHistory versions={policy.history} names={names} />
        </>
      )}
    </section>
  )
}
