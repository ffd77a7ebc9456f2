// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). When the payout screen asks main to read its paid rows against the
// transactions that paid them: not while none is paid, once when shown, again when the paid rows
// change after the payment settled, but not with every row a running payment settles.
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PayoutDetail } from '../../../../shared/api'
import type { PaidRowsCheckView } from '../../../../shared/approvals'
import type { PayoutStatus } from '../../../../shared/statuses'
import { installBridge, mountPoint, type Mounted } from '../../testing/mount'
import { summary } from '../../testing/payoutSummary'
import { usePaidRowsCheck } from './usePaidRowsCheck'

function payout(status: PayoutStatus, paid: number): PayoutDetail {
  return {
    ...summary('PO-9', 'mass', status, { recipientCount: 10 }),
    itemCounts: { draft: 0, queued: 10 - paid, in_progress: 0, needs_check: 0, paid, failed: 0, cancelled: 0 },
    items: [],
    itemsOffset: 0,
    timeline: [],
    allowed: { edit: false, cancel: false, submit: false }
  }
}

function Probe({ payout: shown }: { readonly payout: PayoutDetail }) {
  const state = usePaidRowsCheck(shown)
  const text =
    state.kind === 'checked'
      ? `checked ${state.check.checked}, ${state.check.differing} differ`
      : state.kind === 'checking'
        ? `checking ${state.paid}`
        : state.kind === 'failed'
          ? `failed: ${state.error.message}`
          : 'none'
  return <p data-testid="state">{text}</p>
}

let m: Mounted
let asked: string[]
let answer: (id: string) => Promise<PaidRowsCheckView>

beforeEach(() => {
  m = mountPoint()
  asked = []
  answer = async () => ({ checked: 3, differing: 1, mismatches: [] })
  installBridge({
    checkPayoutPaidRows: async ({ id }) => {
      asked.push(id)
      return { ok: true, value: await answer(id) }
    }
  })
})
afterEach(() => m.unmount())

const state = (): string | null | undefined => m.byTestId('state')?.textContent

describe("the payout screen's reading of its paid rows", () => {
  it('asks nothing while no row is paid', async () => {
    await m.render(<Probe payout={payout('pending', 0)} />)
    expect(state()).toBe('none')
    expect(asked).toEqual([])
  })

  it('says the rows are being checked, then what main found, asking once', async () => {
    let release: () => void = () => undefined
    answer = () =>
      new Promise((resolve) => {
        release = () => resolve({ checked: 3, differing: 1, mismatches: [] })
      })
    await m.render(<Probe payout={payout('completed', 3)} />)
    expect(state()).toBe('checking 3')
    await act(async () => release())
    expect(state()).toBe('checked 3, 1 differ')
    await m.render(<Probe payout={payout('completed', 3)} />)
    expect(asked).toEqual(['PO-9'])
  })

  it('reads again when the paid rows change once settled, not with each row a running payment settles', async () => {
    await m.render(<Probe payout={payout('in_progress', 2)} />)
    await m.render(<Probe payout={payout('in_progress', 5)} />)
    await m.render(<Probe payout={payout('in_progress', 7)} />)
    expect(asked).toHaveLength(1)
    await m.render(<Probe payout={payout('completed', 10)} />)
    expect(asked).toHaveLength(2)
    await m.render(<Probe payout={payout('completed', 9)} />)
    expect(asked).toHaveLength(3)
  })

  it('says why the rows were not checked when main could not read them', async () => {
    installBridge({
      checkPayoutPaidRows: async () => ({
        ok: false,
        error: { code: 'not_found', message: 'Payout PO-9 does not exist.' }
      })
    })
    await m.render(<Probe payout={payout('completed', 1)} />)
    expect(state()).toBe('failed: Payout PO-9 does not exist.')
  })
})
