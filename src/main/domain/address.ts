// Runs in: main (pure, no I/O).
// Recipient addresses: EIP-55 checksums, and every way a pasted address can hide a character the
// user did not mean. Addresses leave this module checksummed or not at all.
import { getAddress, ZeroAddress } from 'ethers'

export type AddressErrorCode =
  | 'address_empty'
  | 'address_invisible_character'
  | 'address_lookalike_character'
  | 'address_missing_prefix'
  | 'address_bad_length'
  | 'address_not_hex'
  | 'address_bad_checksum'
  | 'address_zero'
  | 'address_name_not_supported'

export type AddressWarningCode = 'address_no_checksum'

export type AddressCheck =
  | {
      readonly ok: true
      readonly address: string
      readonly warning?: { readonly code: AddressWarningCode; readonly message: string }
    }
  | { readonly ok: false; readonly code: AddressErrorCode; readonly message: string }

/** Characters that render as nothing or reorder text: a pasted address must never contain them. */
const INVISIBLE: Readonly<Record<number, string>> = {
  0x00a0: 'NO-BREAK SPACE',
  0x00ad: 'SOFT HYPHEN',
  0x034f: 'COMBINING GRAPHEME JOINER',
  0x061c: 'ARABIC LETTER MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x202f: 'NARROW NO-BREAK SPACE',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (BOM)'
}

/** Letters from other scripts that look like the Latin hex letters and digits of an address. */
const LOOKALIKE: Readonly<Record<number, string>> = {
  0x0430: 'CYRILLIC SMALL LETTER A',
  0x0410: 'CYRILLIC CAPITAL LETTER A',
  0x0412: 'CYRILLIC CAPITAL LETTER VE',
  0x0441: 'CYRILLIC SMALL LETTER ES',
  0x0421: 'CYRILLIC CAPITAL LETTER ES',
  0x0435: 'CYRILLIC SMALL LETTER IE',
  0x0415: 'CYRILLIC CAPITAL LETTER IE',
  0x043e: 'CYRILLIC SMALL LETTER O',
  0x041e: 'CYRILLIC CAPITAL LETTER O',
  0x0445: 'CYRILLIC SMALL LETTER HA',
  0x0425: 'CYRILLIC CAPITAL LETTER HA',
  0x0501: 'CYRILLIC SMALL LETTER KOMI DE',
  0x0431: 'CYRILLIC SMALL LETTER BE',
  0x03b1: 'GREEK SMALL LETTER ALPHA',
  0x0391: 'GREEK CAPITAL LETTER ALPHA',
  0x0392: 'GREEK CAPITAL LETTER BETA',
  0x0395: 'GREEK CAPITAL LETTER EPSILON',
  0x03bf: 'GREEK SMALL LETTER OMICRON',
  0x039f: 'GREEK CAPITAL LETTER OMICRON',
  0x03c7: 'GREEK SMALL LETTER CHI',
  0x0399: 'GREEK CAPITAL LETTER IOTA',
  0x2010: 'HYPHEN',
  0x2212: 'MINUS SIGN',
  0x2013: 'EN DASH',
  0x00d7: 'MULTIPLICATION SIGN'
}

const fail = (code: AddressErrorCode, message: string): AddressCheck => ({ ok: false, code, message })

function describe(ch: string): string {
  const cp = ch.codePointAt(0)!
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`
  const name = INVISIBLE[cp] ?? LOOKALIKE[cp]
  return name === undefined ? hex : `${hex} ${name}`
}

/**
 * Checks one address as typed or pasted. Surrounding ASCII spaces and tabs are trimmed (a cell's
 * padding); anything else that is not plain ASCII is an error that names the character and where it is.
 */
export function checkAddress(input: string): AddressCheck {
  const text = input.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')
  if (text === '') return fail('address_empty', "Address is empty. Paste the recipient's 0x… address.")
  let position = 0
  for (const ch of text) {
    position++
    const cp = ch.codePointAt(0)!
    if (cp < 0x80) continue
    const isInvisible = INVISIBLE[cp] !== undefined || /[\p{Cf}\p{Zs}\p{Mn}]/u.test(ch)
    if (isInvisible) {
      return fail(
        'address_invisible_character',
        `Address contains an invisible character ${describe(ch)} at position ${position}. Retype the address or copy it again from a trusted source.`
      )
    }
    if (/\p{P}|\p{S}/u.test(ch))
      return fail(
        'address_lookalike_character',
        `Address contains "${ch}" (${describe(ch)}) at position ${position}, a punctuation mark or symbol that is no part of an address (word processors and chat apps turn quotes and dashes into typographic ones). Remove it, or copy the address again from a trusted source.`
      )
    return fail(
      'address_lookalike_character',
      `Address contains "${ch}" (${describe(ch)}) at position ${position}, which only looks like a Latin letter or digit. Retype the address or copy it again from a trusted source.`
    )
  }
  if (/^[^\s]+\.[a-z]{2,}$/i.test(text) && !/^0x/i.test(text)) {
    return fail(
      'address_name_not_supported',
      `"${text}" looks like a name (ENS), not an address. Names can change owner; enter the 0x… address itself.`
    )
  }
  if (/[\s]/.test(text)) return fail('address_not_hex', 'Address contains a space. Retype it without spaces.')
  if (!/^0x/i.test(text)) {
    return /^[0-9a-f]{40}$/i.test(text)
      ? fail(
          'address_missing_prefix',
          'Address is missing its 0x prefix. Add 0x in front so it is clear this is an EVM address.'
        )
      : fail('address_not_hex', `"${text}" is not an EVM address (0x followed by 40 hexadecimal characters).`)
  }
  const hex = text.slice(2)
  if (!/^[0-9a-fA-F]*$/.test(hex)) {
    const bad = [...hex].findIndex((c) => !/[0-9a-fA-F]/.test(c))
    return fail(
      'address_not_hex',
      `Address has "${hex[bad]}" at position ${bad + 3}; only 0-9 and a-f are allowed after 0x.`
    )
  }
  if (hex.length !== 40) {
    return fail(
      'address_bad_length',
      `Address has ${hex.length} characters after 0x; an EVM address has exactly 40. Part of it may be missing or doubled.`
    )
  }
  const prefixed = `0x${hex}`
  const checksummed = getAddress(prefixed.toLowerCase())
  if (checksummed === ZeroAddress)
    return fail('address_zero', 'The zero address cannot receive payments: funds sent there are lost.')
  const mixedCase = hex !== hex.toLowerCase() && hex !== hex.toUpperCase()
  if (mixedCase && prefixed !== checksummed) {
    return fail(
      'address_bad_checksum',
      'Address checksum is wrong: at least one character was mistyped or changed. Copy the address again from the recipient.'
    )
  }
  if (!mixedCase) {
    return {
      ok: true,
      address: checksummed,
      warning: {
        code: 'address_no_checksum',
        message:
          'Address has no checksum (all one case), so a typo cannot be detected. Compare it with the recipient before paying.'
      }
    }
  }
  return { ok: true, address: checksummed }
}

/** True when two checksummed or lowercase addresses name the same account. */
export function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/** Shortened form for display only: 0x1234…abcd. */
export function shortAddress(address: string): string {
  return address.length <= 12 ? address : `${address.slice(0, 6)}…${address.slice(-4)}`
}
