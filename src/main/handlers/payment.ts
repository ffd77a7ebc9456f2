// Runs in: main (plain Node). Paying a payout: the quote before signing, signing and broadcasting,
// the payer's signed statement that its transactions this app has no record of were looked at, retrying
// failed rows, releasing a row that needs checking once someone confirmed it was not paid,
// revoking an allowance a cancelled payout left, speeding up or cancelling a transaction, and the
// payout's transactions.
import type { ExecutionService } from '../services/executionService'
import type { PayoutService } from '../services/payoutService'
import { SAFE_ERROR, safeFailure } from '../safe/errors'
import type { HandlersOf } from './owners'

export interface PaymentHandlerDeps {
  readonly execution: ExecutionService
  readonly payouts: PayoutService
  readonly actor: () => string
  /** Whether the payout's rows are planned as Safe transactions: then no Ledger account pays them too. */
  readonly paidFromSafe: (payoutId: string) => boolean
}

export function paymentHandlers({
  execution,
  payouts,
  actor,
  paidFromSafe
}: PaymentHandlerDeps): HandlersOf<'payment'> {
  return {
    async quotePayout({ id, accountPath }) {
      return execution.quote(id, { accountPath })
    },
    async executePayout({ id, accountPath, plan }) {
      if (paidFromSafe(id))
        throw safeFailure(
          SAFE_ERROR.paysThisPayout,
          'This payout is being paid from a Safe: its rows are in Safe transactions waiting for the owners. Cancel those first to pay from a Ledger account.'
        )
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
    async signUnrecordedSendsStatement({ id, accountPath, account, through }) {
      await execution.signUnrecordedSendsStatement(id, { accountPath, account, through, actor: actor() })
      return { account, through }
    },
    async listPayoutTransactions({ id }) {
      return execution.transactions(id)
    },
    async replaceTransaction({ id, hash, kind, accountPath }) {
      return execution.replace(id, { hash, kind, accountPath })
    }
  }
}
