// Runs in: Vitest (Node). The policy editor's working copy: prefilled, checked, sent.
import { describe, expect, it } from 'vitest'
import { draftFrom, draftKey, draftProblems, proposalInput, type PolicyDraft } from './policyDraft'
import type { PolicyShape } from './policyDiff'

const ANA = '0xAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAa'
const BORIS = '0xBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBb'
const USDC = '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'

const inForce: PolicyShape = {
  members: [
    { name: 'Ana', address: ANA, approver: false },
    { name: 'Boris', address: BORIS, approver: true }
  ],
  threshold: 1,
  requireApproval: true,
  unsignedSubmissions: false,
  amountRules: [{ assetId: USDC, maxWithoutApprovalBaseUnits: '5000500000' }]
}
const decimals = (assetId: string): number | undefined => (assetId === USDC ? 6 : undefined)
const member = (name: string, address: string, approver: boolean) => ({ key: draftKey(), name, address, approver })

describe('policy draft', () => {
  it('starts from the version in force, with rule amounts in the currency’s units and no grouping', () => {
    const d = draftFrom(inForce, decimals)
    expect(d.members.map((m) => [m.name, m.address, m.approver])).toEqual([
      ['Ana', ANA, false],
      ['Boris', BORIS, true]
    ])
    expect(d.rules.map((r) => r.amount)).toEqual(['5000.5'])
    expect(draftProblems(d)).toEqual([])
  })

  it('keeps the exact base units of a rule in a currency this desk does not know', () => {
    const d = draftFrom(
      { ...inForce, amountRules: [{ assetId: '9:native', maxWithoutApprovalBaseUnits: '42' }] },
      decimals
    )
    expect(d.rules[0]?.amount).toBe('42')
  })

  it('starts a first policy empty, with approval on, and asks for members', () => {
    const d = draftFrom(null, decimals)
    expect(d.requireApproval).toBe(true)
    expect(draftProblems(d)).toEqual(['Add the team’s members: each person with their name and Ledger address.'])
  })

  it('names each member problem: missing name, malformed address, duplicate address or name', () => {
    const d: PolicyDraft = {
      ...draftFrom(null, decimals),
      members: [member('', ANA, true), member('Boris', '0x12', false), member('boris', ANA.toLowerCase(), false)]
    }
    expect(draftProblems(d)).toEqual([
      'Member 1 needs a name.',
      'Boris: enter the address as 0x followed by 40 hexadecimal characters, or read it from the Ledger.',
      'boris: this address is listed twice. Each member has one address.',
      'Two members are called "boris". Give each a distinct name.'
    ])
  })

  it('asks for an approver, a threshold within the approvers, and two approvers for unsigned submissions', () => {
    const none: PolicyDraft = { ...draftFrom(inForce, decimals), members: [member('Ana', ANA, false)] }
    expect(draftProblems(none)).toEqual(['Tick "Approver" for at least one member.'])
    const high: PolicyDraft = { ...draftFrom(inForce, decimals), threshold: 2 }
    expect(draftProblems(high)).toEqual(['Approvals needed must be between 1 and the number of approvers (1).'])
    const unsigned: PolicyDraft = { ...draftFrom(inForce, decimals), unsignedSubmissions: true }
    expect(draftProblems(unsigned)).toEqual([
      'Unsigned submissions need at least 2 approvers, so two people always see such a payout.'
    ])
  })

  it('asks for an amount on each rule and one rule per currency', () => {
    const d = draftFrom(inForce, decimals)
    const twice: PolicyDraft = { ...d, rules: [...d.rules, { key: draftKey(), assetId: USDC, amount: '' }] }
    expect(draftProblems(twice)).toEqual([
      'Each amount rule needs an amount, or remove the rule.',
      'A currency has two amount rules; keep one.'
    ])
  })

  it('sends names and addresses trimmed and amounts as typed, for main to parse exactly', () => {
    const d: PolicyDraft = {
      ...draftFrom(inForce, decimals),
      members: [member('  Ana ', ` ${ANA} `, true)],
      rules: [{ key: draftKey(), assetId: USDC, amount: ' 2500.50 ' }]
    }
    expect(proposalInput(d)).toEqual({
      members: [{ name: 'Ana', address: ANA, approver: true }],
      threshold: 1,
      requireApproval: true,
      unsignedSubmissions: false,
      amountRules: [{ assetId: USDC, maxWithoutApproval: '2500.50' }]
    })
  })
})
