// Runs in: main (plain Node). Paying a payout: the quote before signing, signing and broadcasting,
// retrying failed rows, releasing a row that needs checking once someone confirmed it was not paid,
// revoking an allowance a cancelled payout left, speeding up or cancelling a transaction, and the
// payout's transactions.
import type { ExecutionService } from '../services/executionService'
import type { PayoutService } from '../services/payoutService'
import type { HandlersOf } from './owners'

export interface PaymentHandlerDeps {
  readonly execution: ExecutionService
  readonly payouts: PayoutService
  readonly actor: () => string
}

export function paymentHandlers({ execution, payouts, actor }: PaymentHandlerDeps): HandlersOf<'payment'> {
  return {
    async quotePayout({ id, accountPath }) {
      return execution.quote(id, { accountPath })
    },
    async executePayout({ id, accountPath, plan }) {
      return execution.execute(id, { accountPath, plan })
    },
    async retryPayout({ id }) {
      execution.retryFailed(id, { actor: actor() })
      return payouts.get({ id })
    },
    async confirmRowNotPaid({ id, row, hash, reason }) {
      execution.confirmRowNotPaid(id, { row, hash, reason, actor: actor() })
      return payouts.get({ id })
    },
    async revokeAllowance({ id, accountPath }) {
      return execution.revokeAllowance(id, { accountPath, actor: actor() })
    },
    async listPayoutTransactions({ id }) {
      return execution.transactions(id)
    },
    async replaceTransaction({ id, hash, kind, accountPath }) {
      return execution.replace(id, { hash, kind, accountPath })
    }
  }
}
