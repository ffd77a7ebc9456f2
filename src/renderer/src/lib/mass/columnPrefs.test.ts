// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). Column layout remembered per payout in localStorage.
import { beforeEach, describe, expect, it } from 'vitest'
import { adoptNewPayoutPrefs, loadColumnPrefs, saveColumnPrefs } from './columnPrefs'

beforeEach(() => {
  window.localStorage.clear()
})

describe('column preferences', () => {
  it("are kept per payout: one payout's layout is not another's", () => {
    saveColumnPrefs(window.localStorage, 'PO-A', [{ colId: 'note', width: 90, hide: true }])
    expect(loadColumnPrefs(window.localStorage, 'PO-A')).toEqual([{ colId: 'note', width: 90, hide: true }])
    expect(loadColumnPrefs(window.localStorage, 'PO-B')).toBeNull()
  })

  it("a new payout's layout moves to its id once it is created", () => {
    saveColumnPrefs(window.localStorage, null, [{ colId: 'name', width: 50, hide: false }])
    adoptNewPayoutPrefs(window.localStorage, 'PO-NEW')
    expect(loadColumnPrefs(window.localStorage, 'PO-NEW')).toEqual([{ colId: 'name', width: 50, hide: false }])
    expect(loadColumnPrefs(window.localStorage, null)).toBeNull()
  })

  it('unreadable or foreign-shaped stored values are ignored rather than applied', () => {
    window.localStorage.setItem('treasury.massGrid.columns.PO-X', '{not json')
    expect(loadColumnPrefs(window.localStorage, 'PO-X')).toBeNull()
    window.localStorage.setItem(
      'treasury.massGrid.columns.PO-Y',
      JSON.stringify([{ colId: 3 }, { colId: 'amount', width: 'wide' }, { colId: 'name' }])
    )
    expect(loadColumnPrefs(window.localStorage, 'PO-Y')).toEqual([{ colId: 'name' }])
  })
})
