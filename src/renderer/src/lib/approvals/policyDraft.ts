// Runs in: renderer. The policy editor's working copy: prefilled from the version in force (or
// empty for a team's first policy), checked as it is typed so a person is told what to fix before
// anything is proposed, and turned into proposePolicy's input. Main checks everything again; amounts
// are sent as typed, in the currency's units, and parsed exactly by main.
import type { InputOf } from '../../../../shared/api'
import { formatBaseUnits } from '../../../../shared/money'
import { byName } from './members'
import type { PolicyShape } from './policyDiff'

export interface MemberDraft {
  /** A stable identity for the list while names and addresses are typed. */
  readonly key: string
  readonly name: string
  readonly address: string
  readonly approver: boolean
}

export interface RuleDraft {
  readonly key: string
  readonly assetId: string
  /** In the currency's units, as typed ("5000", "2500.50"). */
  readonly amount: string
}

export interface PolicyDraft {
  readonly members: readonly MemberDraft[]
  readonly threshold: number
  readonly requireApproval: boolean
  readonly unsignedSubmissions: boolean
  readonly rules: readonly RuleDraft[]
}

/** Approvers a policy needs before it may let preparers submit unsigned (main's rule, told early). */
export const UNSIGNED_MIN_APPROVERS = 2
export const MAX_MEMBER_NAME = 100
const ADDRESS = /^0x[0-9a-fA-F]{40}$/

let sequence = 0
export const draftKey = (): string => `d${++sequence}`

/** The editor's starting point: the version in force as it stands, rule amounts in the currency's units. */
export function draftFrom(
  content: PolicyShape | null,
  decimalsOf: (assetId: string) => number | undefined
): PolicyDraft {
  if (content === null)
    return { members: [], threshold: 1, requireApproval: true, unsignedSubmissions: false, rules: [] }
  return {
    members: byName(content.members).map((m) => ({
      key: draftKey(),
      name: m.name,
      address: m.address,
      approver: m.approver
    })),
    threshold: content.threshold,
    requireApproval: content.requireApproval,
    unsignedSubmissions: content.unsignedSubmissions,
    rules: content.amountRules.map((r) => {
      const decimals = decimalsOf(r.assetId)
      const units =
        decimals === undefined
          ? null
          : formatBaseUnits(r.maxWithoutApprovalBaseUnits, decimals, { groupSeparator: '', minFractionDigits: 0 })
      // A currency this desk does not know keeps its exact base units; main refuses it with the reason.
      return { key: draftKey(), assetId: r.assetId, amount: units ?? r.maxWithoutApprovalBaseUnits }
    })
  }
}

export const approverCount = (d: PolicyDraft): number => d.members.filter((m) => m.approver).length

/** What stops this draft from being proposed, in words a person can act on; empty when it can go. */
export function draftProblems(d: PolicyDraft): string[] {
  const problems: string[] = []
  if (d.members.length === 0) problems.push('Add the team’s members: each person with their name and Ledger address.')
  const addresses = new Set<string>()
  const names = new Set<string>()
  d.members.forEach((m, i) => {
    const label = m.name.trim() === '' ? `Member ${i + 1}` : m.name.trim()
    if (m.name.trim() === '') problems.push(`${label} needs a name.`)
    else if (m.name.trim().length > MAX_MEMBER_NAME)
      problems.push(`${label}: a name has at most ${MAX_MEMBER_NAME} characters.`)
    if (!ADDRESS.test(m.address.trim()))
      problems.push(
        `${label}: enter the address as 0x followed by 40 hexadecimal characters, or read it from the Ledger.`
      )
    const a = m.address.trim().toLowerCase()
    if (a !== '' && addresses.has(a))
      problems.push(`${label}: this address is listed twice. Each member has one address.`)
    const n = m.name.trim().toLocaleLowerCase('en')
    if (n !== '' && names.has(n)) problems.push(`Two members are called "${m.name.trim()}". Give each a distinct name.`)
    addresses.add(a)
    names.add(n)
  })
  const approvers = approverCount(d)
  if (d.members.length > 0 && approvers === 0) problems.push('Tick "Approver" for at least one member.')
  if (approvers > 0 && (d.threshold < 1 || d.threshold > approvers))
    problems.push(`Approvals needed must be between 1 and the number of approvers (${approvers}).`)
  if (d.unsignedSubmissions && approvers < UNSIGNED_MIN_APPROVERS)
    problems.push(
      `Unsigned submissions need at least ${UNSIGNED_MIN_APPROVERS} approvers, so two people always see such a payout.`
    )
  const currencies = new Set<string>()
  for (const r of d.rules) {
    if (r.amount.trim() === '') problems.push('Each amount rule needs an amount, or remove the rule.')
    if (currencies.has(r.assetId)) problems.push('A currency has two amount rules; keep one.')
    currencies.add(r.assetId)
  }
  return problems
}

export function proposalInput(d: PolicyDraft): InputOf<'proposePolicy'> {
  return {
    members: d.members.map((m) => ({ name: m.name.trim(), address: m.address.trim(), approver: m.approver })),
    threshold: d.threshold,
    requireApproval: d.requireApproval,
    unsignedSubmissions: d.unsignedSubmissions,
    amountRules: d.rules.map((r) => ({ assetId: r.assetId, maxWithoutApproval: r.amount.trim() }))
  }
}
