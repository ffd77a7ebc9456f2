// Runs in: Vitest (Node). What a proposed policy change shows its signers.
import { describe, expect, it } from 'vitest'
import { diffLines, diffPolicy, isEmptyDiff, type PolicyShape } from './policyDiff'

const ANA = '0xAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAa'
const BORIS = '0xBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBbBb'
const CHEN = '0xCcCcCcCcCcCcCcCcCcCcCcCcCcCcCcCcCcCcCcCc'
const USDC = '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'

const inForce: PolicyShape = {
  members: [
    { name: 'Ana', address: ANA, approver: false },
    { name: 'Boris', address: BORIS, approver: true }
  ],
  threshold: 1,
  requireApproval: true,
  unsignedSubmissions: false,
  amountRules: [{ assetId: USDC, maxWithoutApprovalBaseUnits: '500000000' }]
}

const lines = (before: PolicyShape, after: PolicyShape): string[] =>
  diffLines(
    diffPolicy(before, after),
    (_asset, base) => `${base} base`,
    () => 'USDC',
    (a) => a.slice(0, 6)
  )

describe('policy diff', () => {
  it('finds nothing between a version and itself', () => {
    expect(isEmptyDiff(diffPolicy(inForce, inForce))).toBe(true)
  })

  it('names members added (with their role) and removed, matching addresses whatever their case', () => {
    const after: PolicyShape = {
      ...inForce,
      members: [
        { name: 'Ana', address: ANA.toLowerCase(), approver: false },
        { name: 'Chen', address: CHEN, approver: true }
      ]
    }
    const d = diffPolicy(inForce, after)
    expect(d.added.map((m) => m.name)).toEqual(['Chen'])
    expect(d.removed.map((m) => m.name)).toEqual(['Boris'])
    expect(lines(inForce, after)).toEqual(['Adds Chen (0xCcCc) as an approver', 'Removes Boris (0xBbBb)'])
  })

  it('names a rename and a change of role of a member who stays', () => {
    const after: PolicyShape = {
      ...inForce,
      members: [
        { name: 'Ana Silva', address: ANA, approver: true },
        { name: 'Boris', address: BORIS, approver: false }
      ]
    }
    expect(lines(inForce, after)).toEqual([
      'Renames Ana to Ana Silva (0xAaAa)',
      'Makes Ana Silva an approver',
      'Boris is no longer an approver'
    ])
  })

  it('names the threshold, approval and unsigned switches with old and new values', () => {
    const after: PolicyShape = { ...inForce, threshold: 2, requireApproval: false, unsignedSubmissions: true }
    expect(lines(inForce, after)).toEqual([
      'Approvals needed: 1 → 2',
      'Approval required: on → off',
      'Unsigned submissions: not allowed → allowed'
    ])
  })

  it('names amount rules added, removed and changed per currency', () => {
    const ETH = '1:native'
    const after: PolicyShape = {
      ...inForce,
      amountRules: [
        { assetId: ETH, maxWithoutApprovalBaseUnits: '1' },
        { assetId: USDC, maxWithoutApprovalBaseUnits: '700000000' }
      ]
    }
    // Listed by currency id, so the same change always reads the same.
    expect(lines(inForce, after)).toEqual([
      'No approval up to: 500000000 base → 700000000 base',
      'New rule: no approval up to 1 base'
    ])
    expect(lines(inForce, { ...inForce, amountRules: [] })).toEqual([
      'Removes the USDC rule (was up to 500000000 base)'
    ])
  })
})
