import { describe, expect, it } from 'vitest'
import { digestGroups, digestLines, digestShort } from './digest'

const DIGEST = '0x' + 'AB12cd34'.repeat(8)

describe('digest layout', () => {
  it('splits a 32-byte digest into sixteen lower-case groups of four without the 0x prefix', () => {
    const groups = digestGroups(DIGEST)
    expect(groups).toHaveLength(16)
    expect(groups[0]).toBe('ab12')
    expect(groups[1]).toBe('cd34')
    expect(groups.join('')).toBe(DIGEST.slice(2).toLowerCase())
  })

  it('puts four groups on each line so the whole digest reads in four lines', () => {
    const lines = digestLines(DIGEST)
    expect(lines).toHaveLength(4)
    expect(lines[0]).toBe('ab12 cd34 ab12 cd34')
  })

  it('keeps a text that is not hex whole rather than cutting it into misleading groups', () => {
    expect(digestGroups('not a digest')).toEqual(['not a digest'])
  })

  it('shortens to the first two and the last group for lists', () => {
    expect(digestShort('0x1111222233334444')).toBe('1111 2222 … 4444')
    expect(digestShort('0x11112222')).toBe('1111 2222')
  })
})
