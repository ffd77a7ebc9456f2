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
const CHAR = { zero: 0x30, x: 0x78 } as const
const CASE_BIT = 0x20
const ASCII_MASK = 0x7f
const ASCII_BITS = 7

// What each ASCII character is, as bits, so the loops below have no branch that depends on the
// characters (random hex makes such branches mispredict about every other character).
const DIGIT = 1
const LOWER = 2
const UPPER = 4
const KIND = new Uint8Array(ASCII_MASK + 1)
/** The character as it goes into the hash (hex letters in lower case). */
const FOLDED = new Uint8Array(ASCII_MASK + 1)
for (const ch of '0123456789') KIND[ch.charCodeAt(0)] = DIGIT
for (const ch of 'abcdef') KIND[ch.charCodeAt(0)] = LOWER
for (const ch of 'ABCDEF') KIND[ch.charCodeAt(0)] = UPPER
for (let c = 0; c <= ASCII_MASK; c++) FOLDED[c] = KIND[c] === UPPER ? c | CASE_BIT : c

// The domain's warning for an address written in one case, taken from the domain itself.
const noChecksum = checkAddress(`0x${'1'.repeat(HEX_DIGITS)}`)
const NO_CHECKSUM_WARNING = noChecksum.ok ? noChecksum.warning : undefined

/** Output scratch: "0x" + the checksummed digits, made a string in one call (no text decoder: it needs no encoding tables). */
const out = new Uint8Array(ADDRESS_LENGTH)
out[0] = CHAR.zero
out[1] = CHAR.x

/**
 * EIP-55: a letter is upper case where its nibble of the hash of the lower-case hex is 8 or more,
 * i.e. where the nibble's top bit is set: bit 7 of the byte for even positions, bit 3 for odd ones.
 */
function upperAt(i: number): number {
  return (digest[i >> 1]! >> ((i & 1) === 0 ? 7 : 3)) & 1
}

/** 1 where character code `k` of KIND is a letter. */
const isLetter = (k: number): number => ((k >> 1) | (k >> 2)) & 1

/** Hashes the 40 lower-case hex digits already in keccakInput and returns "0x" + their EIP-55 form. */
function checksummedFromInput(): string {
  hash(HEX_DIGITS)
  for (let i = 0; i < HEX_DIGITS; i++) {
    const c = input40[i]!
    out[PREFIX + i] = c - CASE_BIT * (isLetter(KIND[c]!) & upperAt(i))
  }
  // apply takes the typed array as its argument list directly (spreading it would iterate it).
  return String.fromCharCode.apply(null, out as unknown as number[])
}

/** "0x" and the EIP-55 form of 40 lowercase hex digits (given without "0x"). */
export function checksumHex(lowerHex: string): string {
  if (lowerHex.length !== HEX_DIGITS) throw new RangeError('checksumHex takes 40 hex digits')
  for (let i = 0; i < HEX_DIGITS; i++) input40[i] = lowerHex.charCodeAt(i) & 0xff
  return checksummedFromInput()
}

/** Same answer as checkAddress, computed faster for the plain case. */
export function checkAddressFast(input: string): AddressCheck {
  if (
    input.length !== ADDRESS_LENGTH ||
    input.charCodeAt(0) !== CHAR.zero ||
    (input.charCodeAt(1) | CASE_BIT) !== CHAR.x ||
    NO_CHECKSUM_WARNING === undefined
  )
    return checkAddress(input)
  let kinds = 0
  let notHex = 0
  let nonZero = 0
  for (let i = 0; i < HEX_DIGITS; i++) {
    const c = input.charCodeAt(PREFIX + i)
    const k = KIND[c & ASCII_MASK]!
    kinds |= k
    // Not hex: beyond ASCII, or an ASCII character of no kind (k - 1 is negative only for 0).
    notHex |= (c >> ASCII_BITS) | ((k - 1) >>> 31)
    const folded = FOLDED[c & ASCII_MASK]!
    nonZero |= folded ^ CHAR.zero
    input40[i] = folded
  }
  if (notHex !== 0 || nonZero === 0) return checkAddress(input)
  if ((kinds & LOWER) === 0 || (kinds & UPPER) === 0)
    return { ok: true, address: checksummedFromInput(), warning: NO_CHECKSUM_WARNING }
  // Mixed case: the input's own letters must be the checksum's; then it is its own checksummed form.
  hash(HEX_DIGITS)
  let wrong = 0
  for (let i = 0; i < HEX_DIGITS; i++) {
    const k = KIND[input.charCodeAt(PREFIX + i) & ASCII_MASK]!
    wrong |= isLetter(k) & ((k >> 2) ^ upperAt(i))
  }
  if (wrong !== 0) return checkAddress(input)
  return { ok: true, address: input.charCodeAt(1) === CHAR.x ? input : `0x${input.slice(PREFIX)}` }
}
