// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). The preferences store: read from main once, a choice shown at once
// and saved in main, and what this page kept in localStorage moved to main on the first read
// without overwriting what main already has.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Preferences } from '../../../shared/preferences'
import type { BridgeApi } from '../../../shared/api'
import { CALL_FAILED, type Result } from '../api'
import { installBridge } from '../testing/mount'
import { COLUMNS_PREFIX, PAYER_KEY } from '../lib/preferences/localPreferences'

const LEGACY_2 = "44'/60'/0'/1"
const LIVE_3 = "44'/60'/2'/0/0"
const LAYOUT = [{ colId: 'note', width: 90, hidden: true }]

/** Main's preferences in memory, answering as the contract does; `reachable: false` fails every save. */
function fakeMain(initial: Preferences, reachable = true) {
  let saved = initial
  const calls: string[] = []
  const unreachable: Result<never> = { ok: false, error: { code: CALL_FAILED, message: 'Treasury is not running.' } }
  const bridge: Partial<BridgeApi> = {
    getPreferences: async () => ({ ok: true, value: saved }),
    setPayerAccount: async ({ chainId, accountPath }) => {
      calls.push(`payer ${chainId} ${accountPath}`)
      if (!reachable) return unreachable
      saved = { ...saved, payerAccounts: { ...saved.payerAccounts, [String(chainId)]: accountPath } }
      return { ok: true, value: saved }
    },
    setGridColumns: async ({ columns }) => {
      calls.push(`columns ${columns.length}`)
      if (!reachable) return unreachable
      saved = { ...saved, gridColumns: columns.map((c) => ({ ...c })) }
      return { ok: true, value: saved }
    }
  }
  installBridge(bridge)
  return { calls, saved: () => saved }
}

/** A fresh store module: it reads main once per app start. */
async function freshStore() {
  vi.resetModules()
  return (await import('./preferences')).usePreferences
}

beforeEach(() => {
  window.localStorage.clear()
})

describe('the preferences store', () => {
  it('reads main once and proposes the first Ledger Live account where no payer was chosen', async () => {
    fakeMain({ payerAccounts: { '1': LIVE_3 }, gridColumns: LAYOUT })
    const store = await freshStore()
    const { payerPathOf } = await import('./preferences')
    expect(store.getState().loaded).toBe(false)
    await store.getState().load()
    expect(store.getState()).toMatchObject({ loaded: true, gridColumns: LAYOUT })
    expect(payerPathOf(store.getState().payerAccounts, 1)).toBe(LIVE_3)
    expect(payerPathOf(store.getState().payerAccounts, 10)).toBe("44'/60'/0'/0/0")
  })

  it('shows a choice at once and saves it in main, once', async () => {
    const main = fakeMain({ payerAccounts: {}, gridColumns: null })
    const store = await freshStore()
    await store.getState().load()
    store.getState().choosePayer(10, LEGACY_2)
    store.getState().choosePayer(10, LEGACY_2)
    store.getState().arrangeGrid(LAYOUT)
    store.getState().arrangeGrid([...LAYOUT])
    expect(store.getState().payerAccounts).toEqual({ '10': LEGACY_2 })
    await new Promise((r) => setTimeout(r, 0))
    expect(main.calls).toEqual([`payer 10 ${LEGACY_2}`, 'columns 1'])
    expect(main.saved()).toEqual({ payerAccounts: { '10': LEGACY_2 }, gridColumns: LAYOUT })
  })

  it("moves what this page kept to main, keeps main's own choices, and forgets the local copy", async () => {
    window.localStorage.setItem(PAYER_KEY, JSON.stringify({ 1: LEGACY_2, 10: LEGACY_2 }))
    window.localStorage.setItem(`${COLUMNS_PREFIX}PO-A`, JSON.stringify([{ colId: 'name', width: 50, hide: true }]))
    const main = fakeMain({ payerAccounts: { '1': LIVE_3 }, gridColumns: null })
    const store = await freshStore()
    await store.getState().load()
    expect(main.saved()).toEqual({
      payerAccounts: { '1': LIVE_3, '10': LEGACY_2 },
      gridColumns: [{ colId: 'name', width: 50, hidden: true }]
    })
    expect(store.getState()).toMatchObject(main.saved())
    expect(window.localStorage.getItem(PAYER_KEY)).toBeNull()
    expect(window.localStorage.getItem(`${COLUMNS_PREFIX}PO-A`)).toBeNull()
  })

  it('keeps the local copy for the next start when main could not save it', async () => {
    window.localStorage.setItem(PAYER_KEY, JSON.stringify({ 10: LEGACY_2 }))
    fakeMain({ payerAccounts: {}, gridColumns: null }, false)
    const store = await freshStore()
    await store.getState().load()
    expect(store.getState().loaded).toBe(true)
    expect(window.localStorage.getItem(PAYER_KEY)).not.toBeNull()
  })
})
