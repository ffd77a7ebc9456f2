// Runs in: main (plain Node). Submitting a draft for payment or approval.
import type { PayoutService } from '../services/payoutService'
import type { Submission } from '../services/submission'
import type { HandlersOf } from './owners'

export function submissionHandlers(submission: Submission, payouts: PayoutService): HandlersOf<'submission'> {
  return {
    async submitPayout({ id }) {
      submission.submit(id)
      return payouts.get({ id })
    }
  }
}
