// Runs in: Vitest (Node). Errors that become questions: adopting a team's policy, reopening a pending payout.
import { describe, expect, it } from 'vitest'
import { adoptionMembers, reopenApprovals } from './errorDetails'

const ANA = '0xAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAa'

describe('error details', () => {
  it('reads the members a policy file would set up', () => {
    const error = {
      code: 'policy_adopt_confirm' as const,
      message: 'Confirm',
      details: { members: [{ name: 'Ana', address: ANA, approver: true }] }
    }
    expect(adoptionMembers(error)).toEqual([{ name: 'Ana', address: ANA, approver: true }])
  })

  it('asks nothing for another error or details it cannot read', () => {
    expect(adoptionMembers({ code: 'policy_other_team', message: 'x', details: { members: [] } })).toBeNull()
    expect(adoptionMembers({ code: 'policy_adopt_confirm', message: 'x' })).toBeNull()
    expect(
      adoptionMembers({ code: 'policy_adopt_confirm', message: 'x', details: { members: [{ name: 1 }] } })
    ).toBeNull()
  })

  it('reads how many approvals an edit would void, zero when main did not say', () => {
    expect(reopenApprovals({ code: 'reopen_confirmation_required', message: 'x', details: { approvals: 2 } })).toBe(2)
    expect(reopenApprovals({ code: 'reopen_confirmation_required', message: 'x' })).toBe(0)
    expect(reopenApprovals({ code: 'not_editable', message: 'x' })).toBeNull()
  })
})
