// Runs in: Vitest (node). A payout's transactions as the payment status lists them: what can be
// sped up or cancelled, which replaced which, the rows and fees of each.
import { describe, expect, it } from 'vitest'
import type { PayoutTransactionView } from '../../../../shared/execution'
import { describeTransactions, isReplaceable, totalFeePaid, txStateLabel } from './transactionList'

const FROM = '0x1111111111111111111111111111111111111111'
const hash = (c: string): string => `0x${c.repeat(64)}`

function tx(over: Partial<PayoutTransactionView> & Pick<PayoutTransactionView, 'hash'>): PayoutTransactionView {
  return {
    step: 0,
    purpose: 'payment',
    nonce: 7,
    from: FROM,
    state: 'broadcast',
    replaces: null,
    blockNumber: null,
    failure: null,
    feePaidBaseUnits: null,
    rows: 1,
    createdAt: '2026-03-01T10:00:00Z',
    ...over
  }
}

describe('isReplaceable', () => {
  it('offers speed up and cancel only for a transaction not yet mined', () => {
    for (const state of ['signed', 'broadcast'] as const)
      expect(isReplaceable(tx({ hash: hash('a'), state }), [tx({ hash: hash('a'), state })])).toBe(true)
    for (const state of ['mined', 'confirmed', 'failed', 'replaced'] as const)
      expect(isReplaceable(tx({ hash: hash('a'), state }), [tx({ hash: hash('a'), state })])).toBe(false)
  })

  it('offers them only on the newest live transaction of a nonce, since an older one already has a replacement', () => {
    const original = tx({ hash: hash('a') })
    const speedUp = tx({ hash: hash('b'), replaces: hash('a') })
    const all = [original, speedUp]
    expect(isReplaceable(original, all)).toBe(false)
    expect(isReplaceable(speedUp, all)).toBe(true)
  })

  it('does not confuse the same nonce from another sender', () => {
    const ours = tx({ hash: hash('a') })
    const other = tx({ hash: hash('b'), from: '0x2222222222222222222222222222222222222222' })
    expect(isReplaceable(ours, [ours, other])).toBe(true)
  })
})

describe('describeTransactions', () => {
  it('links each transaction to the loaded rows it pays, whatever the hash case', () => {
    const lines = describeTransactions(
      [tx({ hash: hash('a') }), tx({ hash: hash('b'), nonce: 8, rows: 2 })],
      [
        { row: 1, txHash: hash('a').toUpperCase().replace('0X', '0x') },
        { row: 2, txHash: hash('b') },
        { row: 3, txHash: hash('b') },
        { row: 4, txHash: null }
      ],
      'ETH'
    )
    expect(lines.map((l) => l.rowNumbers)).toEqual([[1], [2, 3]])
  })

  it('names the replacement of a replaced transaction and lets a cancel be sped up but not cancelled', () => {
    const lines = describeTransactions(
      [tx({ hash: hash('a'), state: 'replaced' }), tx({ hash: hash('b'), purpose: 'cancel', replaces: hash('a') })],
      [],
      'ETH'
    )
    expect(lines[0]?.replacedBy).toBe(hash('b'))
    expect(lines[0]?.canReplace).toBe(false)
    expect(lines[1]?.canReplace).toBe(true)
    expect(lines[1]?.canCancel).toBe(false)
    expect(lines[1]?.purpose).toBe('Cancel (0 to self)')
  })

  it('shows the fee paid rounded up to six decimals, with every digit kept for the tooltip', () => {
    const [line] = describeTransactions(
      [tx({ hash: hash('a'), state: 'confirmed', feePaidBaseUnits: '42000000001' })],
      [],
      'ETH'
    )
    expect(line?.feeText).toBe('≈ 0.000001 ETH')
    expect(line?.feeExact).toBe('0.000000042000000001 ETH')
    expect(line?.tone).toBe('ok')
  })

  it('shows no fee for a transaction not mined yet', () => {
    expect(describeTransactions([tx({ hash: hash('a') })], [], 'ETH')[0]?.feeText).toBeNull()
  })
})

describe('txStateLabel', () => {
  it('marks failed transactions as errors and confirmed ones as done', () => {
    expect(txStateLabel('failed').tone).toBe('error')
    expect(txStateLabel('confirmed')).toEqual({ label: 'Confirmed', tone: 'ok' })
  })
})

describe('totalFeePaid', () => {
  it('adds the exact fees of mined transactions in base units, skipping those without one', () => {
    expect(
      totalFeePaid([
        { feePaidBaseUnits: '123456789012345678901' },
        { feePaidBaseUnits: null },
        { feePaidBaseUnits: '1' }
      ])
    ).toBe(123456789012345678902n)
  })
})
