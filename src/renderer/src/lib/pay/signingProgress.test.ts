// Runs in: Vitest (node). The signing dialog's walk-through: each transaction moves from waiting
// to signing, signed, sent, mined and confirmed (or failed) as main reports it.
import { describe, expect, it } from 'vitest'
import {
  confirmPrompt,
  failSigning,
  finishSigning,
  reduceProgress,
  shownScreen,
  startSigning,
  summarizeSigning,
  type ProgressEvent,
  type SigningState
} from './signingProgress'

const A = `0x${'a'.repeat(64)}`
const B = `0x${'b'.repeat(64)}`
const run = (state: SigningState, events: ProgressEvent[]): SigningState => events.reduce(reduceProgress, state)

describe('reduceProgress', () => {
  it('asks to confirm step k of n on the device while that step is being signed', () => {
    const s = run(startSigning('p1', 2), [{ type: 'signing', payoutId: 'p1', step: 0, screen: null }])
    expect(confirmPrompt(s)).toBe('Confirm 1 of 2 on your Ledger')
    const after = run(s, [
      { type: 'signed', payoutId: 'p1', step: 0, hash: A, nonce: 0 },
      { type: 'signing', payoutId: 'p1', step: 1, screen: null }
    ])
    expect(confirmPrompt(after)).toBe('Confirm 2 of 2 on your Ledger')
    expect(after.steps[0]).toMatchObject({ state: 'signed', hash: A })
  })

  it('shows each transaction’s device screen while the device asks, and the last one shown after', () => {
    const screen = (amount: string) => ({
      title: 'Review transaction',
      blind: false,
      fields: [{ label: 'Amount', value: amount }]
    })
    const first = run(startSigning('p1', 2), [{ type: 'signing', payoutId: 'p1', step: 0, screen: screen('1 ETH') }])
    expect(shownScreen(first)).toEqual({ step: 0, screen: screen('1 ETH'), waiting: true })
    const second = run(first, [
      { type: 'signed', payoutId: 'p1', step: 0, hash: A, nonce: 0 },
      { type: 'signing', payoutId: 'p1', step: 1, screen: screen('2 ETH') }
    ])
    expect(shownScreen(second)).toEqual({ step: 1, screen: screen('2 ETH'), waiting: true })
    const done = run(second, [{ type: 'signed', payoutId: 'p1', step: 1, hash: B, nonce: 1 }])
    expect(shownScreen(done)).toEqual({ step: 1, screen: screen('2 ETH'), waiting: false })
    expect(shownScreen(startSigning('p1', 1))).toBeNull()
  })

  it('follows a transaction by its hash through broadcast, mined and confirmed', () => {
    const s = run(startSigning('p1', 1), [
      { type: 'signing', payoutId: 'p1', step: 0, screen: null },
      { type: 'signed', payoutId: 'p1', step: 0, hash: A, nonce: 0 },
      { type: 'broadcast', payoutId: 'p1', hash: A },
      { type: 'mined', payoutId: 'p1', hash: A, blockNumber: '12' }
    ])
    expect(s.steps[0]).toMatchObject({ state: 'mined', message: 'Included in block 12' })
    expect(
      run(s, [{ type: 'confirmed', payoutId: 'p1', hash: A, paidItems: 1, failedItems: 0, uncheckedItems: 0 }]).steps[0]
        ?.state
    ).toBe('confirmed')
  })

  it('keeps the reason of a failed transaction and counts it', () => {
    const s = run(startSigning('p1', 2), [
      { type: 'signed', payoutId: 'p1', step: 0, hash: A, nonce: 0 },
      { type: 'signed', payoutId: 'p1', step: 1, hash: B, nonce: 0 },
      { type: 'confirmed', payoutId: 'p1', hash: A, paidItems: 1, failedItems: 0, uncheckedItems: 0 },
      { type: 'failed', payoutId: 'p1', hash: B, code: 'reverted', reason: 'Token transfer reverted' }
    ])
    expect(s.steps[1]).toMatchObject({ state: 'failed', message: 'Token transfer reverted' })
    const summary = summarizeSigning(
      finishSigning(s, { payoutId: 'p1', plan: 'per_recipient', signed: [A, B], stopped: null })
    )
    expect(summary).toEqual({ total: 2, signed: 2, confirmed: 1, failed: 1, settled: true })
  })

  it('ignores events of other payouts', () => {
    const s = startSigning('p1', 1)
    expect(reduceProgress(s, { type: 'signing', payoutId: 'p2', step: 0, screen: null })).toBe(s)
  })

  it('grows the step list when the plan turns out longer than quoted', () => {
    const s = run(startSigning('p1', 1), [{ type: 'signing', payoutId: 'p1', step: 2, screen: null }])
    expect(s.steps).toHaveLength(3)
    expect(confirmPrompt(s)).toBe('Confirm 3 of 3 on your Ledger')
  })

  it('follows a replacement to its new hash and sends a reorged transaction back to waiting for inclusion', () => {
    const s = run(startSigning('p1', 1), [
      { type: 'signed', payoutId: 'p1', step: 0, hash: A, nonce: 0 },
      { type: 'mined', payoutId: 'p1', hash: A, blockNumber: '3' },
      { type: 'reorged', payoutId: 'p1', hash: A }
    ])
    expect(s.steps[0]?.state).toBe('sent')
    const replaced = reduceProgress(s, { type: 'replaced', payoutId: 'p1', hash: A, byHash: B })
    expect(replaced.steps[0]?.hash).toBe(B)
  })
})

describe('outcome', () => {
  it('is not settled while executePayout has not answered or a signed transaction is still open', () => {
    const s = run(startSigning('p1', 1), [{ type: 'signed', payoutId: 'p1', step: 0, hash: A, nonce: 0 }])
    expect(summarizeSigning(s).settled).toBe(false)
    expect(
      summarizeSigning(finishSigning(s, { payoutId: 'p1', plan: 'batch', signed: [A], stopped: null })).settled
    ).toBe(false)
  })

  it('keeps the error when nothing could be signed', () => {
    const s = failSigning(startSigning('p1', 2), {
      code: 'ledger_rejected',
      message: 'You rejected the transaction on the Ledger.'
    })
    expect(s.outcome).toEqual({
      kind: 'error',
      code: 'ledger_rejected',
      message: 'You rejected the transaction on the Ledger.'
    })
    expect(summarizeSigning(s).settled).toBe(true)
  })
})
