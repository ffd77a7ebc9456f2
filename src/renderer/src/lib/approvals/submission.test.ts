// Runs in: Vitest (Node). What the submission confirmation requires before it asks main to submit.
import { describe, expect, it } from 'vitest'
import type { SubmissionReviewView } from '../../../../shared/approvals'
import { approvalSentence, initialSigner, submitBlockers, submitInput, type SubmissionChoices } from './submission'

const PATH = "44'/60'/0'/0/0"
const PAYER = '0x463e4e114AA57F54f2Fd2C3ec03572C6f75d84C2'

const review = (patch: Partial<SubmissionReviewView> = {}): SubmissionReviewView => ({
  payoutId: 'PO-1',
  revision: 1,
  totalBaseUnits: '1575000000',
  recipients: 3,
  assetSymbol: 'USDC',
  decimals: 6,
  networkName: 'Ethereum',
  warnings: [
    { kind: 'duplicate_address', title: 'Same address on several rows', advice: 'Check.', rows: [1, 2] },
    { kind: 'no_checksum', title: 'Addresses without a checksum', advice: 'Compare.', rows: [3] }
  ],
  approval: { required: true, threshold: 1, unsignedNeeds: 2 },
  policy: { sequence: 2, hash: '0x' + 'ab'.repeat(32) },
  signing: 'optional',
  payerRequired: true,
  ...patch
})

const choices = (patch: Partial<SubmissionChoices> = {}): SubmissionChoices => ({
  acknowledged: new Set(['duplicate_address', 'no_checksum']),
  signer: { kind: 'ledger', path: PATH },
  payerAddress: PAYER,
  ...patch
})

describe('submission confirmation', () => {
  it('blocks until every warning kind is acknowledged, naming the ones left', () => {
    expect(submitBlockers(review(), choices({ acknowledged: new Set(['no_checksum']) }))).toEqual([
      'Acknowledge each warning: same address on several rows.'
    ])
    expect(submitBlockers(review(), choices())).toEqual([])
  })

  it('asks who signs where unsigned is allowed, and refuses unsigned where the policy requires a signature', () => {
    expect(submitBlockers(review(), choices({ signer: { kind: 'unchosen' } }))).toEqual([
      'Choose who signs: your Ledger account, or submit unsigned.'
    ])
    expect(submitBlockers(review({ signing: 'required' }), choices({ signer: { kind: 'unsigned' } }))[0]).toContain(
      'requires a signed submission'
    )
    expect(submitBlockers(review(), choices({ signer: { kind: 'ledger', path: '44/60' } }))[0]).toContain(
      'Enter an Ethereum account path'
    )
  })

  it('needs the payer’s address only when approvers must approve paying from one account', () => {
    expect(submitBlockers(review(), choices({ payerAddress: null }))[0]).toContain('paying account')
    expect(submitBlockers(review({ payerRequired: false }), choices({ payerAddress: null }))).toEqual([])
  })

  it('preselects the Ledger where signing is required, unsigned only without a policy, and nothing otherwise', () => {
    expect(initialSigner(review({ signing: 'required' }), PATH)).toEqual({ kind: 'ledger', path: PATH })
    expect(initialSigner(review({ policy: null }), PATH)).toEqual({ kind: 'unsigned' })
    expect(initialSigner(review(), PATH)).toEqual({ kind: 'unchosen' })
  })

  it('says how many approvals it needs, and more when submitted unsigned', () => {
    expect(approvalSentence(review(), { kind: 'ledger', path: PATH })).toBe(
      'It waits for 1 approval (team policy version 2) before it can be paid.'
    )
    expect(approvalSentence(review(), { kind: 'unsigned' })).toBe(
      'It waits for 2 approvals (team policy version 2) before it can be paid. An unsigned submission needs two approvers.'
    )
    expect(
      approvalSentence(review({ approval: { required: false, reason: 'no_policy' }, policy: null }), {
        kind: 'unsigned'
      })
    ).toContain('no team policy')
  })

  it('sends the acknowledged kinds, the account path (null unsigned) and the payer only when required', () => {
    expect(submitInput('PO-1', review(), choices())).toEqual({
      id: 'PO-1',
      acknowledged: ['duplicate_address', 'no_checksum'],
      accountPath: PATH,
      payerAddress: PAYER
    })
    expect(submitInput('PO-1', review({ payerRequired: false }), choices({ signer: { kind: 'unsigned' } }))).toEqual({
      id: 'PO-1',
      acknowledged: ['duplicate_address', 'no_checksum'],
      accountPath: null,
      payerAddress: null
    })
  })
})
