// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). The Approvals screen tells a desk without a team policy that its
// payouts need no approval, and where to set one up; a desk with a policy sees nothing of it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApprovalPolicyView, PolicyVersionView } from '../../../../shared/approvals'
import { installBridge, mountPoint, type Mounted } from '../../testing/mount'
import { usePolicy } from '../../stores/policy'
import { NoPolicyNotice } from './NoPolicyNotice'

let m: Mounted
beforeEach(() => {
  usePolicy.setState({ policy: null, error: null })
  m = mountPoint()
})
afterEach(() => m.unmount())

const answering = (policy: ApprovalPolicyView): void =>
  installBridge({ getApprovalPolicy: async () => ({ ok: true, value: policy }) })

describe('the notice of a desk without a team policy', () => {
  it('says payouts go straight to paying, and links to where the policy is set up', async () => {
    answering({ inForce: null, proposal: null, history: [] })
    await m.render(<NoPolicyNotice />)
    const notice = m.byTestId('no-policy-notice')
    expect(notice?.textContent).toContain('payouts submitted here need no approval: they go straight to paying')
    expect(notice?.querySelector('a')?.getAttribute('href')).toBe('#/settings')
  })

  it('is not shown once a policy is in force', async () => {
    answering({ inForce: { sequence: 1 } as unknown as PolicyVersionView, proposal: null, history: [] })
    await m.render(<NoPolicyNotice />)
    expect(usePolicy.getState().policy?.inForce).not.toBeNull()
    expect(m.byTestId('no-policy-notice')).toBeNull()
  })
})
