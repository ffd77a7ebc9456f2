// Runs in: renderer. A hash (payout digest, policy version) in groups of four, a few groups per
// line, for comparing by eye with what a Ledger shows.
import { digestLines } from '../../lib/approvals/digest'
import '../../styles/approvals.css'

export function HashGroups({ value, testId }: { readonly value: string; readonly testId?: string }) {
  return (
    <p className="digest" data-testid={testId} data-digest={value} aria-label={value}>
      {digestLines(value).map((line, i) => (
        // Lines can repeat; their position is their identity.
        <span key={i} className="digest__line">
          {line}
        </span>
      ))}
    </p>
  )
}
