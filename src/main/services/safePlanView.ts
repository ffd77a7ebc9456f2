// Runs in: main (plain Node). What the desk is shown of a Safe plan option: the engine's plan (bigint
// gas and fees, the Safe transactions themselves) becomes the contract's view, with counts, the gas
// of every Safe transaction together and fees as decimal strings of base units; a route that cannot
// be offered carries its code and reason.
import type { SafePlanOptionView } from '../../shared/safe'
import type { SafePlanOption } from '../safe'

export function safePlanOptionView(option: SafePlanOption): SafePlanOptionView {
  if (!option.available) return { route: option.route, available: false, code: option.code, reason: option.reason }
  const { plan } = option
  return {
    route: option.route,
    available: true,
    transactions: plan.transactions.length,
    signaturesNeeded: plan.signaturesNeeded,
    confirmationsPerOwner: plan.confirmationsPerOwner,
    gas: plan.transactions.reduce((sum, t) => sum + t.gasEstimate, 0n).toString(),
    estimatedFeeBaseUnits: plan.estimatedFee.toString(),
    maximumFeeBaseUnits: plan.maximumFee.toString(),
    withoutMultiSend: plan.withoutMultiSend ?? null
  }
}
