// Runs in: Vitest (Node). When Settings warns that a policy has too few approvers.
import { describe, expect, it } from 'vitest'
import type { PolicyShape } from './policyDiff'
import { approverHints } from './policyHints'

const member = (name: string, approver: boolean) => ({ name, address: `0x${name.padEnd(40, '0')}`, approver })
const policy = (approvers: number, threshold: number, requireApproval = true): PolicyShape => ({
  members: [member('a', false), ...Array.from({ length: approvers }, (_, i) => member(`b${i}`, true))],
  threshold,
  requireApproval,
  unsignedSubmissions: false,
  amountRules: []
})

describe('approver hints', () => {
  it('says to add approvers when fewer are listed than must approve, only while approval is on', () => {
    expect(approverHints(policy(1, 2))).toEqual(['Add approvers: fewer are listed than must approve.'])
    expect(approverHints(policy(1, 2, false))).toEqual([])
  })

  it('warns that an approver’s own payouts cannot reach the threshold when every approver is needed', () => {
    expect(approverHints(policy(2, 2))[0]).toContain('one submitted by an approver cannot get 2 approvals')
  })

  it('says nothing when there are more approvers than must approve', () => {
    expect(approverHints(policy(3, 2))).toEqual([])
  })
})
