// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). The payout page's approval and recipient safety panels against a
// stand-in bridge: what a person sees of a pending payout, and that the UI asks main (never
// decides itself) to acknowledge a look-alike or reject a payout.
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BridgeApi, PayoutDetail } from '../../../../shared/api'
import type { ApprovalReviewView, RecipientSafetyView } from '../../../../shared/approvals'
import { ApprovalSection } from './ApprovalSection'
import { RecipientSafety } from './RecipientSafety'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const DIGEST = '0x' + '0123456789abcdef'.repeat(4)
const SIGNATURE = '0x' + 'ab'.repeat(65)
const BORIS = '0x463e4e114AA57F54f2Fd2C3ec03572C6f75d84C2'
const KNOWN = '0x1234567890abcdef1234567890abcdef12345678'
const POISON = '0x1234ffffffffffffffffffffffffffffff345678'

function payout(status: PayoutDetail['status']): PayoutDetail {
  return {
    id: 'PO-1',
    kind: 'single',
    status,
    chainId: 31337,
    networkName: 'Local development',
    assetId: '31337:native',
    assetSymbol: 'ETH',
    decimals: 18,
    totalBaseUnits: '1000000000000000000',
    recipientCount: 1,
    errorCount: 0,
    warningCount: 0,
    description: 'Rent',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    createdBy: 'Ana',
    source: { kind: 'app', name: '', externalId: null },
    itemCounts: { draft: 0, queued: 1, in_progress: 0, paid: 0, failed: 0, cancelled: 0 },
    items: [],
    itemsOffset: 0,
    timeline: [],
    allowed: { edit: false, cancel: true, submit: false }
  }
}

function review(patch: Partial<ApprovalReviewView> = {}): ApprovalReviewView {
  return {
    payoutId: 'PO-1',
    revision: 1,
    status: 'pending',
    digest: DIGEST,
    message: `Approve Treasury payout\nDigest ${DIGEST}`,
    creator: { name: 'Ana', address: null },
    payerAddress: null,
    threshold: 2,
    approvals: [
      {
        approverName: 'Boris',
        signer: BORIS,
        signature: SIGNATURE,
        source: 'device',
        approvedAt: '2026-01-01T00:00:00Z'
      }
    ],
    voidedApprovals: 0,
    remaining: 1,
    canStillApprove: [{ name: 'Carla', address: KNOWN }],
    ...patch
  }
}

let root: Root
let container: HTMLElement

function install(overrides: Partial<BridgeApi>): void {
  const bridge: Partial<BridgeApi> = {
    onEvent: () => () => undefined,
    listAccounts: async () => ({ ok: true, value: [] }),
    ...overrides
  }
  Object.defineProperty(window, 'treasury', { value: bridge, configurable: true, writable: true })
}

async function render(node: React.ReactNode): Promise<void> {
  await act(async () => root.render(node))
  await act(async () => new Promise((r) => setTimeout(r, 0)))
}

const byTestId = (id: string): HTMLElement | null => container.querySelector(`[data-testid="${id}"]`)

beforeEach(() => {
  container = document.createElement('div')
  document.body.append(container)
  root = createRoot(container)
})
afterEach(async () => {
  await act(async () => root.unmount())
  container.remove()
})

describe('approval section', () => {
  it('shows a pending payout’s grouped digest, the exact signed message, approvals so far and how many remain', async () => {
    install({ getApprovalReview: async () => ({ ok: true, value: review() }) })
    await render(<ApprovalSection payout={payout('pending')} />)
    expect(byTestId('approval-digest')?.textContent).toContain('0123 4567 89ab cdef')
    expect(byTestId('approval-message')?.textContent).toBe(`Approve Treasury payout\nDigest ${DIGEST}`)
    expect(byTestId('approval-count')?.textContent).toBe('1 of 2')
    expect(byTestId('approval-remaining')?.textContent).toBe('1 more needed')
    expect(byTestId('approval-signature')?.textContent).toBe(SIGNATURE)
    expect(byTestId('can-still-approve')?.textContent).toContain('Carla')
  })

  it('notes approvals voided by an edit even on a draft, and offers no approve action there', async () => {
    install({
      getApprovalReview: async () => ({
        ok: true,
        value: review({ status: 'draft', approvals: [], voidedApprovals: 2, remaining: 2 })
      })
    })
    await render(<ApprovalSection payout={payout('draft')} />)
    expect(byTestId('approvals-voided')?.textContent).toContain('2 approvals were voided')
    expect(byTestId('approve-on-ledger')).toBeNull()
  })

  it('shows nothing for a payout that never needed approval', async () => {
    install({ getApprovalReview: async () => ({ ok: true, value: review({ status: 'in_progress', approvals: [] }) }) })
    await render(<ApprovalSection payout={payout('in_progress')} />)
    expect(byTestId('approval-section')).toBeNull()
  })

  it('asks main to approve with the chosen account path', async () => {
    const approvePayout = vi.fn(async () => ({ ok: true as const, value: review({ remaining: 0 }) }))
    install({ getApprovalReview: async () => ({ ok: true, value: review() }), approvePayout })
    await render(<ApprovalSection payout={payout('pending')} />)
    const input = byTestId('approve-path') as HTMLInputElement
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set
      setter?.call(input, "44'/60'/1'/0/0")
      input.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await act(async () => byTestId('approve-on-ledger')?.click())
    expect(approvePayout).toHaveBeenCalledWith({ id: 'PO-1', accountPath: "44'/60'/1'/0/0" })
    expect(byTestId('approval-status')?.textContent).toContain('every approval it needs')
  })
})

describe('recipient safety panel', () => {
  const lookalikeRow: RecipientSafetyView = {
    row: 2,
    address: POISON,
    label: null,
    firstPayment: true,
    lookalikes: [{ address: KNOWN, label: 'Acme', source: 'address_book' }],
    acknowledged: false
  }

  it('explains why submitting is refused and clears it once the row is acknowledged through main', async () => {
    const acknowledgeLookalike = vi.fn(async () => ({
      ok: true as const,
      value: { ...lookalikeRow, acknowledged: true }
    }))
    install({ getRecipientSafety: async () => ({ ok: true, value: [lookalikeRow] }), acknowledgeLookalike })
    await render(<RecipientSafety payout={payout('draft')} />)
    expect(byTestId('safety-blocker')?.textContent).toContain('(row 2)')
    expect(container.querySelector('mark')?.textContent).toBe(POISON.slice(6, -6))
    await act(async () => byTestId('ack-lookalike-2')?.click())
    expect(acknowledgeLookalike).toHaveBeenCalledWith({ id: 'PO-1', row: 2 })
    expect(byTestId('safety-blocker')).toBeNull()
    expect(byTestId('lookalike-checked')).not.toBeNull()
  })

  it('is hidden once the payout is settled', async () => {
    const getRecipientSafety = vi.fn(async () => ({ ok: true as const, value: [lookalikeRow] }))
    install({ getRecipientSafety })
    await render(<RecipientSafety payout={payout('completed')} />)
    expect(byTestId('recipient-safety')).toBeNull()
    expect(getRecipientSafety).not.toHaveBeenCalled()
  })
})
