// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). The payout page's approval and recipient safety panels against a
// stand-in bridge: what a person sees of a pending payout (submitter, payer, policy version,
// acknowledged warnings, approvals, a rejection), and that the UI asks main (never decides itself)
// to approve, reject with a signed reason, or acknowledge a look-alike.
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BridgeApi, PayoutDetail } from '../../../../shared/api'
import type { ApprovalReviewView, RecipientSafetyView } from '../../../../shared/approvals'
import { installBridge, mountPoint, typeInto as type, type Mounted } from '../../testing/mount'
import { summary } from '../../testing/payoutSummary'
import { ApprovalSection } from './ApprovalSection'
import { RecipientSafety } from './RecipientSafety'

const DIGEST = '0x' + '0123456789abcdef'.repeat(4)
const SIGNATURE = '0x' + 'ab'.repeat(65)
const BORIS = '0x463e4e114AA57F54f2Fd2C3ec03572C6f75d84C2'
const KNOWN = '0x1234567890abcdef1234567890abcdef12345678'
const POISON = '0x1234ffffffffffffffffffffffffffffff345678'
const ANA = '0x9aF2b0e4C1A3c6c9bA2E0a5d1D4a7E3f7b6C2d11'
const PAYER = '0x5B38Da6a701c568545dCfcB03FcB875f56beddC4'

function payout(status: PayoutDetail['status']): PayoutDetail {
  return {
    ...summary('PO-1', 'single', status, {
      chainId: 31337,
      networkName: 'Local development',
      assetId: '31337:native',
      description: 'Rent',
      createdBy: 'Ana'
    }),
    itemCounts: { draft: 0, queued: 1, in_progress: 0, needs_check: 0, paid: 0, failed: 0, cancelled: 0 },
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
    creator: { name: 'Ana', address: ANA },
    payerAddress: PAYER,
    policy: { sequence: 3, hash: '0x' + 'cd'.repeat(32) },
    acknowledgements: [
      { kind: 'duplicate_address', rows: [1, 2] },
      { kind: 'no_checksum', rows: [3, 4, 5] }
    ],
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
    canStillApprove: [{ name: 'Carla', address: KNOWN, approver: true }],
    rejection: null,
    ...patch
  }
}

let m: Mounted

function install(overrides: Partial<BridgeApi>): void {
  installBridge({ listAccounts: async () => ({ ok: true, value: [] }), ...overrides })
}

const render = (node: React.ReactNode): Promise<void> => m.render(node)
const byTestId = (id: string): HTMLElement | null => m.byTestId(id)

beforeEach(() => {
  m = mountPoint()
})
afterEach(() => m.unmount())

describe('approval section', () => {
  it('shows a pending payout’s grouped digest, approvals so far and how many remain', async () => {
    install({ getApprovalReview: async () => ({ ok: true, value: review() }) })
    await render(<ApprovalSection payout={payout('pending')} />)
    expect(byTestId('approval-digest')?.textContent).toContain('0123 4567 89ab cdef')
    expect(byTestId('approval-count')?.textContent).toBe('1 of 2')
    expect(byTestId('approval-remaining')?.textContent).toBe('1 more needed')
    expect(byTestId('approval-signature')?.textContent).toBe(SIGNATURE)
    expect(byTestId('can-still-approve')?.textContent).toContain('Carla')
  })

  it('shows who submitted it, the account it is to be paid from, the policy version and each acknowledged warning', async () => {
    install({ getApprovalReview: async () => ({ ok: true, value: review() }) })
    await render(<ApprovalSection payout={payout('pending')} />)
    expect(byTestId('submitted-by')?.textContent).toContain('Ana')
    expect(byTestId('submitter-address')?.getAttribute('data-address')).toBe(ANA)
    expect(byTestId('payer-address-approved')?.getAttribute('data-address')).toBe(PAYER)
    expect(byTestId('submission-policy')?.textContent).toContain('Version 3')
    const acks = [...m.container.querySelectorAll('[data-testid="acknowledgement"]')].map((e) => e.textContent)
    expect(acks).toEqual(['Same address on several rows: rows 1, 2', 'Addresses without a checksum: rows 3–5'])
  })

  it('says plainly when a submission was unsigned', async () => {
    install({
      getApprovalReview: async () => ({
        ok: true,
        value: review({ creator: { name: 'Unsigned submission', address: null } })
      })
    })
    await render(<ApprovalSection payout={payout('pending')} />)
    expect(byTestId('submitted-by')?.textContent).toContain('Unsigned submission')
  })

  it('shows a rejection with who rejected it and the reason they signed, after the payout is cancelled', async () => {
    const rejection = { signer: BORIS, name: 'Boris', reason: 'Invoice already paid', at: '2026-01-02T00:00:00Z' }
    install({
      getApprovalReview: async () => ({ ok: true, value: review({ status: 'cancelled', approvals: [], rejection }) })
    })
    await render(<ApprovalSection payout={payout('cancelled')} />)
    expect(byTestId('rejection')?.textContent).toContain('Rejected by Boris')
    expect(byTestId('rejection-reason')?.textContent).toBe('“Invoice already paid”')
    expect(byTestId('approve-on-ledger')).toBeNull()
  })

  it('rejects only with a reason, signed with the chosen account path', async () => {
    const rejectPayout = vi.fn(async () => ({ ok: true as const, value: review({ status: 'cancelled' }) }))
    install({ getApprovalReview: async () => ({ ok: true, value: review() }), rejectPayout })
    await render(<ApprovalSection payout={payout('pending')} />)
    await act(async () => byTestId('reject-payout')?.click())
    const dialog = byTestId('reject-dialog')!
    const submit = dialog.querySelector<HTMLButtonElement>('[data-testid="confirm-reject"]')!
    await act(async () => submit.click())
    expect(rejectPayout).not.toHaveBeenCalled()
    expect(dialog.textContent).toContain('Say why')
    await act(async () => {
      type(dialog.querySelector('[data-testid="reject-reason"]') as HTMLTextAreaElement, 'Paid twice')
      type(dialog.querySelector('[data-testid="reject-path"]') as HTMLInputElement, "44'/60'/1'/0/0")
    })
    await act(async () => submit.click())
    expect(rejectPayout).toHaveBeenCalledWith({ id: 'PO-1', accountPath: "44'/60'/1'/0/0", reason: 'Paid twice' })
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
    await act(async () => type(byTestId('approve-path') as HTMLInputElement, "44'/60'/1'/0/0"))
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
    expect(m.container.querySelector('mark')?.textContent).toBe(POISON.slice(6, -6))
    await act(async () => byTestId('ack-lookalike-2')?.click())
    expect(acknowledgeLookalike).toHaveBeenCalledWith({ id: 'PO-1', row: 2 })
    expect(byTestId('safety-blocker')).toBeNull()
    expect(byTestId('lookalike-checked')).not.toBeNull()
  })

  it('is folded once submitted with nothing blocking, so paying comes first, and unfolds on request', async () => {
    const firstPayment: RecipientSafetyView = { ...lookalikeRow, lookalikes: [], row: 3 }
    install({ getRecipientSafety: async () => ({ ok: true, value: [firstPayment] }) })
    await render(<RecipientSafety payout={payout('in_progress')} />)
    expect(byTestId('safety-summary')?.textContent).toContain(
      '1 row with findings, all confirmed: nothing here stops paying'
    )
    expect(byTestId('safety-rows')).toBeNull()
    expect(byTestId('safety-fold')?.getAttribute('aria-expanded')).toBe('false')
    await act(async () => byTestId('safety-fold')?.click())
    expect(byTestId('safety-rows')).not.toBeNull()
    expect(byTestId('safety-fold')?.textContent).toBe('Hide the rows')
  })

  it('stays unfolded after submission while a look-alike is not checked', async () => {
    install({ getRecipientSafety: async () => ({ ok: true, value: [lookalikeRow] }) })
    await render(<RecipientSafety payout={payout('in_progress')} />)
    expect(byTestId('safety-blocker')).not.toBeNull()
    expect(byTestId('safety-rows')).not.toBeNull()
  })

  it('is hidden once the payout is settled', async () => {
    const getRecipientSafety = vi.fn(async () => ({ ok: true as const, value: [lookalikeRow] }))
    install({ getRecipientSafety })
    await render(<RecipientSafety payout={payout('completed')} />)
    expect(byTestId('recipient-safety')).toBeNull()
    expect(getRecipientSafety).not.toHaveBeenCalled()
  })
})
