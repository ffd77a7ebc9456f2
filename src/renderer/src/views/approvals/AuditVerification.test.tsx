// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). "Verify audit log" against a stand-in bridge: an intact log, and a
// log rewritten after people signed, with each statement whose anchor no longer matches named.
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AuditVerificationView } from '../../../../shared/approvals'
import { installBridge, mountPoint, type Mounted } from '../../testing/mount'
import { AuditVerification } from './AuditVerification'

const BORIS = '0x463e4e114AA57F54f2Fd2C3ec03572C6f75d84C2'
const HASH = `0xabcdef01${'0'.repeat(48)}23456789`
const NO_PAID_ROWS = { checked: 0, differing: 0, mismatches: [] }
let m: Mounted

async function verifyWith(view: AuditVerificationView): Promise<void> {
  installBridge({ verifyAuditLog: async () => ({ ok: true, value: view }) })
  await m.render(<AuditVerification />)
  await act(async () => m.byTestId('verify-audit-log')?.click())
}

const result = (): HTMLElement | null => m.byTestId('audit-result')

beforeEach(() => {
  m = mountPoint()
})
afterEach(() => m.unmount())

describe('audit verification', () => {
  it('says the log is intact and how many signed statements were checked against it', async () => {
    await verifyWith({
      ok: true,
      entries: 12,
      chain: { ok: true },
      anchors: { checked: 3, mismatches: [] },
      payments: NO_PAID_ROWS
    })
    expect(result()?.getAttribute('data-ok')).toBe('true')
    expect(result()?.textContent).toBe(
      'OK: all 12 entries are intact; 3 signed statements checked against the log; 0 paid rows checked against the transactions that paid them.'
    )
  })

  it('names each signed statement whose anchor no longer matches, with its signer and why, even when the chain holds', async () => {
    await verifyWith({
      ok: false,
      entries: 9,
      chain: { ok: true },
      anchors: {
        checked: 2,
        mismatches: [
          {
            statement: 'Approval of PO-1 revision 1',
            signer: BORIS,
            signerName: 'Boris',
            anchorId: 7,
            reason: 'entry 7 was rewritten after this was signed'
          }
        ]
      },
      payments: NO_PAID_ROWS
    })
    expect(result()?.getAttribute('data-ok')).toBe('false')
    expect(m.byTestId('audit-chain')?.textContent).toContain('The chain of 9 entries holds')
    const mismatch = m.byTestId('audit-mismatch')
    expect(mismatch?.textContent).toContain('Approval of PO-1 revision 1, signed by Boris')
    expect(mismatch?.textContent).toContain('entry 7 was rewritten after this was signed')
  })

  it('names the first broken entry of a broken chain', async () => {
    await verifyWith({
      ok: false,
      entries: 9,
      chain: { ok: false, firstBrokenId: 4, reason: 'Its hash does not match its content.' },
      anchors: { checked: 0, mismatches: [] },
      payments: NO_PAID_ROWS
    })
    expect(m.byTestId('audit-broken-id')?.textContent).toBe('#4')
  })

  it('names paid rows that no longer show what paid them, apart from the log, and counts those it does not name', async () => {
    await verifyWith({
      ok: false,
      entries: 20,
      chain: { ok: true },
      anchors: { checked: 1, mismatches: [] },
      payments: {
        checked: 600,
        differing: 3,
        mismatches: [
          {
            payoutId: 'PO-7',
            row: 12,
            txHash: HASH,
            reason:
              'its payment 2 sent 0.25 ETH to 0x1111111111111111111111111111111111111111; the row now says 0.25 ETH to 0x9999999999999999999999999999999999999999'
          }
        ]
      }
    })
    expect(result()?.getAttribute('data-ok')).toBe('false')
    expect(result()?.querySelector('.notice__title')?.textContent).toBe('Paid rows were altered outside the app.')
    expect(m.byTestId('audit-chain')?.textContent).toBe('The chain of 20 entries holds.')
    expect(m.byTestId('audit-paid-rows')?.textContent).toBe(
      '600 paid rows checked against the transactions that paid them: 3 do not show what was paid.'
    )
    const line = m.byTestId('audit-paid-mismatches-row')
    expect(line?.textContent).toBe(
      'PO-7, row 12, marked paid by 0xabcdef01…23456789: its payment 2 sent 0.25 ETH to 0x1111111111111111111111111111111111111111; the row now says 0.25 ETH to 0x9999999999999999999999999999999999999999.'
    )
    expect(line?.querySelector('a')?.getAttribute('href')).toBe('#/payouts/PO-7')
    expect(line?.querySelector('[title]')?.getAttribute('title')).toBe(HASH)
    expect(m.byTestId('audit-paid-mismatches')?.textContent).toContain('and 2 other rows.')
    expect(result()?.textContent).not.toContain('Entries from there on cannot be trusted')
  })
})
