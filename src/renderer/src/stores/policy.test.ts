// Runs in: Vitest (Node). Names come from the team roster: the version in force, then earlier ones.
import { describe, expect, it } from 'vitest'
import type { ApprovalPolicyView, PolicyVersionView } from '../../../shared/approvals'
import { rosterMember } from './policy'

const ANA = '0xAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAa'
const BORIS = '0xBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBb'

const version = (sequence: number, members: PolicyVersionView['members']): PolicyVersionView => ({
  sequence,
  hash: `0x${String(sequence).repeat(64)}`,
  previous: null,
  members,
  threshold: 1,
  requireApproval: true,
  unsignedSubmissions: false,
  amountRules: [],
  signatures: [],
  adoptedAt: '2026-01-01T00:00:00Z'
})

describe('roster names', () => {
  const policy: ApprovalPolicyView = {
    inForce: version(2, [{ name: 'Ana Silva', address: ANA, approver: true }]),
    proposal: null,
    history: [
      version(1, [
        { name: 'Ana', address: ANA, approver: true },
        { name: 'Boris', address: BORIS, approver: true }
      ])
    ]
  }

  it('names a member by the version in force, whatever the address’s case', () => {
    expect(rosterMember(policy, ANA.toLowerCase())?.name).toBe('Ana Silva')
  })

  it('still names someone removed since, from the version that listed them', () => {
    expect(rosterMember(policy, BORIS)?.name).toBe('Boris')
  })

  it('names nobody without a policy or for an address never listed', () => {
    expect(rosterMember(null, ANA)).toBeNull()
    expect(rosterMember(policy, '0x' + '1'.repeat(40))).toBeNull()
  })
})
