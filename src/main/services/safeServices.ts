// Runs in: main (plain Node). Paying from a Safe, as one set of services over the same context:
// accounts, planning, owner signing and execution. The composition root builds it in one call.
import { hasCoveringSafeTxs } from '../store/safeTxRepo'
import { createSafeAccounts } from './safeAccounts'
import type { SafeServiceDeps } from './safeContext'
import { createSafeExecution, type SafeExecutionHooks } from './safeExecution'
import { createSafePlanning, type SafePlanningHooks } from './safePlanning'
import { createSafeSigning } from './safeSigning'

export type SafeServiceHooks = SafePlanningHooks & SafeExecutionHooks

export function createSafeServices(deps: SafeServiceDeps, hooks: SafeServiceHooks) {
  return {
    accounts: createSafeAccounts(deps, hooks.actor),
    planning: createSafePlanning(deps, hooks),
    signing: createSafeSigning(deps, hooks.actor),
    execution: createSafeExecution(deps, hooks),
    /** Whether Safe transactions cover this payout's rows, so it is not also paid from a Ledger account. */
    paysPayout: (payoutId: string): boolean => hasCoveringSafeTxs(deps.db.read, payoutId)
  }
}
