// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). "Verify audit log" against a stand-in bridge: an intact log, and a
// log rewritten after people signed, with each statement whose anchor no longer matches named.
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AuditVerificationView } from '../../../../shared/approvals'
import { installBridge, mountPoint, type Mounted } from '../../testing/mount'
import { AuditVerification } from './AuditVerification'

const BORIS = '0x463e4e114AA57F54f2Fd2C3ec03572C6f75d84C2'
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
    await verifyWith({ ok: true, entries: 12, chain: { ok: true }, anchors: { checked: 3, mismatches: [] } })
    expect(result()?.getAttribute('data-ok')).toBe('true')
    expect(result()?.textContent).toBe('OK: all 12 entries are intact; 3 signed statements checked against the log.')
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
      }
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
      anchors: { checked: 0, mismatches: [] }
    })
    expect(m.byTestId('audit-broken-id')?.textContent).toBe('#4')
  })
})
