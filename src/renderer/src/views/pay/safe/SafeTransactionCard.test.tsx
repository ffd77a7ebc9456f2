// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). One Safe transaction's card: where it stands in words (waiting,
// ready to execute) and what the desk can do with it, a cancellation included: it travels to the
// other owners by file like a payment.
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SafePayoutView, SafeSignatureView, SafeTransactionView } from '../../../../../shared/safe'
import { installBridge, mountPoint, type Mounted } from '../../../testing/mount'
import { SafeTransactionCard } from './SafeTransactionCard'

const OWNER = '0x5B38Da6a701c568545dCfcB03FcB875f56beddC4'

function tx(patch: Partial<SafeTransactionView> = {}): SafeTransactionView {
  return {
    safeTxHash: '0x' + '11'.repeat(32),
    purpose: 'payment',
    position: 0,
    of: 1,
    nonce: '4',
    to: OWNER,
    valueBaseUnits: '0',
    operation: 0,
    dataBytes: 68,
    rowCount: 1,
    totalBaseUnits: '5000000',
    rows: [{ row: 1, to: OWNER, amountBaseUnits: '5000000' }],
    state: 'awaiting_signatures',
    explanation: null,
    pairedWith: null,
    executionHash: null,
    signatures: [],
    threshold: 2,
    domainHash: '0x' + '22'.repeat(32),
    messageHash: '0x' + '33'.repeat(32),
    ...patch
  }
}

const view = (
  t: SafeTransactionView,
  others: readonly SafeTransactionView[] = [],
  origin: SafePayoutView['origin'] = 'planned'
): SafePayoutView => ({
  payoutId: 'PO-1',
  origin,
  chainId: 1,
  safe: '0x' + 'ab'.repeat(20),
  safeId: 'safe-1',
  assetSymbol: 'USDC',
  decimals: 6,
  threshold: 2,
  owners: [{ address: OWNER, name: 'Ana' }],
  safeNonce: '4',
  transactions: [t, ...others],
  replanNeeded: null
})

const signed = (signer: string): SafeSignatureView => ({
  signer,
  name: null,
  signature: '0x' + '44'.repeat(65),
  mode: 'full',
  source: 'device',
  sourceFile: null,
  signedAt: '2026-12-06T10:00:00Z'
})

let m: Mounted
beforeEach(() => {
  m = mountPoint()
  installBridge({})
})
afterEach(() => m.unmount())

async function show(
  t: SafeTransactionView,
  onAction = vi.fn(),
  others: readonly SafeTransactionView[] = [],
  origin: SafePayoutView['origin'] = 'planned'
): Promise<typeof onAction> {
  await m.render(
    <SafeTransactionCard
      view={view(t, others, origin)}
      tx={t}
      busy={null}
      onAction={onAction}
      onExportSignature={() => undefined}
    />
  )
  return onAction
}

describe('a Safe transaction card', () => {
  it('says it waits for owners until the threshold is met, then that it is ready to execute', async () => {
    await show(tx({ signatures: [signed(OWNER)] }))
    expect(m.byTestId('safe-tx-state')?.textContent).toBe('Waiting for owner signatures')
    expect((m.byTestId('safe-execute') as HTMLButtonElement).disabled).toBe(true)
    await show(tx({ signatures: [signed(OWNER), signed('0x' + 'cd'.repeat(20))] }))
    expect(m.byTestId('safe-tx-state')?.textContent).toBe('Ready to execute')
    expect((m.byTestId('safe-execute') as HTMLButtonElement).disabled).toBe(false)
  })

  it('lets a cancellation go to the other owners and their signatures come back, as a payment does', async () => {
    const cancel = tx({ purpose: 'cancel', rowCount: 0, totalBaseUnits: '0', signatures: [signed(OWNER)] })
    const onAction = await show(cancel)
    expect(m.container.textContent).toContain('Cancellation')
    expect(m.byTestId('safe-import-signature')).not.toBeNull()
    expect(m.byTestId('safe-export-signature')).not.toBeNull()
    expect(m.byTestId('safe-cancel')).toBeNull() // a cancellation is not cancelled in turn
    await act(async () => m.byTestId('safe-export')?.click())
    expect(onAction).toHaveBeenCalledWith('export', cancel)
  })

  it('offers no second cancellation once one of the same number waits for owners', async () => {
    await show(tx())
    expect(m.byTestId('safe-cancel')).not.toBeNull()
    const cancel = tx({ purpose: 'cancel', safeTxHash: '0x' + '44'.repeat(32), rowCount: 0, totalBaseUnits: '0' })
    await show(tx(), vi.fn(), [cancel])
    expect(m.byTestId('safe-cancel')).toBeNull()
  })

  it('says what a cancellation stops by its number, the payment’s hash short beside the sentence and copied whole', async () => {
    const payment = '0x' + '55'.repeat(32)
    await show(
      tx({
        purpose: 'cancel',
        explanation:
          'Cancels the payment with Safe transaction number 4 once the owners sign it and it is executed: that payment can then never run.',
        pairedWith: payment
      })
    )
    const explanation = m.byTestId('safe-tx-explanation')
    expect(explanation?.textContent).toContain('Safe transaction number 4')
    expect(explanation?.textContent).not.toContain(payment)
    const paired = m.byTestId('safe-tx-paired')
    expect(paired?.textContent).toBe('0x555555…555555')
    expect(paired?.getAttribute('data-address')).toBe(payment)
  })

  it('lists every row it pays, open on an owner’s desk and folded where it was planned', async () => {
    const rows = [
      { row: 1, to: OWNER, amountBaseUnits: '5000000' },
      { row: 2, to: '0x' + 'cd'.repeat(20), amountBaseUnits: '2500000' }
    ]
    await show(tx({ rows, rowCount: 2, totalBaseUnits: '7500000' }), vi.fn(), [], 'imported')
    const list = m.byTestId('safe-tx-recipients') as HTMLDetailsElement
    expect(list.open).toBe(true)
    const shown = [...list.querySelectorAll('[data-testid="safe-tx-recipient"]')].map((r) => r.textContent)
    expect(shown).toEqual([expect.stringMatching(/^1.*5\.00/), expect.stringMatching(/^2.*2\.50/)])
    expect(shown[0]).toContain(OWNER)
    await show(tx({ rows, rowCount: 2, totalBaseUnits: '7500000' }))
    expect((m.byTestId('safe-tx-recipients') as HTMLDetailsElement).open).toBe(false)
  })
})
