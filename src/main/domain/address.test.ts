import { describe, expect, it } from 'vitest'
import { checkAddress } from './address'

const GOOD = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const codeOf = (text: string) => {
  const r = checkAddress(text)
  return r.ok ? 'ok' : r.code
}

describe('checkAddress', () => {
  it('accepts a correctly checksummed address as is', () => {
    expect(checkAddress(GOOD)).toEqual({ ok: true, address: GOOD })
    expect(checkAddress(`  ${GOOD}\t`)).toEqual({ ok: true, address: GOOD })
  })

  it('accepts all-lowercase and all-uppercase with a warning, and returns the checksummed form', () => {
    for (const text of [GOOD.toLowerCase(), `0x${GOOD.slice(2).toUpperCase()}`]) {
      const r = checkAddress(text)
      expect(r.ok && r.address).toBe(GOOD)
      expect(r.ok && r.warning?.code).toBe('address_no_checksum')
    }
  })

  it('refuses a mixed-case address whose checksum is wrong', () => {
    const flipped = GOOD.replace('aA', 'Aa')
    expect(codeOf(flipped)).toBe('address_bad_checksum')
  })

  it('refuses the zero address', () => {
    expect(codeOf('0x0000000000000000000000000000000000000000')).toBe('address_zero')
  })

  it('names an invisible character and its position', () => {
    const r = checkAddress(`0x5aAe\u200bb6053F3E94C9b9A09f33669435E7Ef1BeAed`)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.code).toBe('address_invisible_character')
      expect(r.message).toContain('U+200B ZERO WIDTH SPACE')
      expect(r.message).toContain('position 7')
    }
    expect(codeOf(`\ufeff${GOOD}`)).toBe('address_invisible_character')
    expect(codeOf(`${GOOD}\u00a0`)).toBe('address_invisible_character')
    expect(codeOf(`${GOOD.slice(0, 10)}\u202e${GOOD.slice(10)}`)).toBe('address_invisible_character')
  })

  it('names a look-alike letter from another script', () => {
    const r = checkAddress(GOOD.replace('a', '\u0430'))
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.code).toBe('address_lookalike_character')
      expect(r.message).toContain('CYRILLIC SMALL LETTER A')
    }
  })

  it('calls a typographic quote or dash what it is, not a look-alike letter', () => {
    for (const [input, cp] of [
      [`\u201c${GOOD}\u201d`, 'U+201C'],
      [`${GOOD}\u2019`, 'U+2019'],
      [`${GOOD.slice(0, 8)}\u2013${GOOD.slice(8)}`, 'U+2013']
    ] as const) {
      const r = checkAddress(input)
      expect(r).toMatchObject({ ok: false, code: 'address_lookalike_character' })
      expect(r.ok ? '' : r.message).toContain(`(${cp}`)
      expect(r.ok ? '' : r.message).toContain('a punctuation mark or symbol that is no part of an address')
    }
  })

  it('explains malformed addresses specifically', () => {
    expect(codeOf('')).toBe('address_empty')
    expect(codeOf(GOOD.slice(2))).toBe('address_missing_prefix')
    expect(codeOf(GOOD.slice(0, 41))).toBe('address_bad_length')
    expect(codeOf(`${GOOD}00`)).toBe('address_bad_length')
    expect(codeOf('0xZZAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')).toBe('address_not_hex')
    expect(codeOf('vitalik.eth')).toBe('address_name_not_supported')
    expect(codeOf('0x5aAeb6053F3E94C9 b9A09f33669435E7Ef1BeAed')).toBe('address_not_hex')
  })
})
