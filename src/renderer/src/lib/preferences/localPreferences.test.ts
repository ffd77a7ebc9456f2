// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). Preferences this page kept in localStorage are read once for main:
// payers per network, the layout the desk used most, and nothing unreadable or of a foreign shape.
import { beforeEach, describe, expect, it } from 'vitest'
import { COLUMNS_PREFIX, PAYER_KEY, forgetLocalPreferences, readLocalPreferences } from './localPreferences'

const NARROW = [
  { colId: 'address', width: 300, hide: false },
  { colId: 'note', width: 90, hide: true }
]

beforeEach(() => {
  window.localStorage.clear()
})

describe('preferences kept in localStorage', () => {
  it('are none when nothing was kept', () => {
    expect(readLocalPreferences(window.localStorage)).toEqual({ payerAccounts: {}, gridColumns: null, keys: [] })
  })

  it('give the payer per network and leave out paths that are not Ethereum accounts', () => {
    window.localStorage.setItem(
      PAYER_KEY,
      JSON.stringify({ 1: "44'/60'/1'/0/0", 31337: "44'/60'/0'/3", 10: 'm/0/evil', x: "44'/60'/0'/0/0" })
    )
    expect(readLocalPreferences(window.localStorage).payerAccounts).toEqual({
      '1': "44'/60'/1'/0/0",
      '31337': "44'/60'/0'/3"
    })
  })

  it('give the layout most payouts had, with hidden columns and default widths kept', () => {
    window.localStorage.setItem(`${COLUMNS_PREFIX}PO-A`, JSON.stringify(NARROW))
    window.localStorage.setItem(`${COLUMNS_PREFIX}PO-B`, JSON.stringify(NARROW))
    window.localStorage.setItem(`${COLUMNS_PREFIX}new`, JSON.stringify([{ colId: 'amount' }]))
    expect(readLocalPreferences(window.localStorage).gridColumns).toEqual([
      { colId: 'address', width: 300, hidden: false },
      { colId: 'note', width: 90, hidden: true }
    ])
    window.localStorage.clear()
    window.localStorage.setItem(`${COLUMNS_PREFIX}new`, JSON.stringify([{ colId: 'amount' }]))
    expect(readLocalPreferences(window.localStorage).gridColumns).toEqual([
      { colId: 'amount', width: null, hidden: false }
    ])
  })

  it('ignore unreadable or foreign-shaped values rather than apply them', () => {
    window.localStorage.setItem(PAYER_KEY, '{not json')
    window.localStorage.setItem(`${COLUMNS_PREFIX}PO-X`, '{not json')
    window.localStorage.setItem(
      `${COLUMNS_PREFIX}PO-Y`,
      JSON.stringify([{ colId: 3 }, { colId: 'amount', width: 'wide' }, { colId: '<b>' }, { colId: 'name' }])
    )
    const read = readLocalPreferences(window.localStorage)
    expect(read.payerAccounts).toEqual({})
    expect(read.gridColumns).toEqual([{ colId: 'name', width: null, hidden: false }])
  })

  it('are forgotten by the keys read, and nothing else of the page is', () => {
    window.localStorage.setItem(PAYER_KEY, JSON.stringify({ 1: "44'/60'/1'/0/0" }))
    window.localStorage.setItem(`${COLUMNS_PREFIX}PO-A`, JSON.stringify(NARROW))
    window.localStorage.setItem('unrelated', 'kept')
    const read = readLocalPreferences(window.localStorage)
    expect(read.keys).toEqual([PAYER_KEY, `${COLUMNS_PREFIX}PO-A`].sort())
    forgetLocalPreferences(window.localStorage, read.keys)
    expect(readLocalPreferences(window.localStorage).keys).toEqual([])
    expect(window.localStorage.getItem('unrelated')).toBe('kept')
  })
})
