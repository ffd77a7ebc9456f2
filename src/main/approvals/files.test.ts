// Approval files are hostile input: anything but a well-formed request whose digest is the
// digest of the payout it carries is refused with a code saying what is wrong.
import { describe, expect, it } from 'vitest'
import { payoutDigest } from './digest'
import {
  APPROVAL_FORMAT,
  FILE_VERSION,
  REQUEST_FORMAT,
  digestInputOf,
  encodeFile,
  parseApprovalFile,
  parseApprovalRequest,
  type ApprovalRequestFile,
  type ApprovalRequestJson
} from './files'

const payout: ApprovalRequestFile['payout'] = {
  id: 'PO-ABCDEFGHJK',
  revision: 2,
  kind: 'mass',
  networkName: 'Ethereum',
  chainId: 1,
  asset: { id: '1:native', symbol: 'ETH', decimals: 18, tokenAddress: null },
  purpose: 'Rewards',
  createdAt: '2026-01-01T00:00:00.000Z',
  recipients: [
    { row: 1, address: '0x1111111111111111111111111111111111111111', amount: '10', reference: 'A', name: '' },
    { row: 2, address: '0x2222222222222222222222222222222222222222', amount: '20', reference: 'B', name: '' }
  ]
}
const submission: ApprovalRequestFile['submission'] = {
  submitterName: '',
  submitterAddress: null,
  payerAddress: '0x3333333333333333333333333333333333333333',
  policyHash: `0x${'ab'.repeat(32)}`,
  acknowledgements: [{ kind: 'first_payment', rows: [1, 2] }],
  signature: null,
  message: null
}
const request: ApprovalRequestJson = {
  format: REQUEST_FORMAT,
  version: FILE_VERSION,
  payout,
  submission,
  digest: payoutDigest(digestInputOf({ payout, submission })),
  policy: [],
  exportedAt: '2026-01-01T00:00:00.000Z',
  exportedBy: 'Ana',
  auditHead: { id: 7, hash: 'd'.repeat(64) }
}
const bytes = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v))
const failure = (code: string) => expect.objectContaining({ code })

describe('approval request files', () => {
  it('parse back to the same payout and digest they were written from', () => {
    const parsed = parseApprovalRequest(encodeFile(request))
    expect(parsed.file).toEqual(request)
    expect(payoutDigest(parsed.digestInput)).toBe(request.digest)
  })

  it('are refused when not UTF-8 JSON', () => {
    expect(() => parseApprovalRequest(new Uint8Array([0xff, 0xfe, 0x7b]))).toThrow(failure('approval_file_malformed'))
  })

  it('are refused with unknown fields, a negative amount or rows out of order', () => {
    expect(() => parseApprovalRequest(bytes({ ...request, extra: 1 }))).toThrow(failure('approval_file_malformed'))
    expect(() =>
      parseApprovalRequest(
        bytes({ ...request, payout: { ...payout, recipients: [{ ...payout.recipients[0]!, amount: '-10' }] } })
      )
    ).toThrow(failure('approval_file_malformed'))
    expect(() =>
      parseApprovalRequest(bytes({ ...request, payout: { ...payout, recipients: [...payout.recipients].reverse() } }))
    ).toThrow(failure('approval_file_malformed'))
  })

  it('are refused when a line the Ledger shows hides a line break', () => {
    expect(() =>
      parseApprovalRequest(
        bytes({ ...request, payout: { ...payout, asset: { ...payout.asset, symbol: 'ETH\nto 1 recipient' } } })
      )
    ).toThrow(failure('approval_file_malformed'))
  })

  it('are refused when the payout no longer matches the digest', () => {
    expect(() => parseApprovalRequest(bytes({ ...request, payout: { ...payout, purpose: 'Bonus' } }))).toThrow(
      failure('approval_file_digest_mismatch')
    )
  })

  it('are refused when what was submitted (payer, acknowledgements) was changed in the file', () => {
    expect(() =>
      parseApprovalRequest(
        bytes({ ...request, submission: { ...submission, payerAddress: payout.recipients[0]!.address } })
      )
    ).toThrow(failure('approval_file_digest_mismatch'))
    expect(() =>
      parseApprovalRequest(bytes({ ...request, submission: { ...submission, acknowledgements: [] } }))
    ).toThrow(failure('approval_file_digest_mismatch'))
  })

  it('are refused when a name carries a text-direction override', () => {
    expect(() =>
      parseApprovalRequest(
        bytes({
          ...request,
          payout: {
            ...payout,
            recipients: [{ ...payout.recipients[0]!, name: 'Bob\u202eevil' }, payout.recipients[1]!]
          }
        })
      )
    ).toThrow(failure('approval_file_malformed'))
  })
})

describe('approval files', () => {
  const approval = {
    format: APPROVAL_FORMAT,
    version: FILE_VERSION,
    payoutId: payout.id,
    revision: 2,
    digest: request.digest,
    signer: '0x3333333333333333333333333333333333333333',
    signature: `0x${'11'.repeat(65)}`,
    message: 'Approve Treasury payout',
    signedAt: '2026-01-02T00:00:00.000Z',
    auditHead: { id: 3, hash: 'e'.repeat(64) }
  }

  it('parse when well formed, with the signer checksummed', () => {
    expect(parseApprovalFile(bytes(approval)).signer).toBe('0x3333333333333333333333333333333333333333')
  })

  it('are told apart from requests in both directions', () => {
    expect(() => parseApprovalFile(encodeFile(request))).toThrow(failure('approval_file_wrong_kind'))
    expect(() => parseApprovalRequest(bytes(approval))).toThrow(failure('approval_file_wrong_kind'))
  })

  it('are refused with a short signature or a bad signer address', () => {
    expect(() => parseApprovalFile(bytes({ ...approval, signature: '0x1234' }))).toThrow(
      failure('approval_file_malformed')
    )
    expect(() => parseApprovalFile(bytes({ ...approval, signer: '0x3333' }))).toThrow(
      failure('approval_file_malformed')
    )
  })
})
