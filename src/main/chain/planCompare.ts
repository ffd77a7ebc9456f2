// Runs in: main (plain Node). Puts the plans side by side for the user (transactions, device
// confirmations, estimated fee, clear or hash display) and proposes one: fewer confirmations
// first, then clear signing, then the lower fee.
import { DISPLAY_MODE, type DisplayMode, type ExecutionPlan, type PlanSummary } from './planTypes'

export function summarizePlan(plan: ExecutionPlan): PlanSummary {
  const clear = plan.steps.filter((s) => s.display.kind === 'clear').length
  const display: DisplayMode =
    clear === plan.steps.length ? DISPLAY_MODE.clear : clear === 0 ? DISPLAY_MODE.hash : DISPLAY_MODE.mixed
  return {
    kind: plan.kind,
    transactions: plan.steps.length,
    // One signature per transaction on the device.
    deviceConfirmations: plan.steps.length,
    estimatedFee: plan.estimatedFee,
    maximumFee: plan.maximumFee,
    display
  }
}

const displayRank: Record<DisplayMode, number> = { clear: 0, mixed: 1, hash: 2 }

/** Orders plans best first. */
export function comparePlans(a: ExecutionPlan, b: ExecutionPlan): number {
  const sa = summarizePlan(a)
  const sb = summarizePlan(b)
  if (sa.deviceConfirmations !== sb.deviceConfirmations) return sa.deviceConfirmations - sb.deviceConfirmations
  if (sa.display !== sb.display) return displayRank[sa.display] - displayRank[sb.display]
  return sa.estimatedFee < sb.estimatedFee ? -1 : sa.estimatedFee > sb.estimatedFee ? 1 : 0
}

export function proposePlan(plans: readonly ExecutionPlan[]): ExecutionPlan | undefined {
  return [...plans].sort(comparePlans)[0]
}
