// Runs in: tests (plain Node, Vitest). Whether a payout may be paid is decided from the signed
// statements over its rows as they are now: a status, an approval count or a total written into the
// database by hand clears nothing, and a payout is never paid on the word of an older or absent
// policy when the policy in force would hold it for approval.
import { Wallet, id } from 'ethers'
import { describe, expect, it } from 'vitest'
import { assertCleared, type ClearanceInput, type SignedStatement } from './clearance'
import { payoutDigest, type DigestInput } from './digest'
import type { PolicyDocument } from './policyDocument'
import { payoutStatement, type PayoutAct } from './statements'

const ana = new Wallet(id('clearance:ana'))
const boris = new Wallet(id('clearance:boris'))
const chen = new Wallet(id('clearance:chen'))
const eve = new Wallet(id('clearance:eve'))
const ANCHOR = { id: 7, hash: 'ab'.repeat(32) }
const ASSET = '1:native'

const policy = (overrides: Partial<PolicyDocument> = {}): PolicyDocument => ({
  sequence: 2,
  previous: '0x' + '01'.repeat(32),
  members: [
    { name: 'Ana', address: ana.address, approver: false },
    { name: 'Boris', address: boris.address, approver: true },
    { name: 'Chen', address: chen.address, approver: true }
  ],
  threshold: 2,
  requireApproval: true,
  unsignedSubmissions: false,
  amountRules: [],
  ...overrides
})

const input = (overrides: Partial<DigestInput> = {}): DigestInput => ({
  payoutId: 'PO-ABCDEFGHJK',
  revision: 1,
  networkName: 'Ethereum',
  chainId: 1,
  asset: { id: ASSET, symbol: 'ETH', decimals: 18, tokenAddress: null },
  purpose: 'rent',
  submitterName: 'Ana',
  submitterAddress: ana.address,
  payerAddress: ana.address,
  policyHash: '0x' + 'cd'.repeat(32),
  acknowledgements: [],
  recipients: [{ address: eve.address, amount: 10n ** 18n, reference: '' }],
  ...overrides
})

async function statement(act: PayoutAct, who: Wallet, over: DigestInput): Promise<SignedStatement> {
  const message = payoutStatement(act, payoutDigest(over), over, ANCHOR)
  return { message, signature: await who.signMessage(message) }
}

async function clearance(
  over: DigestInput,
  approvers: readonly Wallet[],
  rest: Partial<ClearanceInput> = {}
): Promise<ClearanceInput> {
  return {
    assetId: ASSET,
    digest: payoutDigest(over),
    input: over,
    inForce: policy(),
    named: policy(),
    submission: await statement('submit', ana, over),
    approvals: await Promise.all(approvers.map((w) => statement('approve', w, over))),
    ...rest
  }
}

const refused = (message: string) =>
  expect.objectContaining({ code: 'approval_not_verified', message: expect.stringContaining(message) })

describe('clearing a payout to be paid', () => {
  it('passes with the submitter and the threshold of approvers signing the payout as it is', async () => {
    const c = await clearance(input(), [boris, chen])
    expect(() => assertCleared(c)).not.toThrow()
  })

  it('refuses a payout marked approved by hand: no approval is on record', async () => {
    const c = await clearance(input(), [])
    expect(() => assertCleared(c)).toThrow(refused('needs 2 approvals'))
  })

  it('refuses a payout whose rows changed after approval: the signatures cover the old rows', async () => {
    const c = await clearance(input(), [boris, chen])
    const edited = input({ recipients: [{ address: eve.address, amount: 5n * 10n ** 18n, reference: '' }] })
    expect(() => assertCleared({ ...c, input: edited, digest: payoutDigest(edited) })).toThrow(refused('not signed by'))
  })

  it('counts each approver once, and never the submitter, a non-member or a signature over another payout', async () => {
    const c = await clearance(input(), [boris, boris, ana, eve])
    const elsewhere = await statement('approve', chen, input({ payoutId: 'PO-ABCDEFGHJM' }))
    const otherChain = await statement('approve', chen, input({ chainId: 10 }))
    expect(() => assertCleared({ ...c, approvals: [...c.approvals, elsewhere, otherChain] })).toThrow(
      refused('and only 1 is on record')
    )
  })

  it('refuses a submitter rewritten after submission: the signature names who really submitted', async () => {
    const asBoris = input({ submitterAddress: boris.address, submitterName: 'Boris' })
    const c = await clearance(asBoris, [chen, boris])
    const signedByBoris = await statement('submit', boris, asBoris)
    const rewritten = input({ submitterAddress: ana.address })
    const approvedAsAna = await Promise.all([boris, chen].map((w) => statement('approve', w, rewritten)))
    // Boris re-approves the rewritten payout himself: the submission Ana never signed stops it.
    expect(() =>
      assertCleared({
        ...c,
        input: rewritten,
        digest: payoutDigest(rewritten),
        submission: signedByBoris,
        approvals: approvedAsAna
      })
    ).toThrow(refused(`not signed by Ana (${ana.address}) as it is now`))
  })

  it('refuses an unsigned submission where the policy requires signed ones', async () => {
    const unsigned = input({ submitterAddress: null, submitterName: '' })
    const c = await clearance(unsigned, [boris, chen], { submission: { signature: null, message: null } })
    expect(() => assertCleared(c)).toThrow(refused('requires a signed submission'))
  })

  it('never pays on the word of an older policy, or of none, when the policy in force holds the payout', async () => {
    const c = await clearance(input(), [])
    const older = policy({ sequence: 1, previous: null, requireApproval: false })
    expect(() => assertCleared({ ...c, named: older })).toThrow(refused('under policy version 1, which did not'))
    const namesNone = { ...c, named: null, input: { ...c.input, policyHash: null } }
    expect(() => assertCleared(namesNone)).toThrow(refused('without a signed policy'))
    expect(() => assertCleared({ ...namesNone, inForce: null })).not.toThrow()
  })

  it('refuses a payout submitted under a policy version this desk no longer holds, whatever is in force', async () => {
    const c = await clearance(input(), [boris, chen])
    expect(() => assertCleared({ ...c, named: null })).toThrow(refused('which this desk no longer holds'))
    expect(() => assertCleared({ ...c, named: null, inForce: null })).toThrow(
      refused('which this desk no longer holds')
    )
  })

  it("judges an amount rule by the rows' sum, whatever total the database states", async () => {
    const rule = policy({ amountRules: [{ assetId: ASSET, maxWithoutApproval: 10n ** 18n }] })
    const small = await clearance(input(), [], { named: rule, inForce: rule })
    expect(() => assertCleared(small)).not.toThrow()
    const large = input({ recipients: [{ address: eve.address, amount: 10n ** 18n + 1n, reference: '' }] })
    const c = await clearance(large, [], { named: rule, inForce: rule })
    expect(() => assertCleared(c)).toThrow(refused('needs 2 approvals'))
  })
})
