import { describe, expect, it } from 'vitest'
import type { PayoutItem } from '../../../../shared/api'
import type { PayoutTransactionView } from '../../../../shared/execution'
import { checkSteps, leftAllowance, reasonProblem, rowsToCheck, MAX_CHECK_REASON } from './uncertainRows'

const item = (row: number, status: PayoutItem['status'], txHash: string | null): PayoutItem => ({
  row,
  address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  amount: '1',
  amountBaseUnits: '1',
  name: '',
  reference: '',
  note: '',
  category: '',
  costCenter: '',
  status,
  issues: [],
  txHash,
  failure: null
})

const tx = (
  purpose: PayoutTransactionView['purpose'],
  state: PayoutTransactionView['state']
): PayoutTransactionView => ({
  hash: `0x${purpose.length.toString(16).padStart(64, '0')}`,
  step: 0,
  purpose,
  nonce: 1,
  from: '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  state,
  replaces: null,
  blockNumber: null,
  failure: null,
  feePaidBaseUnits: null,
  rows: 0,
  createdAt: '2026-01-01T00:00:00.000Z'
})

describe('rows that need checking', () => {
  it('lists only rows needing checking that name their transaction', () => {
    const rows = rowsToCheck([item(1, 'paid', '0xa'), item(2, 'needs_check', '0xb'), item(3, 'needs_check', null)])
    expect(rows.map((r) => [r.row, r.txHash])).toEqual([[2, '0xb']])
  })

  it('says what to look up, when to do nothing, and what confirming risks', () => {
    const steps = checkSteps(7)
    expect(steps[0]).toContain('row 7')
    expect(steps[1]).toContain('do nothing')
    expect(steps[2]).toContain('paid twice')
  })

  it('needs a reason, within the length main keeps', () => {
    expect(reasonProblem('  ')).toMatch(/Say why/)
    expect(reasonProblem('x'.repeat(MAX_CHECK_REASON + 1))).toMatch(/under/)
    expect(reasonProblem('Explorer: dropped')).toBeNull()
  })
})

describe('the allowance a cancelled payout left', () => {
  it('is offered for a confirmed approval, not for one that failed or was already revoked', () => {
    expect(leftAllowance([tx('approve', 'confirmed')])?.purpose).toBe('approve')
    expect(leftAllowance([tx('approve', 'failed')])).toBeNull()
    expect(leftAllowance([tx('approve', 'confirmed'), tx('revoke', 'broadcast')])).toBeNull()
    expect(leftAllowance([tx('approve', 'confirmed'), tx('revoke', 'failed')])?.purpose).toBe('approve')
    expect(leftAllowance([tx('payment', 'confirmed')])).toBeNull()
  })
})
