import { describe, expect, it } from 'vitest'
import type { PayoutItem } from '../../../../shared/api'
import type { PayoutTransactionView } from '../../../../shared/execution'
import { amountTotal, feesPaid, reportRows } from './reportModel'

const HASH_A = '0x' + 'a'.repeat(64)
const HASH_B = '0x' + 'b'.repeat(64)

function item(row: number, patch: Partial<PayoutItem> = {}): PayoutItem {
  return {
    row,
    address: `0x${String(row).padStart(40, '0')}`,
    amount: '1',
    amountBaseUnits: '1000000',
    name: '',
    reference: '',
    note: '',
    category: '',
    costCenter: '',
    status: 'paid',
    issues: [],
    txHash: null,
    failure: null,
    ...patch
  }
}
function tx(hash: string, patch: Partial<PayoutTransactionView> = {}): PayoutTransactionView {
  return {
    hash,
    step: 1,
    purpose: 'payment',
    nonce: 0,
    from: '0x' + '1'.repeat(40),
    state: 'confirmed',
    replaces: null,
    blockNumber: '12',
    failure: null,
    feePaidBaseUnits: '21000000000000',
    rows: 1,
    createdAt: '2026-01-01T00:00:00Z',
    ...patch
  }
}

describe('payout report figures', () => {
  it('pairs each row with the transaction that paid it, whatever the hash case', () => {
    const rows = reportRows(
      [item(1, { txHash: HASH_A.toUpperCase().replace('0X', '0x') }), item(2, { txHash: null })],
      [tx(HASH_A)]
    )
    expect(rows[0]?.transaction?.blockNumber).toBe('12')
    expect(rows[1]?.transaction).toBeNull()
  })

  it('sums fees exactly in bigint and counts transactions whose fee is not known yet', () => {
    const fees = feesPaid([
      tx(HASH_A, { feePaidBaseUnits: '900719925474099300' }),
      tx(HASH_B, { feePaidBaseUnits: '900719925474099300' }),
      tx(HASH_B, { feePaidBaseUnits: null })
    ])
    expect(fees.totalBaseUnits).toBe(1801439850948198600n)
    expect(fees.unknown).toBe(1)
  })

  it('totals the rows amounts in base units, skipping rows without a valid amount', () => {
    expect(
      amountTotal([
        item(1, { amountBaseUnits: '9007199254740993' }),
        item(2, { amountBaseUnits: '7' }),
        item(3, { amountBaseUnits: null })
      ])
    ).toBe(9007199254741000n)
  })
})
