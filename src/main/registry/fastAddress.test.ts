import fc from 'fast-check'
import { getAddress, keccak256, toUtf8Bytes, hexlify } from 'ethers'
import { describe, expect, it } from 'vitest'
import { checkAddress } from '../domain/address'
import { checkAddressFast } from './fastAddress'
import { keccak256Ascii } from './keccak'

const hex40 = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => hexlify(b).slice(2))

describe('keccak256Ascii', () => {
  it('equals ethers keccak256 for every ASCII input shorter than one block', () => {
    fc.assert(fc.property(fc.string({ maxLength: 135, unit: fc.constantFrom(...'0123456789abcdefxyzXYZ ,.'.split('')) }), (s) => {
      expect(hexlify(keccak256Ascii(s))).toBe(keccak256(toUtf8Bytes(s)))
    }), { numRuns: 300 })
  })
})

describe('checkAddressFast', () => {
  it('gives the same answer as the domain check for checksummed, one-case and mistyped addresses', () => {
    fc.assert(fc.property(hex40, fc.constantFrom('checksum', 'lower', 'upper', 'flip', 'X'), (hex, variant) => {
      const good = getAddress(`0x${hex}`)
      let input: string
      switch (variant) {
        case 'checksum': input = good; break
        case 'lower': input = good.toLowerCase(); break
        case 'upper': input = `0x${hex.toUpperCase()}`; break
        case 'X': input = `0X${good.slice(2)}`; break
        default: {
          const i = good.slice(2).search(/[a-fA-F]/)
          const ch = good[i + 2]!
          input = i < 0 ? good : good.slice(0, i + 2) + (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase()) + good.slice(i + 3)
        }
      }
      expect(checkAddressFast(input)).toEqual(checkAddress(input))
    }), { numRuns: 500 })
  })

  it('hands every unusual input to the domain check unchanged', () => {
    for (const input of ['', ' 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', `0x${'0'.repeat(40)}`, 'vitalik.eth', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA\u200bd']) {
      expect(checkAddressFast(input)).toEqual(checkAddress(input))
    }
  })
})
