// Runs in: main (plain Node). The contract as an automation source sees it: the desk's handlers,
// with drafting done by a payout service that records the source (and the request's idempotency
// key and inbox file) in the transaction that creates the payout, and names the source as actor.
// A creation retried under an Idempotency-Key already answered returns that payout again.
import type { TreasuryApi } from '../../shared/api'
import { AppFailure } from '../../shared/errors'
import type { Catalogue } from '../domain/catalogue'
import { draftHandlers } from '../handlers/drafts'
import { createPayoutService, type PayoutServiceDeps } from '../services/payoutService'
import { findIdempotencyKey } from '../store/automationRepo'
import { originOf, type AutomatedSource } from './origin'

export function sourceApi(
  api: TreasuryApi,
  source: AutomatedSource,
  deps: { readonly catalogue: Catalogue; readonly payouts: Omit<PayoutServiceDeps, 'origin'> }
): TreasuryApi {
  const { db } = deps.payouts
  const payouts = createPayoutService({ ...deps.payouts, origin: originOf(db.write, source) })
  const drafts = draftHandlers(deps.catalogue, payouts)
  return {
    ...api,
    ...drafts,
    async createPayout(input) {
      const key = source.idempotency
      const earlier = key === undefined ? undefined : findIdempotencyKey(db.write, key.caller, key.key)
      if (key === undefined || earlier === undefined) return drafts.createPayout(input)
      if (earlier.requestHash !== key.requestHash)
        throw new AppFailure(
          'idempotency_key_reused',
          `Idempotency-Key "${key.key}" was used for a different request, which drafted payout ${earlier.payoutId}. Use a new key for a new payout.`,
          { payoutId: earlier.payoutId }
        )
      return payouts.get({ id: earlier.payoutId })
    }
  }
}
