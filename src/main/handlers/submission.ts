// Runs in: main (plain Node). Submitting a draft: the confirmation to review, then the submission
// signed on the submitter's Ledger.
import type { PayoutService } from '../services/payoutService'
import type { Submission } from '../services/submission'
import type { HandlersOf } from './owners'

export function submissionHandlers(submission: Submission, payouts: PayoutService): HandlersOf<'submission'> {
  return {
    async reviewSubmission({ id }) {
      return submission.review(id)
    },
    async submitPayout({ id, acknowledged, accountPath, payerAddress }) {
      await submission.submit(id, { acknowledged, accountPath, payerAddress })
      return payouts.get({ id })
    }
  }
}
