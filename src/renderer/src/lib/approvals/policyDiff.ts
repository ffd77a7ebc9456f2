// Runs in: renderer. What a proposed policy version changes against the version in force, so the
// people who sign it see the change itself and not only the whole new document: members added and
// removed, renamed, made or no longer approvers, the number of approvals, approval on or off,
// unsigned submissions, and the amount rules per currency.
import type { PolicyContentView, PolicyMemberView } from '../../../../shared/approvals'

export type PolicyShape = Pick<
  PolicyContentView,
  'members' | 'threshold' | 'requireApproval' | 'unsignedSubmissions' | 'amountRules'
>

interface Change<T> {
  readonly from: T
  readonly to: T
}

export interface RuleChange {
  readonly assetId: string
  /** Base units; null where the version has no rule for the currency. */
  readonly from: string | null
  readonly to: string | null
}

export interface PolicyDiff {
  readonly added: readonly PolicyMemberView[]
  readonly removed: readonly PolicyMemberView[]
  readonly renamed: ReadonlyArray<{ readonly address: string; readonly from: string; readonly to: string }>
  readonly madeApprover: readonly PolicyMemberView[]
  readonly noLongerApprover: readonly PolicyMemberView[]
  readonly threshold: Change<number> | null
  readonly requireApproval: Change<boolean> | null
  readonly unsignedSubmissions: Change<boolean> | null
  readonly rules: readonly RuleChange[]
}

const key = (address: string): string => address.toLowerCase()
const changed = <T>(from: T, to: T): Change<T> | null => (from === to ? null : { from, to })

export function diffPolicy(before: PolicyShape, after: PolicyShape): PolicyDiff {
  const old = new Map(before.members.map((m) => [key(m.address), m]))
  const now = new Map(after.members.map((m) => [key(m.address), m]))
  const kept = after.members.filter((m) => old.has(key(m.address)))
  const oldRules = new Map(before.amountRules.map((r) => [r.assetId, r.maxWithoutApprovalBaseUnits]))
  const newRules = new Map(after.amountRules.map((r) => [r.assetId, r.maxWithoutApprovalBaseUnits]))
  const rules: RuleChange[] = []
  for (const assetId of [...new Set([...oldRules.keys(), ...newRules.keys()])].sort()) {
    const from = oldRules.get(assetId) ?? null
    const to = newRules.get(assetId) ?? null
    if (from !== to) rules.push({ assetId, from, to })
  }
  return {
    added: after.members.filter((m) => !old.has(key(m.address))),
    removed: before.members.filter((m) => !now.has(key(m.address))),
    renamed: kept
      .filter((m) => old.get(key(m.address))!.name !== m.name)
      .map((m) => ({ address: m.address, from: old.get(key(m.address))!.name, to: m.name })),
    madeApprover: kept.filter((m) => m.approver && !old.get(key(m.address))!.approver),
    noLongerApprover: kept.filter((m) => !m.approver && old.get(key(m.address))!.approver),
    threshold: changed(before.threshold, after.threshold),
    requireApproval: changed(before.requireApproval, after.requireApproval),
    unsignedSubmissions: changed(before.unsignedSubmissions, after.unsignedSubmissions),
    rules
  }
}

/** True when the proposal is the version in force again: signing it would change nothing. */
export function isEmptyDiff(d: PolicyDiff): boolean {
  return (
    d.added.length === 0 &&
    d.removed.length === 0 &&
    d.renamed.length === 0 &&
    d.madeApprover.length === 0 &&
    d.noLongerApprover.length === 0 &&
    d.threshold === null &&
    d.requireApproval === null &&
    d.unsignedSubmissions === null &&
    d.rules.length === 0
  )
}

/**
 * The change in sentences, one per line. `rule` shows a rule's base units in the currency's units
 * ("5,000.00 USDC on Ethereum"); `short` shortens an address for reading.
 */
export function diffLines(
  d: PolicyDiff,
  rule: (assetId: string, baseUnits: string) => string,
  currency: (assetId: string) => string,
  short: (address: string) => string
): string[] {
  const who = (m: PolicyMemberView): string => `${m.name} (${short(m.address)})`
  const onOff = (on: boolean): string => (on ? 'on' : 'off')
  const lines: string[] = []
  for (const m of d.added) lines.push(`Adds ${who(m)}${m.approver ? ' as an approver' : ''}`)
  for (const m of d.removed) lines.push(`Removes ${who(m)}`)
  for (const r of d.renamed) lines.push(`Renames ${r.from} to ${r.to} (${short(r.address)})`)
  for (const m of d.madeApprover) lines.push(`Makes ${m.name} an approver`)
  for (const m of d.noLongerApprover) lines.push(`${m.name} is no longer an approver`)
  if (d.threshold !== null) lines.push(`Approvals needed: ${d.threshold.from} → ${d.threshold.to}`)
  if (d.requireApproval !== null)
    lines.push(`Approval required: ${onOff(d.requireApproval.from)} → ${onOff(d.requireApproval.to)}`)
  if (d.unsignedSubmissions !== null)
    lines.push(
      `Unsigned submissions: ${d.unsignedSubmissions.from ? 'allowed' : 'not allowed'} → ${d.unsignedSubmissions.to ? 'allowed' : 'not allowed'}`
    )
  for (const r of d.rules) {
    if (r.from === null) lines.push(`New rule: no approval up to ${rule(r.assetId, r.to!)}`)
    else if (r.to === null) lines.push(`Removes the ${currency(r.assetId)} rule (was up to ${rule(r.assetId, r.from)})`)
    else lines.push(`No approval up to: ${rule(r.assetId, r.from)} → ${rule(r.assetId, r.to)}`)
  }
  return lines
}
