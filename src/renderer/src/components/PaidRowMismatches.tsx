// Runs in: renderer. Paid rows whose recipient or amount is not what the transaction they name
// paid (their columns were rewritten in the data file after they were paid): the list "Verify
// audit log" shows over every payout, and a payout's own screen and report show over its rows.
import type { PaidRowsCheckView } from '../../../shared/approvals'
import { plural, shortHex } from '../lib/format'
import { routeHref } from '../lib/route'
import '../styles/approvals.css'

export function PaidRowMismatches({
  check,
  inPayout,
  testId
}: {
  readonly check: PaidRowsCheckView
  /** On a payout's own screen rows are named by number alone; elsewhere by payout, with a link to it. */
  readonly inPayout: boolean
  readonly testId: string
}) {
  const unnamed = check.differing - check.mismatches.length
  return (
    <>
      <ul className="audit__mismatches" data-testid={testId}>
        {check.mismatches.map((m) => (
          <li key={`${m.payoutId}-${m.row}`} data-testid={`${testId}-row`}>
            {inPayout ? (
              <strong>Row {m.row}</strong>
            ) : (
              <a href={routeHref({ name: 'payout', id: m.payoutId })}>
                <strong>
                  {m.payoutId}, row {m.row}
                </strong>
              </a>
            )}
            {m.txHash === null ? null : (
              <>
                , marked paid by{' '}
                <span className="mono" title={m.txHash}>
                  {shortHex(m.txHash, 8)}
                </span>
              </>
            )}
            : {m.reason}.
          </li>
        ))}
        {unnamed > 0 ? <li>and {plural(unnamed, 'other row')}.</li> : null}
      </ul>
      <p>
        The transaction’s signed bytes and the network hold what was paid: look it up on the network’s explorer before
        paying any of these rows again or booking them. Keep a copy of the data folder and tell whoever audits your
        payments.
      </p>
    </>
  )
}

/** A payout's own notice, above everything else on its screen and its report, when any of its paid rows differ. */
export function PaidRowsNotice({ check }: { readonly check: PaidRowsCheckView | null }) {
  if (check === null || check.differing === 0) return null
  return (
    <div className="notice callout--error paid-rows-notice" role="alert" data-testid="paid-rows-notice">
      <p className="notice__title">{noticeTitle(check)}</p>
      <p>
        {check.differing === 1
          ? 'This row is marked paid, but what it says is not what the transaction it names sent'
          : 'These rows are marked paid, but what they say is not what the transactions they name sent'}
        : the data file was changed outside the app. The recipients, the report and the books show these rows as they
        now read, not as they were paid.
      </p>
      <PaidRowMismatches check={check} inPayout testId="paid-row-mismatches" />
    </div>
  )
}

function noticeTitle({ checked, differing }: PaidRowsCheckView): string {
  if (differing === checked)
    return checked === 1
      ? 'Its paid row does not show what was paid'
      : `None of its ${checked.toLocaleString('en-US')} paid rows shows what was paid`
  return `${differing.toLocaleString('en-US')} of ${plural(checked, 'paid row')} ${differing === 1 ? 'does' : 'do'} not show what was paid`
}
