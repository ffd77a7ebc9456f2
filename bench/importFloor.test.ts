// The import floor's own checks are the rules it stands for: EIP-55 as ethers computes it, and
// amounts in exact base units. A floor that accepted anything would be no floor.
import { getAddress } from 'ethers'
import { describe, expect, it } from 'vitest'
import { rows } from './data'
import { baseUnitsOf, isChecksummed } from './importFloor'

describe('the import floor', () => {
  it('accepts exactly the EIP-55 form of an address', () => {
    for (const { address } of rows(200, 11)) {
      expect(address).toBe(getAddress(address.toLowerCase()))
      expect(isChecksummed(address)).toBe(true)
      const flipped = address.replace(/[a-fA-F]/, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()))
      expect(isChecksummed(flipped)).toBe(false)
    }
    expect(isChecksummed(`0x${'g'.repeat(40)}`)).toBe(false)
    expect(isChecksummed('0x1234')).toBe(false)
  })

  it('reads amounts as base units without rounding', () => {
    expect(baseUnitsOf('1234.56', 6)).toBe('1234560000')
    expect(baseUnitsOf('7', 6)).toBe('7000000')
    expect(() => baseUnitsOf('1.1234567', 6)).toThrow()
    expect(() => baseUnitsOf('1,5', 6)).toThrow()
    expect(() => baseUnitsOf('0', 6)).toThrow()
  })
})
