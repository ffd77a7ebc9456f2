// Runs in: main (pure, no I/O) and the registry worker thread.
// A fast path for the address check of 100,000 rows. The domain's checkAddress is the rule; this
// file only handles a plain "0x" + 40 hex digits (not all zeros) in one pass over its characters,
// with the WebAssembly keccak, and hands every other case, every error included, to checkAddress
// itself. A property test holds the two to the same answers.
import { checkAddress, type AddressCheck } from '../domain/address'
import { keccakDigest, keccakInPlace, keccakInput } from './keccak'

// Local handles: a bundler may turn each use of an imported binding into a property read.
const input40 = keccakInput
const digest = keccakDigest
const hash = keccakInPlace

const HEX_DIGITS = 40
const PREFIX = 2
const ADDRESS_LENGTH = PREFIX + HEX_DIGITS
const CHAR = { zero: 0x30, nine: 0x39, x: 0x78, a: 0x61, f: 0x66, A: 0x41, F: 0x46, caseBit: 0x20 } as const
/** EIP-55: a letter is upper case where its nibble of the hash of the lower-case hex is 8 or more. */
const UPPER_FROM_NIBBLE = 8
const NIBBLE_BITS = 4
const LOW_NIBBLE = 0x0f

// The domain's warning for an address written in one case, taken from the domain itself.
const noChecksum = checkAddress(`0x${'1'.repeat(HEX_DIGITS)}`)
const NO_CHECKSUM_WARNING = noChecksum.ok ? noChecksum.warning : undefined

/** Output scratch: "0x" + the checksummed digits, decoded to a string in one call. */
const out = new Uint8Array(ADDRESS_LENGTH)
out[0] = CHAR.zero
out[1] = CHAR.x
const latin1 = new TextDecoder('latin1')

function nibble(i: number): number {
  const byte = digest[i >> 1]!
  return (i & 1) === 0 ? byte >> NIBBLE_BITS : byte & LOW_NIBBLE
}

/** Hashes the 40 lower-case hex digits already in keccakInput and returns "0x" + their EIP-55 form. */
function checksummedFromInput(): string {
  hash(HEX_DIGITS)
  for (let i = 0; i < HEX_DIGITS; i++) {
    const c = input40[i]!
    out[PREFIX + i] = c >= CHAR.a && nibble(i) >= UPPER_FROM_NIBBLE ? c - CHAR.caseBit : c
  }
  return latin1.decode(out)
}

/** EIP-55 form of 40 lowercase hex digits (without 0x). */
export function checksumHex(lowerHex: string): string {
  if (lowerHex.length !== HEX_DIGITS) throw new RangeError('checksumHex takes 40 hex digits')
  for (let i = 0; i < HEX_DIGITS; i++) input40[i] = lowerHex.charCodeAt(i) & 0xff
  return checksummedFromInput()
}

/** Same answer as checkAddress, computed faster for the plain case. */
export function checkAddressFast(input: string): AddressCheck {
  if (input.length !== ADDRESS_LENGTH || input.charCodeAt(0) !== CHAR.zero || (input.charCodeAt(1) | CHAR.caseBit) !== CHAR.x || NO_CHECKSUM_WARNING === undefined) return checkAddress(input)
  let hasLower = false
  let hasUpper = false
  let nonZero = 0
  for (let i = 0; i < HEX_DIGITS; i++) {
    let c = input.charCodeAt(PREFIX + i)
    if (c >= CHAR.a && c <= CHAR.f) hasLower = true
    else if (c >= CHAR.A && c <= CHAR.F) {
      hasUpper = true
      c |= CHAR.caseBit
    } else if (c < CHAR.zero || c > CHAR.nine) return checkAddress(input)
    nonZero |= c ^ CHAR.zero
    input40[i] = c
  }
  if (nonZero === 0) return checkAddress(input)
  if (!(hasLower && hasUpper)) return { ok: true, address: checksummedFromInput(), warning: NO_CHECKSUM_WARNING }
  // Mixed case: the input's own letters must be the checksum's; then it is its own checksummed form.
  hash(HEX_DIGITS)
  for (let i = 0; i < HEX_DIGITS; i++) {
    const c = input.charCodeAt(PREFIX + i)
    if (c >= CHAR.A && (c <= CHAR.F) !== nibble(i) >= UPPER_FROM_NIBBLE) return checkAddress(input)
  }
  return { ok: true, address: input.charCodeAt(1) === CHAR.x ? input : `0x${input.slice(PREFIX)}` }
}
