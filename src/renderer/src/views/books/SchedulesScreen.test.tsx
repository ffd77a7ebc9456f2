// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). A schedule repeats a payout that is shown: the first payout offered
// is the one chosen (never a cancelled payout the list leaves out), and a desk without any payout is
// told to create one first instead of being shown an empty choice.
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PayoutSummary } from '../../../../shared/api'
import { installBridge, mountPoint, type Mounted } from '../../testing/mount'
import { summary } from '../../testing/payoutSummary'
import { SchedulesScreen } from './SchedulesScreen'

let m: Mounted
beforeEach(() => {
  m = mountPoint()
})
afterEach(() => m.unmount())

/** The payouts the desk lists; returns the template of every schedule the screen creates. */
function withPayouts(items: PayoutSummary[]): string[] {
  const created: string[] = []
  installBridge({
    listSchedules: async () => ({ ok: true, value: [] }),
    listPayouts: async () => ({ ok: true, value: { total: items.length, items } }),
    createSchedule: async (request) => {
      created.push(request.templatePayoutId)
      return { ok: false, error: { code: 'not_found', message: 'not kept in this test' } }
    }
  })
  return created
}

describe('creating a schedule', () => {
  it('chooses the first payout it offers, not a cancelled one listed before it', async () => {
    const created = withPayouts([
      summary('PO-CANCELLED', 'mass', 'cancelled'),
      summary('PO-PAYROLL', 'mass', 'completed')
    ])
    await m.render(<SchedulesScreen />)
    const choice = m.byTestId('schedule-template') as HTMLSelectElement
    expect([...choice.options].map((o) => o.value)).toEqual(['PO-PAYROLL'])
    await act(async () => (m.byTestId('schedule-create') as HTMLButtonElement).click())
    expect(created).toEqual(['PO-PAYROLL'])
  })

  it('asks for a payout first when the desk has none to repeat', async () => {
    withPayouts([summary('PO-CANCELLED', 'single', 'cancelled')])
    await m.render(<SchedulesScreen />)
    expect(m.byTestId('schedule-form')).toBeNull()
    expect(m.byTestId('schedule-no-template')?.textContent).toContain('Create a payout first')
  })
})
