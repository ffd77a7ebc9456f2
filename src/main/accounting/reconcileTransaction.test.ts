import { describe, expect, it } from 'vitest'
import { receiptFee } from '../chain/txEvidence'
import { compareTransaction, DIFFERENCE, type TransactionRecord } from './reconcileTransaction'

const PAYER = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const RECIPIENT = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'
const HASH = `0x${'ab'.repeat(32)}`
const ETH = { symbol: 'ETH', decimals: 18, tokenAddress: null }

/** A plain ETH send on an OP Stack chain, as its receipt reports it: gas at the effective price plus the L1 data fee. */
const receipt = {
  transactionHash: HASH,
  blockNumber: 10n,
  blockHash: `0x${'cd'.repeat(32)}`,
  success: true,
  gasUsed: 21_000n,
  effectiveGasPrice: 1_000_000n,
  l1Fee: 123_456_789n,
  logs: []
}
const transaction = { hash: HASH, from: PAYER, to: RECIPIENT, value: 5n, input: '0x', blockNumber: 10n }

function record(feePaid: bigint | null, capturedFee: bigint | null = null): TransactionRecord {
  return {
    tx: {
      hash: HASH,
      payoutId: 'PO-L2',
      purpose: 'payment',
      chainId: 10,
      from: PAYER,
      nonce: 0,
      raw: '0x',
      state: 'confirmed',
      blockNumber: 10n,
      feePaid
    },
    paid: [
      {
        row: 1,
        address: RECIPIENT,
        amount: 5n,
        name: '',
        reference: '',
        note: '',
        category: '',
        costCenter: '',
        txHash: HASH
      }
    ],
    asset: ETH,
    native: ETH,
    capturedFee
  }
}

describe('fees on a rollup', () => {
  it('count the L1 data fee the receipt reports on top of gas', () => {
    expect(receiptFee(receipt)).toBe(21_000n * 1_000_000n + 123_456_789n)
    expect(receiptFee({ ...receipt, l1Fee: undefined })).toBe(21_000_000_000n)
  })

  it('match when the recorded fee includes the L1 fee, and are a difference when it was left out', () => {
    const full = receiptFee(receipt)
    expect(compareTransaction(record(full, full), { receipt, transaction }).differences).toEqual([])
    const without = compareTransaction(record(21_000_000_000n), { receipt, transaction }).differences
    expect(without.map((d) => [d.code, d.expected, d.found])).toEqual([
      [DIFFERENCE.feeMismatch, '0.000000021 ETH', '0.000000021123456789 ETH']
    ])
    expect(without[0]!.message).toBe(
      'The fee in the journal differs from the receipt (gas 21000 x 1000000 + L1 fee 123456789).'
    )
  })
})
