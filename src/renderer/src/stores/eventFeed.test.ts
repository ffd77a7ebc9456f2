// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). The app's one event subscription keeps the stores current while no
// view that shows them is mounted (signing progress, the device and the settings), and has the
// watched caches read again what an event changed, for the views on screen only.
import { afterEach, describe, expect, it } from 'vitest'
import type { BridgeApi, Settings, TreasuryEvent } from '../../../shared/api'
import type { ExecutionResultView } from '../../../shared/execution'
import { installBridge } from '../testing/mount'
import { onAppEvent, startEventFeed } from './eventFeed'
import { useDevice } from './device'
import { ENDPOINTS, useEndpointList } from './endpoints'
import { PENDING_HERE, usePayoutDetails, usePayoutTransactionLists, usePendingHere } from './payouts'
import { useSettings } from './settings'
import { useSigningSessions } from './signingSessions'

const PAYOUT = 'payout-1'
const HASH = `0x${'ab'.repeat(32)}`
const SETTINGS: Settings = { operatorName: 'Finance desk', confirmations: 3, numberFormat: 'dot-decimal' }
const NOT_SHOWN = { code: 'not_found' as const, message: 'Payout payout-1 was not found.' }
const settle = () => new Promise((r) => setTimeout(r, 0))

/** A bridge whose events the test pushes, and whose executePayout answers when the test says. */
function eventBridge(overrides: Partial<BridgeApi> = {}): { push(event: TreasuryEvent): void } {
  const listeners = new Set<(event: TreasuryEvent) => void>()
  installBridge({
    onEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    ...overrides
  })
  return { push: (event) => listeners.forEach((l) => l(event)) }
}

let stop: (() => void) | null = null
afterEach(() => {
  stop?.()
  stop = null
})

describe('the app event feed', () => {
  it('moves a payout being signed along its steps with no payment view on screen', async () => {
    let answer: (value: ExecutionResultView) => void = () => undefined
    const bridge = eventBridge({
      executePayout: () => new Promise((resolve) => (answer = (value) => resolve({ ok: true, value })))
    })
    stop = startEventFeed()
    const signed = useSigningSessions.getState().sign(PAYOUT, "44'/60'/0'/0/0", 'per_recipient', 1)
    bridge.push({
      type: 'execution.progress',
      progress: { type: 'signed', payoutId: PAYOUT, step: 0, hash: HASH, nonce: 0 }
    })
    bridge.push({ type: 'execution.progress', progress: { type: 'broadcast', payoutId: PAYOUT, hash: HASH } })
    expect(useSigningSessions.getState().sessions[PAYOUT]?.steps[0]).toMatchObject({ state: 'sent', hash: HASH })
    answer({ payoutId: PAYOUT, plan: 'per_recipient', signed: [HASH], stopped: null })
    await signed
    expect(useSigningSessions.getState().sessions[PAYOUT]?.outcome.kind).toBe('sent')
  })

  it('takes device status and reloads settings when main says they changed, then tells listening views', async () => {
    const saved: Settings = { operatorName: 'Finance desk', confirmations: 3, numberFormat: 'dot-decimal' }
    const bridge = eventBridge({ getSettings: async () => ({ ok: true, value: saved }) })
    stop = startEventFeed()
    const heard: string[] = []
    const unlisten = onAppEvent((event) => heard.push(event.type))
    bridge.push({ type: 'device.status', status: { kind: 'locked' } })
    bridge.push({ type: 'settings.changed' })
    await new Promise((r) => setTimeout(r, 0))
    unlisten()
    bridge.push({ type: 'policy.changed' })
    expect(useDevice.getState().status).toEqual({ kind: 'locked' })
    expect(useSettings.getState().settings).toEqual(saved)
    expect(heard).toEqual(['device.status', 'settings.changed'])
  })

  it('has a watched payout, its transactions, the waiting list and the endpoints read again by what changed them', async () => {
    const reads: string[] = []
    const bridge = eventBridge({
      getPayout: async ({ id }) => (reads.push(`payout ${id}`), { ok: false, error: NOT_SHOWN }),
      listPayoutTransactions: async ({ id }) => (reads.push(`transactions ${id}`), { ok: true, value: [] }),
      listPayouts: async ({ status }) => (reads.push(`list ${status}`), { ok: true, value: { total: 0, items: [] } }),
      listEndpoints: async () => (reads.push('endpoints'), { ok: true, value: [] }),
      getSettings: async () => ({ ok: true, value: SETTINGS })
    })
    stop = startEventFeed()
    const unwatch = [
      usePayoutDetails.getState().watch(PAYOUT),
      usePayoutTransactionLists.getState().watch(PAYOUT),
      usePendingHere.getState().watch(PENDING_HERE),
      useEndpointList.getState().watch(ENDPOINTS)
    ]
    bridge.push({ type: 'payout.changed', id: 'payout-2', status: 'pending' })
    await settle()
    expect(reads.sort()).toEqual(['list pending'])
    reads.length = 0
    bridge.push({ type: 'payout.changed', id: PAYOUT, status: 'in_progress' })
    bridge.push({ type: 'settings.changed' })
    await settle()
    expect(reads.sort()).toEqual(['endpoints', 'list pending', `payout ${PAYOUT}`, `transactions ${PAYOUT}`])
    reads.length = 0
    bridge.push({ type: 'execution.progress', progress: { type: 'broadcast', payoutId: PAYOUT, hash: HASH } })
    await settle()
    expect(reads.sort()).toEqual([`payout ${PAYOUT}`, `transactions ${PAYOUT}`])
    reads.length = 0
    for (const stopWatching of unwatch) stopWatching()
    bridge.push({ type: 'payout.changed', id: PAYOUT, status: 'completed' })
    bridge.push({ type: 'settings.changed' })
    await settle()
    expect(reads).toEqual([])
  })
})
