// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). The renderer's handle on window.treasury: every call is a Result,
// whatever the bridge does, and every contract method is reachable by name.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { BridgeApi } from '../../shared/api'
import { METHOD_NAMES } from '../../shared/methods'
import { api, BRIDGE_MISSING, CALL_FAILED, onTreasuryEvent } from './api'

function install(bridge: Partial<BridgeApi> | undefined): void {
  Object.defineProperty(window, 'treasury', { value: bridge, configurable: true, writable: true })
}

afterEach(() => install(undefined))

describe('api', () => {
  it('offers every method of the contract', () => {
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES].sort())
  })

  it('forwards a call to the bridge method of the same name and returns its Result', async () => {
    const listAssets = vi.fn(async () => ({ ok: true as const, value: [] }))
    install({ listAssets })
    expect(await api.listAssets({ chainId: 1 })).toEqual({ ok: true, value: [] })
    expect(listAssets).toHaveBeenCalledWith({ chainId: 1 })
  })

  it('returns an error value, not an exception, when the page has no bridge', async () => {
    install(undefined)
    const result = await api.getSettings({})
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error.code).toBe(BRIDGE_MISSING)
  })

  it('turns a bridge that throws into an error value with its message', async () => {
    install({ getPayout: async () => Promise.reject(new Error('channel closed')) })
    const result = await api.getPayout({ id: 'p1' })
    expect(result).toEqual({ ok: false, error: { code: CALL_FAILED, message: 'channel closed' } })
  })

  it('subscribes to events through the bridge and unsubscribes with the returned function', () => {
    const off = vi.fn()
    const onEvent = vi.fn(() => off)
    install({ onEvent })
    const listener = vi.fn()
    const unsubscribe = onTreasuryEvent(listener)
    expect(onEvent).toHaveBeenCalledWith(listener)
    unsubscribe()
    expect(off).toHaveBeenCalled()
  })
})
