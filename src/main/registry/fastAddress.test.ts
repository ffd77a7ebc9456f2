import fc from 'fast-check'
import { getAddress, keccak256, toUtf8Bytes, hexlify } from 'ethers'
import { describe, expect, it } from 'vitest'
import { checkAddress } from '../domain/address'
import { checkAddressFast, checksumHex } from './fastAddress'
import { keccak256Ascii, keccakDigest, keccakInPlace, keccakInput } from './keccak'

const hex40 = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => hexlify(b).slice(2))

describe('keccak256Ascii', () => {
  it('equals ethers keccak256 for every ASCII input shorter than one block', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 135, unit: fc.constantFrom(...'0123456789abcdefxyzXYZ ,.'.split('')) }),
        (s) => {
          expect(hexlify(keccak256Ascii(s))).toBe(keccak256(toUtf8Bytes(s)))
        }
      ),
      { numRuns: 300 }
    )
  })

  it("pads a message that ends in the block's last byte (135 bytes) as Keccak does, and clears what a longer message left behind", () => {
    const long = 'a'.repeat(135)
    expect(hexlify(keccak256Ascii(long))).toBe(keccak256(toUtf8Bytes(long)))
    expect(hexlify(keccak256Ascii('abc'))).toBe(keccak256(toUtf8Bytes('abc')))
    expect(hexlify(keccak256Ascii(''))).toBe(keccak256(toUtf8Bytes('')))
  })

  it('hashes bytes written in place, leaving the digest in keccakDigest', () => {
    const bytes = [0x00, 0xff, 0x80, 0x01, 0x7f]
    keccakInput.set(bytes)
    keccakInPlace(bytes.length)
    expect(hexlify(keccakDigest)).toBe(keccak256(new Uint8Array(bytes)))
    expect(() => keccakInPlace(136)).toThrow(RangeError)
  })
})

describe('checksumHex', () => {
  it('equals ethers getAddress for any 40 lowercase hex digits', () => {
    fc.assert(
      fc.property(hex40, (hex) => {
        expect(checksumHex(hex)).toBe(getAddress(`0x${hex}`))
      }),
      { numRuns: 500 }
    )
  })
})

describe('checkAddressFast', () => {
  it('gives the same answer as the domain check for checksummed, one-case and mistyped addresses', () => {
    fc.assert(
      fc.property(hex40, fc.constantFrom('checksum', 'lower', 'upper', 'flip', 'X'), (hex, variant) => {
        const good = getAddress(`0x${hex}`)
        let input: string
        switch (variant) {
          case 'checksum':
            input = good
            break
          case 'lower':
            input = good.toLowerCase()
            break
          case 'upper':
            input = `0x${hex.toUpperCase()}`
            break
          case 'X':
            input = `0X${good.slice(2)}`
            break
          default: {
            const i = good.slice(2).search(/[a-fA-F]/)
            const ch = good[i + 2]!
            input =
              i < 0
                ? good
                : good.slice(0, i + 2) +
                  (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase()) +
                  good.slice(i + 3)
          }
        }
        expect(checkAddressFast(input)).toEqual(checkAddress(input))
      }),
      { numRuns: 500 }
    )
  })

  it('gives the same answer as the domain check for any text shaped like an address', () => {
    const near = fc.string({
      minLength: 38,
      maxLength: 44,
      unit: fc.constantFrom(...'0123456789abcdefABCDEFxXg \u0430'.split(''))
    })
    fc.assert(
      fc.property(fc.constantFrom('0x', '0X', '', 'x0'), near, (prefix, rest) => {
        const input = prefix + rest
        expect(checkAddressFast(input)).toEqual(checkAddress(input))
      }),
      { numRuns: 2000 }
    )
  })

  it('returns a correctly checksummed input as it is, and with 0x when it was written 0X', () => {
    const good = getAddress(`0x${'5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'}`)
    expect(checkAddressFast(good)).toEqual({ ok: true, address: good })
    expect(checkAddressFast(`0X${good.slice(2)}`)).toEqual({ ok: true, address: good })
  })

  it('hands every unusual input to the domain check unchanged', () => {
    for (const input of [
      '',
      ' 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      `0x${'0'.repeat(40)}`,
      'vitalik.eth',
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe',
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA\u200bd'
    ]) {
      expect(checkAddressFast(input)).toEqual(checkAddress(input))
    }
  })
})
