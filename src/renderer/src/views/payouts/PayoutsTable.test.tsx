// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). The payouts list fetches the grid editor's code while the page is idle
// once it lists a mass draft (which opens in the editor), so opening it does not compile the editor
// on the click's path; a list without one leaves the editor alone.
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PayoutSummary } from '../../../../shared/api'
import { mountPoint, type Mounted } from '../../testing/mount'
import { summary } from '../../testing/payoutSummary'
import { PayoutsTable } from './PayoutsTable'

const editor = vi.hoisted(() => ({ imported: vi.fn() }))
vi.mock('../mass/MassPayoutScreen', () => {
  editor.imported()
  return { MassPayoutScreen: () => null }
})

const IDLE_HANDLE = 7
let idle: Array<() => void>
let mounted: Mounted
beforeEach(() => {
  idle = []
  // happy-dom has no idle callbacks: they run when the test says the page is idle.
  window.requestIdleCallback = vi.fn((run: IdleRequestCallback) => {
    idle.push(() => run({ didTimeout: false, timeRemaining: () => 50 }))
    return IDLE_HANDLE
  })
  window.cancelIdleCallback = vi.fn()
  mounted = mountPoint()
})
afterEach(() => mounted.unmount())

const show = (payouts: PayoutSummary[]): Promise<void> =>
  mounted.render(<PayoutsTable payouts={payouts} busy={false} />)

describe('the payouts list and the grid editor’s code', () => {
  it('leaves the editor alone while no listed payout opens in it', async () => {
    await show([summary('PO-1', 'single', 'draft'), summary('PO-2', 'mass', 'completed')])
    expect(window.requestIdleCallback).not.toHaveBeenCalled()
  })

  it('fetches the editor once the page is idle, not before, when a mass draft is listed', async () => {
    await show([summary('PO-1', 'single', 'draft'), summary('PO-2', 'mass', 'draft')])
    expect(window.requestIdleCallback).toHaveBeenCalledTimes(1)
    await act(async () => {
      await Promise.resolve()
    })
    expect(editor.imported).not.toHaveBeenCalled()
    await act(async () => {
      for (const run of idle) run()
      await vi.waitFor(() => expect(editor.imported).toHaveBeenCalledTimes(1))
    })
  })

  it('calls the fetch off when the list goes away before the page was idle', async () => {
    await show([summary('PO-2', 'mass', 'draft')])
    await mounted.render(<></>)
    expect(window.cancelIdleCallback).toHaveBeenCalledWith(IDLE_HANDLE)
  })
})
