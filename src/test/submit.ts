// Runs in: tests (plain Node). Submits a draft the way a person at a desk with no signed policy
// would: review the confirmation, acknowledge every warning it lists, submit unsigned.
import type { PayoutDetail, TreasuryApi } from '../shared/api'

export async function submitAcknowledged(
  t: Pick<TreasuryApi, 'reviewSubmission' | 'submitPayout'>,
  id: string,
  options: { readonly accountPath?: string | null; readonly payerAddress?: string | null } = {}
): Promise<PayoutDetail> {
  const review = await t.reviewSubmission({ id })
  return t.submitPayout({
    id,
    acknowledged: review.warnings.map((w) => w.kind),
    accountPath: options.accountPath ?? null,
    payerAddress: options.payerAddress ?? null
  })
}
