// Runs in: tests (plain Node, Vitest). The Transaction Builder batch file: its checksum computed as
// Safe{Wallet}'s Transaction Builder does (checked against the value its own test publishes for a
// known batch, safe-global/safe-react-apps apps/tx-builder/src/lib/checksum.test.js), and the
// calls of a Safe transaction written back as the rows they pay.
import { Wallet, id } from 'ethers'
import { describe, expect, it } from 'vitest'
import type { PaymentRow, PlanAsset } from '../chain/planTypes'
import { erc20Interface } from '../chain/batchContract'
import { SAFE_ROUTE, chunkCall } from './plan'
import { batchChecksum, builderTransactions, serializeForChecksum, transactionBuilderBatch } from './txBuilder'

/** The batch of the Transaction Builder's own checksum test, and the checksum it expects. */
const publishedBatch = {
  version: '1.0',
  chainId: '4',
  createdAt: 1646321521061,
  meta: {
    name: 'test batch file',
    txBuilderVersion: '1.4.0',
    checksum: '',
    createdFromSafeAddress: '0xDF8a1Ce35c9a6ACE153B4e0767942f1E2291a1Aa',
    createdFromOwnerAddress: '0x49d4450977E2c95362C13D3a31a09311E0Ea26A6'
  },
  transactions: [
    {
      to: '0x49d4450977E2c95362C13D3a31a09311E0Ea26A6',
      value: '0',
      contractMethod: {
        inputs: [{ internalType: 'address', name: 'paramAddress', type: 'address' }],
        name: 'testAddress',
        payable: false
      },
      contractInputsValues: { paramAddress: '0x49d4450977E2c95362C13D3a31a09311E0Ea26A6' }
    },
    {
      to: '0x49d4450977E2c95362C13D3a31a09311E0Ea26A6',
      value: '0',
      contractMethod: {
        inputs: [{ internalType: 'bool', name: 'paramBool', type: 'bool' }],
        name: 'testBool',
        payable: false
      },
      contractInputsValues: { paramAddress: '', paramBool: 'false' }
    },
    {
      to: '0x49d4450977E2c95362C13D3a31a09311E0Ea26A6',
      value: '2000000000000000000',
      data: '0x42f4579000000000000000000000000049d4450977e2c95362c13d3a31a09311e0ea26a6'
    }
  ]
}
const PUBLISHED_CHECKSUM = '0x4ecbfd364aa6759983915644e73f8bd411e85a2dc306f252a387c2728c4db64c'

const addr = (tag: string) => new Wallet(id(tag)).address
const token: PlanAsset = {
  kind: 'erc20',
  address: addr('token'),
  symbol: 'TUSD',
  decimals: 6,
  transferReturnsNoValue: false,
  clearSigned: false
}
const rows: PaymentRow[] = [1, 2, 3].map((i) => ({
  itemId: `P#${i}`,
  row: i,
  to: addr(`r${i}`),
  amount: BigInt(i) * 10n ** 6n
}))

describe('the Transaction Builder checksum', () => {
  it('equals the checksum the Transaction Builder publishes for its test batch', () => {
    expect(batchChecksum(publishedBatch)).toBe(PUBLISHED_CHECKSUM)
  })

  it('ignores key order and the batch name, and changes with the transactions', () => {
    const reversed = Object.fromEntries(Object.entries(publishedBatch).reverse())
    expect(batchChecksum(reversed as typeof publishedBatch)).toBe(PUBLISHED_CHECKSUM)
    expect(batchChecksum({ ...publishedBatch, meta: { ...publishedBatch.meta, name: 'renamed' } })).toBe(
      PUBLISHED_CHECKSUM
    )
    expect(batchChecksum({ ...publishedBatch, transactions: [...publishedBatch.transactions].reverse() })).not.toBe(
      PUBLISHED_CHECKSUM
    )
  })

  it('serialises objects with their sorted key list first', () => {
    expect(serializeForChecksum({ b: 1, a: [true, null] })).toBe('{["a","b"][true,null],1,}')
  })
})

describe('a payout Safe transaction as a Transaction Builder batch', () => {
  it('lists one call per row, with decimal values, and a checksum the Transaction Builder validates', () => {
    const safe = addr('safe')
    const safeTx = { ...chunkCall(SAFE_ROUTE.transfers, token, rows, addr('multisend'), undefined), nonce: 4n }
    const file = transactionBuilderBatch({
      chainId: 1n,
      safe,
      safeTx,
      rows,
      asset: token,
      payoutId: 'PO-7',
      index: 0,
      of: 2,
      createdAt: new Date('2026-12-01T10:00:00Z')
    })
    expect(file).toMatchObject({ version: '1.0', chainId: '1', createdAt: Date.parse('2026-12-01T10:00:00Z') })
    expect(file.meta).toMatchObject({ name: 'Treasury payout PO-7 (1 of 2)', createdFromSafeAddress: safe })
    expect(file.transactions).toHaveLength(3)
    expect(file.transactions).toEqual(
      rows.map((r) => ({
        to: token.kind === 'erc20' ? token.address : '',
        value: '0',
        data: erc20Interface.encodeFunctionData('transfer', [r.to, r.amount]).toLowerCase()
      }))
    )
    // What the Transaction Builder's validateChecksum does: drop the checksum, compute again.
    const { checksum, ...meta } = file.meta
    expect(batchChecksum({ ...file, meta })).toBe(checksum)
    expect(builderTransactions({ ...safeTx, operation: 0, to: rows[0]!.to, value: 5n, data: '0x' })).toEqual([
      { to: rows[0]!.to, value: '5', data: '0x' }
    ])
  })
})
