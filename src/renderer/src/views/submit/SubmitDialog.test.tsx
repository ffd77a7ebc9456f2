// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). The submission confirmation against a stand-in bridge: every warning
// kind listed with its rows and acknowledged one by one before Submit is offered, the approval it
// will need, who signs, and main's refusal shown in place.
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BridgeApi, PayoutDetail } from '../../../../shared/api'
import type { SubmissionReviewView } from '../../../../shared/approvals'
import { installBridge, mountPoint, type Mounted } from '../../testing/mount'
import { SubmitDialog } from './SubmitDialog'

const PAYER = '0x5B38Da6a701c568545dCfcB03FcB875f56beddC4'

function review(patch: Partial<SubmissionReviewView> = {}): SubmissionReviewView {
  return {
    payoutId: 'PO-1',
    revision: 1,
    totalBaseUnits: '1575000000',
    recipients: 3,
    assetSymbol: 'USDC',
    decimals: 6,
    networkName: 'Ethereum',
    warnings: [
      { kind: 'duplicate_address', title: 'Same address on several rows', advice: 'Check each.', rows: [1, 2] },
      {
        kind: 'no_checksum',
        title: 'Addresses without a checksum',
        advice: 'Compare.',
        rows: Array.from({ length: 30 }, (_, i) => i + 3)
      }
    ],
    approval: { required: true, threshold: 1, unsignedNeeds: 2 },
    policy: { sequence: 2, hash: '0x' + 'ab'.repeat(32) },
    signing: 'required',
    payerRequired: false,
    ...patch
  }
}

let m: Mounted

/** The bridge of these tests: Ledger Live account 0 reads as the payer. */
function install(overrides: Partial<BridgeApi>): void {
  installBridge({
    listAccounts: async ({ scheme }) => ({
      ok: true,
      value: scheme === 'ledgerLive' ? [{ scheme, index: 0, path: "44'/60'/0'/0/0", address: PAYER }] : []
    }),
    ...overrides
  })
}

const render = (node: React.ReactNode): Promise<void> => m.render(node)
const byTestId = (id: string): HTMLElement | null => m.byTestId(id)
const submitButton = (): HTMLButtonElement => byTestId('submit-confirm') as HTMLButtonElement

beforeEach(() => {
  m = mountPoint()
})
afterEach(() => m.unmount())

describe('submission confirmation', () => {
  it('lists each warning kind with its rows, collapses a long list, and offers Submit only once every kind is acknowledged', async () => {
    const submitPayout = vi.fn(async () => ({ ok: true as const, value: { id: 'PO-1' } as PayoutDetail }))
    install({ reviewSubmission: async () => ({ ok: true, value: review() }), submitPayout })
    const onSubmitted = vi.fn()
    await render(
      <SubmitDialog open payout={{ id: 'PO-1', chainId: 1 }} onClose={() => undefined} onSubmitted={onSubmitted} />
    )
    const groups = m.container.querySelectorAll('[data-testid="submit-warning"]')
    expect([...groups].map((g) => g.getAttribute('data-kind'))).toEqual(['duplicate_address', 'no_checksum'])
    expect(groups[1]?.textContent).toContain('and 18 more rows')
    expect(byTestId('submit-total')?.textContent).toContain('1,575.00')
    expect(byTestId('submit-approval')?.textContent).toBe(
      'It waits for 1 approval (team policy version 2) before it can be paid.'
    )
    expect(submitButton().disabled).toBe(true)
    await act(async () => byTestId('ack-duplicate_address')?.click())
    expect(submitButton().disabled).toBe(true)
    expect(byTestId('submit-blockers')?.textContent).toContain('addresses without a checksum')
    await act(async () => byTestId('ack-no_checksum')?.click())
    expect(submitButton().disabled).toBe(false)
    await act(async () => submitButton().click())
    expect(submitPayout).toHaveBeenCalledWith({
      id: 'PO-1',
      acknowledged: ['duplicate_address', 'no_checksum'],
      accountPath: "44'/60'/0'/0/0",
      payerAddress: null
    })
    expect(onSubmitted).toHaveBeenCalled()
  })

  it('rows that fit on screen are ticked one by one, and the kind counts only once every row is ticked', async () => {
    const submitPayout = vi.fn(async () => ({ ok: true as const, value: { id: 'PO-1' } as PayoutDetail }))
    const firstPayments = {
      kind: 'first_payment' as const,
      title: 'First payment to these addresses',
      advice: 'Confirm each new payee.',
      rows: [4, 7, 9]
    }
    install({
      reviewSubmission: async () => ({ ok: true, value: review({ warnings: [firstPayments] }) }),
      submitPayout
    })
    await render(
      <SubmitDialog open payout={{ id: 'PO-1', chainId: 1 }} onClose={() => undefined} onSubmitted={() => undefined} />
    )
    const kindBox = (): HTMLInputElement => byTestId('ack-first_payment') as HTMLInputElement
    const rowBox = (row: number): HTMLInputElement => byTestId(`ack-first_payment-row-${row}`) as HTMLInputElement
    await act(async () => rowBox(4).click())
    await act(async () => rowBox(9).click())
    expect(kindBox().checked).toBe(false)
    expect(kindBox().indeterminate).toBe(true)
    expect(byTestId('ack-first_payment-progress')?.textContent).toBe('(2 of 3 ticked)')
    expect(submitButton().disabled).toBe(true)
    await act(async () => rowBox(7).click())
    expect(kindBox().checked).toBe(true)
    expect(submitButton().disabled).toBe(false)
    // Unticking a row takes the acknowledgement back; the kind's box then ticks every row at once.
    await act(async () => rowBox(9).click())
    expect(submitButton().disabled).toBe(true)
    await act(async () => kindBox().click())
    expect([4, 7, 9].map((r) => rowBox(r).checked)).toEqual([true, true, true])
    await act(async () => submitButton().click())
    expect(submitPayout).toHaveBeenCalledWith(expect.objectContaining({ acknowledged: ['first_payment'] }))
  })

  it('asks explicitly for "submit unsigned" where the policy allows it, and says it then needs two approvers', async () => {
    const submitPayout = vi.fn(async () => ({ ok: true as const, value: { id: 'PO-1' } as PayoutDetail }))
    install({
      reviewSubmission: async () => ({ ok: true, value: review({ warnings: [], signing: 'optional' }) }),
      submitPayout
    })
    await render(
      <SubmitDialog open payout={{ id: 'PO-1', chainId: 1 }} onClose={() => undefined} onSubmitted={() => undefined} />
    )
    expect(submitButton().disabled).toBe(true)
    await act(async () => byTestId('submit-unsigned')?.click())
    expect(byTestId('submit-approval')?.textContent).toContain('An unsigned submission needs two approvers.')
    await act(async () => submitButton().click())
    expect(submitPayout).toHaveBeenCalledWith({ id: 'PO-1', acknowledged: [], accountPath: null, payerAddress: null })
  })

  it('sends the paying account read from the Ledger when approvers approve one', async () => {
    const submitPayout = vi.fn(async () => ({ ok: true as const, value: { id: 'PO-1' } as PayoutDetail }))
    install({
      reviewSubmission: async () => ({ ok: true, value: review({ warnings: [], payerRequired: true }) }),
      submitPayout
    })
    await render(
      <SubmitDialog open payout={{ id: 'PO-1', chainId: 1 }} onClose={() => undefined} onSubmitted={() => undefined} />
    )
    await act(async () => new Promise((r) => setTimeout(r, 0)))
    expect(byTestId('payer-address')?.textContent).toBe(PAYER)
    await act(async () => submitButton().click())
    expect(submitPayout).toHaveBeenCalledWith(expect.objectContaining({ payerAddress: PAYER }))
  })

  it('names one of the desk’s Safes on the payout’s network as the paying account when chosen', async () => {
    const safe = '0x' + 'ab'.repeat(20)
    const owners = [
      { address: PAYER, name: 'Ana' },
      { address: '0x' + 'cd'.repeat(20), name: null }
    ]
    const account = { chainId: 1, address: safe, threshold: 2, owners, id: `1:${safe}` }
    const elsewhere = { ...account, chainId: 10, address: '0x' + 'ef'.repeat(20), id: 'other' }
    const submitPayout = vi.fn(async () => ({ ok: true as const, value: { id: 'PO-1' } as PayoutDetail }))
    install({
      reviewSubmission: async () => ({ ok: true, value: review({ warnings: [], payerRequired: true }) }),
      listSafeAccounts: async () => ({ ok: true, value: [account, elsewhere] as never }),
      submitPayout
    })
    await render(
      <SubmitDialog open payout={{ id: 'PO-1', chainId: 1 }} onClose={() => undefined} onSubmitted={() => undefined} />
    )
    await act(async () => new Promise((r) => setTimeout(r, 0)))
    expect((byTestId('submit-payer-ledger') as HTMLInputElement).checked).toBe(true)
    await act(async () => byTestId('submit-payer-safe')?.click())
    const choice = byTestId('submit-payer-safe-choice') as HTMLSelectElement
    expect([...choice.options].map((o) => o.value)).toEqual([safe])
    expect(byTestId('submit-payer-safe-owners')?.textContent).toContain('2 of its 2 owners (Ana, 0xcdcdcd…)')
    await act(async () => submitButton().click())
    expect(submitPayout).toHaveBeenCalledWith(expect.objectContaining({ payerAddress: safe }))
  })

  it('shows main’s refusal in place and keeps the dialog open', async () => {
    install({
      reviewSubmission: async () => ({ ok: true, value: review({ warnings: [] }) }),
      submitPayout: async () => ({
        ok: false,
        error: { code: 'submitter_not_member', message: 'Not a member of the team policy.' }
      })
    })
    const onSubmitted = vi.fn()
    await render(
      <SubmitDialog open payout={{ id: 'PO-1', chainId: 1 }} onClose={() => undefined} onSubmitted={onSubmitted} />
    )
    await act(async () => submitButton().click())
    expect(byTestId('error-alert')?.getAttribute('data-code')).toBe('submitter_not_member')
    expect(onSubmitted).not.toHaveBeenCalled()
    expect(byTestId('submit-review')).not.toBeNull()
  })
})
