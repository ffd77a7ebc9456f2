// Runs in: renderer. What a submission says, for whoever approves it (on this desk or another):
// who submitted it (roster name and the Ledger address that signed, or an unsigned submission),
// the account it is to be paid from, the policy version it was submitted under, and the warnings
// the submitter acknowledged with their rows. All of it is covered by the digest approvers sign.
import type { WarningKind } from '../../../../shared/approvals'
import { Address } from '../../components/Address'
import { acknowledgementLine } from '../../lib/approvals/warnings'
import { shortHex } from '../../lib/format'

interface Props {
  readonly creator: { readonly name: string; readonly address: string | null }
  readonly payerAddress: string | null
  readonly policy: { readonly sequence: number; readonly hash: string } | null
  readonly acknowledgements: ReadonlyArray<{ readonly kind: WarningKind; readonly rows: readonly number[] }>
}

export function SubmissionFacts({ creator, payerAddress, policy, acknowledgements }: Props) {
  return (
    <>
      <dl className="fields submission-facts" data-testid="submission-facts">
        <div>
          <dt>Submitted by</dt>
          <dd data-testid="submitted-by">
            {creator.address === null ? (
              <span className="text-warning">Unsigned submission: nobody identified</span>
            ) : (
              <>
                {creator.name} <Address value={creator.address} testId="submitter-address" />
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>To be paid from</dt>
          <dd data-testid="payer">
            {payerAddress === null ? (
              'Chosen when paying'
            ) : (
              <Address value={payerAddress} testId="payer-address-approved" />
            )}
          </dd>
        </div>
        <div>
          <dt>Team policy</dt>
          <dd data-testid="submission-policy">
            {policy === null ? (
              'None'
            ) : (
              <>
                Version {policy.sequence}{' '}
                <span className="mono muted" title={policy.hash}>
                  {shortHex(policy.hash, 4)}
                </span>
              </>
            )}
          </dd>
        </div>
      </dl>
      <div className="acknowledgements" data-testid="acknowledgements">
        <h3 className="digest-block__title">Warnings the submitter acknowledged</h3>
        {acknowledgements.length === 0 ? (
          <p className="muted" data-testid="no-acknowledgements">
            None: the payout had no warnings when it was submitted.
          </p>
        ) : (
          <ul>
            {acknowledgements.map((a) => (
              <li key={a.kind} data-testid="acknowledgement" data-kind={a.kind}>
                {acknowledgementLine(a)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  )
}
