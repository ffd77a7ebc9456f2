// The canonical payout digest: every field an approver approves changes it, row order matters,
// and the same payout always gives the same bytes.
import { describe, expect, it } from 'vitest'
import { DIGEST_TAG, digestPreimage, payoutDigest, type DigestInput } from './digest'
import { anchorOf, payoutStatement, rejectionStatement } from './statements'

const A = '0x1111111111111111111111111111111111111111'
const B = '0x2222222222222222222222222222222222222222'
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'

const base: DigestInput = {
  payoutId: 'PO-ABCDEFGHJK',
  revision: 3,
  networkName: 'Ethereum',
  chainId: 1,
  asset: { id: `1:${USDC}`, symbol: 'USDC', decimals: 6, tokenAddress: USDC },
  purpose: 'March salaries',
  submitterName: 'Ana',
  submitterAddress: '0x4444444444444444444444444444444444444444',
  payerAddress: '0x3333333333333333333333333333333333333333',
  policyHash: '0x' + 'ab'.repeat(32),
  acknowledgements: [{ kind: 'first_payment', rows: [1, 2] }],
  recipients: [
    { address: A, amount: 1_500_000n, reference: 'INV-1' },
    { address: B, amount: 2_000_000n, reference: 'INV-2' }
  ]
}

const variants: Record<string, DigestInput> = {
  'payout id': { ...base, payoutId: 'PO-ABCDEFGHJM' },
  revision: { ...base, revision: 4 },
  'network name': { ...base, networkName: 'Ethereum Mainnet' },
  'chain id': { ...base, chainId: 10 },
  'asset id': { ...base, asset: { ...base.asset, id: '1:native' } },
  'asset symbol': { ...base, asset: { ...base.asset, symbol: 'USDT' } },
  'asset decimals': { ...base, asset: { ...base.asset, decimals: 18 } },
  'token address': { ...base, asset: { ...base.asset, tokenAddress: '0xdAC17F958D2ee523a2206206994597C13D831ec7' } },
  'native instead of token': { ...base, asset: { ...base.asset, tokenAddress: null } },
  purpose: { ...base, purpose: 'March salaries.' },
  submitter: { ...base, submitterName: 'Ana B' },
  'submitter address': { ...base, submitterAddress: '0x4444444444444444444444444444444444444445' },
  'unsigned submission': { ...base, submitterAddress: null },
  'policy version': { ...base, policyHash: '0x' + 'ac'.repeat(32) },
  'no policy': { ...base, policyHash: null },
  'an acknowledgement dropped': { ...base, acknowledgements: [] },
  'an acknowledged row': { ...base, acknowledgements: [{ kind: 'first_payment', rows: [1] }] },
  'an acknowledged kind': { ...base, acknowledgements: [{ kind: 'large_amount', rows: [1, 2] }] },
  'payer absent': { ...base, payerAddress: null },
  'payer changed': { ...base, payerAddress: '0x3333333333333333333333333333333333333334' },
  'a recipient address': {
    ...base,
    recipients: [{ ...base.recipients[0]!, address: '0x1111111111111111111111111111111111111112' }, base.recipients[1]!]
  },
  'an amount by one base unit': {
    ...base,
    recipients: [base.recipients[0]!, { ...base.recipients[1]!, amount: 2_000_001n }]
  },
  'a reference': { ...base, recipients: [base.recipients[0]!, { ...base.recipients[1]!, reference: 'INV-3' }] },
  'row order': { ...base, recipients: [base.recipients[1]!, base.recipients[0]!] },
  'a row removed': { ...base, recipients: [base.recipients[0]!] },
  'a row added': { ...base, recipients: [...base.recipients, { address: A, amount: 1n, reference: '' }] }
}

describe('payout digest', () => {
  it('is a 32-byte hex value, the same for the same payout', () => {
    expect(payoutDigest(base)).toMatch(/^0x[0-9a-f]{64}$/)
    expect(payoutDigest(structuredClone(base))).toBe(payoutDigest(base))
  })

  for (const [field, changed] of Object.entries(variants)) {
    it(`changes when ${field} changes`, () => {
      expect(payoutDigest(changed)).not.toBe(payoutDigest(base))
    })
  }

  it('does not depend on the letter case an address was written in', () => {
    expect(payoutDigest({ ...base, payerAddress: base.payerAddress!.toLowerCase() })).toBe(payoutDigest(base))
  })

  it('tells "no payer named" apart from the zero address', () => {
    expect(payoutDigest({ ...base, payerAddress: null })).not.toBe(
      payoutDigest({ ...base, payerAddress: '0x0000000000000000000000000000000000000000' })
    )
  })

  it('cannot be fooled by moving text between neighbouring fields', () => {
    expect(payoutDigest({ ...base, purpose: 'ab', submitterName: 'c' })).not.toBe(
      payoutDigest({ ...base, purpose: 'a', submitterName: 'bc' })
    )
  })

  it('starts its encoding with the version tag', () => {
    expect(Buffer.from(digestPreimage(base).slice(2), 'hex').includes(Buffer.from(DIGEST_TAG))).toBe(true)
  })
})

describe('signed statements', () => {
  const anchor = { id: 42, hash: 'c'.repeat(64) }

  it('name the act, the payout, its revision, the total, the network, the digest and the audit anchor in short lines', () => {
    const digest = payoutDigest(base)
    expect(payoutStatement('approve', digest, base, anchor).split('\n')).toEqual([
      'Approve Treasury payout',
      'PO-ABCDEFGHJK revision 3',
      '3.5 USDC to 2 recipients',
      'on Ethereum (chain 1)',
      `Digest ${digest}`,
      `Audit 42 ${'c'.repeat(64)}`
    ])
  })

  it('differ by act, so a submission can never be replayed as an approval', () => {
    const digest = payoutDigest(base)
    expect(payoutStatement('submit', digest, base, anchor)).not.toBe(payoutStatement('approve', digest, base, anchor))
    expect(rejectionStatement(digest, base, 'Wrong month', anchor)).toContain('Reason: Wrong month')
  })

  it('give back the anchor they name, and none for text without one', () => {
    const text = payoutStatement('submit', payoutDigest(base), base, anchor)
    expect(anchorOf(text)).toEqual(anchor)
    expect(anchorOf('Approve Treasury payout\nDigest 0x00')).toBeNull()
  })
})
