// Address poisoning: a look-alike shares the first and last four hex characters of a known payee
// but is another address; exact matches and ordinary addresses are not flagged.
import { describe, expect, it } from 'vitest'
import { createLookalikeIndex, looksLike } from './poisoning'

const PAYEE = '0xAbCd000000000000000000000000000000001234'
const LOOKALIKE = '0xabcd99999999999999999999999999999999_1234'.replace('_', '')
const OTHER = '0x9999000000000000000000000000000000001234'

describe('look-alike addresses', () => {
  it('flags an address sharing the first 4 and last 4 hex characters but differing in the middle', () => {
    expect(looksLike(LOOKALIKE, PAYEE)).toBe(true)
  })

  it('does not flag the payee itself, in any letter case', () => {
    expect(looksLike(PAYEE.toLowerCase(), PAYEE)).toBe(false)
  })

  it('does not flag an address that differs at either end', () => {
    expect(looksLike(OTHER, PAYEE)).toBe(false)
    expect(looksLike('0xabcd999999999999999999999999999999991235', PAYEE)).toBe(false)
  })

  it('finds every known payee an address imitates, and knows exact payees', () => {
    const index = createLookalikeIndex([
      { address: PAYEE, label: 'Supplier', source: 'address_book' },
      { address: PAYEE, label: null, source: 'paid_before' },
      { address: OTHER, label: null, source: 'paid_before' }
    ])
    expect(index.lookalikes(LOOKALIKE)).toEqual([{ address: PAYEE, label: 'Supplier', source: 'address_book' }])
    expect(index.lookalikes(PAYEE)).toEqual([])
    expect(index.known(PAYEE.toLowerCase())?.label).toBe('Supplier')
    expect(index.lookalikes('0x5555555555555555555555555555555555555555')).toEqual([])
  })
})
