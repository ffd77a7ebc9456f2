// The approval policy and separation of duties: which payouts need approval, who may approve,
// and that a payout's creator never counts, by profile name or by Ledger address.
import { describe, expect, it } from 'vitest'
import { approverFor, checkPolicy, decideApproval, eligibleApprovers, type ApprovalPolicy } from './policy'

const ANA = { name: 'Ana', address: '0x1111111111111111111111111111111111111111' }
const BORIS = { name: 'Boris', address: '0x2222222222222222222222222222222222222222' }
const CHEN = { name: 'Chen', address: '0x3333333333333333333333333333333333333333' }
const STRANGER = '0x4444444444444444444444444444444444444444'
const ASSET = '1:native'

const policy = (p: Partial<ApprovalPolicy> = {}): ApprovalPolicy => ({
  requireApproval: true,
  approvers: [ANA, BORIS, CHEN],
  threshold: 2,
  amountRules: [],
  ...p
})
const byAna = { name: 'Ana', address: null }

describe('approval policy', () => {
  it('requires nothing when approvals are off', () => {
    expect(
      decideApproval(policy({ requireApproval: false }), { assetId: ASSET, total: 10n ** 30n, creator: byAna })
    ).toEqual({ required: false, reason: 'approvals_off' })
  })

  it('requires M approvals when on', () => {
    expect(decideApproval(policy(), { assetId: ASSET, total: 1n, creator: byAna })).toEqual({
      required: true,
      threshold: 2
    })
  })

  it('skips approval up to and including the asset amount rule, and requires it strictly above', () => {
    const p = policy({ amountRules: [{ assetId: ASSET, maxWithoutApproval: 1000n }] })
    expect(decideApproval(p, { assetId: ASSET, total: 1000n, creator: byAna })).toEqual({
      required: false,
      reason: 'below_amount_rule'
    })
    expect(decideApproval(p, { assetId: ASSET, total: 1001n, creator: byAna }).required).toBe(true)
  })

  it('applies an amount rule only to its own asset', () => {
    const p = policy({
      amountRules: [{ assetId: '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', maxWithoutApproval: 10n ** 12n }]
    })
    expect(decideApproval(p, { assetId: ASSET, total: 1n, creator: byAna }).required).toBe(true)
  })

  it('refuses to submit when the creator leaves too few approvers to reach M', () => {
    expect(() =>
      decideApproval(policy({ approvers: [ANA, BORIS] }), { assetId: ASSET, total: 1n, creator: byAna })
    ).toThrow(expect.objectContaining({ code: 'approval_policy_unreachable' }))
    expect(() =>
      decideApproval(policy({ approvers: [], threshold: 1 }), { assetId: ASSET, total: 1n, creator: byAna })
    ).toThrow(expect.objectContaining({ code: 'approval_policy_unreachable' }))
  })

  it('counts the creator out by name (trimmed, any case) and by Ledger address', () => {
    expect(eligibleApprovers(policy(), { name: ' ana ', address: null })).toEqual([BORIS, CHEN])
    expect(eligibleApprovers(policy(), { name: 'Dora', address: BORIS.address.toLowerCase() })).toEqual([ANA, CHEN])
  })

  it('refuses a threshold above the number of approvers, a duplicate approver, and zero approvals', () => {
    expect(() => checkPolicy(policy({ threshold: 4 }))).toThrow(
      expect.objectContaining({ code: 'approval_threshold_invalid' })
    )
    expect(() => checkPolicy(policy({ threshold: 0 }))).toThrow(
      expect.objectContaining({ code: 'approval_threshold_invalid' })
    )
    expect(() => checkPolicy(policy({ approvers: [ANA, { ...BORIS, address: ANA.address }] }))).toThrow(
      expect.objectContaining({ code: 'approver_duplicate' })
    )
    expect(() => checkPolicy(policy({ approvers: [ANA, { ...BORIS, name: 'ANA' }] }))).toThrow(
      expect.objectContaining({ code: 'approver_duplicate' })
    )
    expect(() => checkPolicy(policy())).not.toThrow()
  })
})

describe('separation of duties for a signer', () => {
  it('accepts a listed approver who is not the creator', () => {
    expect(approverFor(policy(), BORIS.address.toLowerCase(), byAna, [])).toEqual(BORIS)
  })

  it('refuses the creator even when listed as an approver', () => {
    expect(() => approverFor(policy(), ANA.address, byAna, [])).toThrow(
      expect.objectContaining({ code: 'approval_by_creator' })
    )
  })

  it("refuses the creator's own Ledger address even when it is not listed", () => {
    expect(() => approverFor(policy(), STRANGER, { name: 'Ana', address: STRANGER }, [])).toThrow(
      expect.objectContaining({ code: 'approval_by_creator' })
    )
  })

  it('refuses an address that is not an approver', () => {
    expect(() => approverFor(policy(), STRANGER, byAna, [])).toThrow(
      expect.objectContaining({ code: 'approval_not_an_approver' })
    )
  })

  it('refuses a second approval by the same approver', () => {
    expect(() => approverFor(policy(), BORIS.address, byAna, [BORIS.address.toLowerCase()])).toThrow(
      expect.objectContaining({ code: 'approval_duplicate' })
    )
  })
})
