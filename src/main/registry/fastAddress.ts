// Runs in: main (pure, no I/O) and the registry worker thread.
// A fast path for the address check of 100,000 rows. The domain's checkAddress is the rule; this
// file only computes the EIP-55 checksum of a plain "0x" + 40 hex digits with a faster keccak and hands every other case, every error included,
// to checkAddress itself. A property test holds the two to the same answers.
import { checkAddress, type AddressCheck } from '../domain/address'
import { keccak256Ascii } from './keccak'

const PLAIN = /^0[xX][0-9a-fA-F]{40}$/
const ZERO = /^0[xX]0{40}$/

/** EIP-55 form of 40 lowercase hex digits (without 0x). */
export function checksumHex(lowerHex: string): string {
  const hash = keccak256Ascii(lowerHex)
  let out = '0x'
  for (let i = 0; i < 40; i++) {
    const c = lowerHex[i]!
    const nibble = i % 2 === 0 ? hash[i >> 1]! >> 4 : hash[i >> 1]! & 0x0f
    out += nibble >= 8 && c >= 'a' ? c.toUpperCase() : c
  }
  return out
}

// The domain's warning for an address written in one case, taken from the domain itself.
const noChecksum = checkAddress(`0x${'1'.repeat(40)}`)
const NO_CHECKSUM_WARNING = noChecksum.ok ? noChecksum.warning : undefined

/** Same answer as checkAddress, computed faster for the plain case. */
export function checkAddressFast(input: string): AddressCheck {
  if (input.length !== 42 || !PLAIN.test(input) || ZERO.test(input) || NO_CHECKSUM_WARNING === undefined) return checkAddress(input)
  const hex = input.slice(2)
  const lower = hex.toLowerCase()
  const checksummed = checksumHex(lower)
  const mixedCase = hex !== lower && hex !== hex.toUpperCase()
  if (!mixedCase) return { ok: true, address: checksummed, warning: NO_CHECKSUM_WARNING }
  if (`0x${hex}` !== checksummed) return checkAddress(input)
  return { ok: true, address: checksummed }
}
