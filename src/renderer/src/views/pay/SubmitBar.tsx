// Runs in: renderer. "Review and submit" for a draft: refused with the reason while rows have
// errors or there are none; otherwise it opens the submission confirmation, after which the
// payout waits for approval or goes straight to paying.
import { useState } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import { plural } from '../../lib/format'
import { SubmitDialog } from '../submit/SubmitDialog'

export function submitBlocker(
  payout: Pick<PayoutDetail, 'errorCount' | 'recipientCount'> & { readonly kind?: PayoutDetail['kind'] }
): string | null {
  if (payout.recipientCount === 0) return 'Add at least one recipient before submitting.'
  if (payout.errorCount > 0 && payout.kind === 'single')
    return 'The recipient or amount has errors. Edit the payout to correct them before submitting.'
  if (payout.errorCount > 0)
    return `${plural(payout.errorCount, 'row has', 'rows have')} errors. Correct them before submitting.`
  return null
}

export function SubmitBar({
  payout,
  onChanged
}: {
  readonly payout: PayoutDetail
  readonly onChanged: (p: PayoutDetail) => void
}) {
  const [open, setOpen] = useState(false)
  const blocker = submitBlocker(payout)
  return (
    <div className="pay-step">
      <p>
        When {payout.kind === 'single' ? 'the recipient and amount are' : 'every row is'} right, submit the payout. You
        review its warnings and whether it needs approval first.
      </p>
      <div className="pay-step__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={blocker !== null}
          aria-describedby={blocker === null ? undefined : 'submit-blocker'}
          onClick={() => setOpen(true)}
          data-testid="submit-payout"
        >
          Review and submit…
        </button>
        {blocker === null ? null : (
          <span id="submit-blocker" className="text-error" data-testid="submit-blocker">
            {blocker}
          </span>
        )}
      </div>
      <SubmitDialog
        open={open}
        payout={payout}
        onClose={() => setOpen(false)}
        onSubmitted={(p) => {
          setOpen(false)
          onChanged(p)
        }}
      />
    </div>
  )
}
