// Runs in: main (pure, no I/O) and the registry worker thread.
// Bytes of a text registry -> text. A byte-order mark decides; without one, UTF-16 is recognised by
// its NUL pattern and UTF-8 by being valid. Anything else is read as Windows-1252 and the result
// says so: an encoding is never guessed silently. Windows-1252's bytes 0x80-0x9F (€, ’, “, ”, …) are
// mapped here: some Node versions' TextDecoder reads them as Latin-1 control characters.

export type Decoded =
  | {
      readonly ok: true
      readonly text: string
      readonly encoding: string
      readonly assumed: boolean
      readonly message?: string
    }
  | { readonly ok: false; readonly code: string; readonly message: string }

export const ENCODING_UTF8 = 'utf-8'
export const ENCODING_UTF16LE = 'utf-16le'
export const ENCODING_UTF16BE = 'utf-16be'
export const ENCODING_FALLBACK = 'windows-1252'

/** Share of NUL bytes in one byte position above which BOM-less text is taken for UTF-16. */
const UTF16_NUL_SHARE = 0.3
const SNIFF_BYTES = 4096

export function decodeText(bytes: Uint8Array, override?: string): Decoded {
  if (override !== undefined && override.trim() !== '') return decodeAs(bytes, override.trim())
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeAs(bytes, ENCODING_UTF8)
  if (startsWith(bytes, [0xff, 0xfe])) return decodeAs(bytes, ENCODING_UTF16LE)
  if (startsWith(bytes, [0xfe, 0xff])) return decodeAs(bytes, ENCODING_UTF16BE)
  const utf16 = sniffUtf16(bytes)
  if (utf16 !== null) {
    const decoded = decodeAs(bytes, utf16)
    if (!decoded.ok) return decoded
    return {
      ...decoded,
      assumed: true,
      message: `The file has no byte-order mark; it was read as ${utf16.toUpperCase()} because of its byte pattern. Choose another encoding if the text looks wrong.`
    }
  }
  if (hasNul(bytes))
    return {
      ok: false,
      code: 'file_not_text',
      message:
        'This file is neither a spreadsheet (XLSX, XLS, ODS) nor a text file (CSV, TSV, TXT). Save it as CSV or XLSX and try again.'
    }
  try {
    return {
      ok: true,
      text: new TextDecoder(ENCODING_UTF8, { fatal: true }).decode(bytes),
      encoding: ENCODING_UTF8,
      assumed: false
    }
  } catch {
    const line = lineOfFirstInvalidUtf8(bytes)
    const text = windows1252Punctuation(new TextDecoder(ENCODING_FALLBACK).decode(bytes))
    return {
      ok: true,
      text,
      encoding: ENCODING_FALLBACK,
      assumed: true,
      message: `The file is not UTF-8 (first unreadable character on line ${line}). It was read as Windows-1252 (Western European, the usual encoding of older Excel CSV files). If names look wrong, choose the file's encoding.`
    }
  }
}

function decodeAs(bytes: Uint8Array, label: string): Decoded {
  let decoder: InstanceType<typeof TextDecoder>
  try {
    decoder = new TextDecoder(label)
  } catch {
    return {
      ok: false,
      code: 'encoding_unknown',
      message: `"${label}" is not a text encoding this app knows. Choose UTF-8, UTF-16 or Windows-1252.`
    }
  }
  const encoding = decoder.encoding
  const decoded = decoder.decode(bytes)
  // "latin1" and "iso-8859-1" name Windows-1252 too (WHATWG), and decode to it.
  const text = encoding === ENCODING_FALLBACK ? windows1252Punctuation(decoded) : decoded
  const replaced = text.indexOf('\ufffd')
  if (replaced >= 0) {
    return {
      ok: true,
      text,
      encoding,
      assumed: false,
      message: `Some bytes are not valid ${encoding.toUpperCase()} and show as "\ufffd" (first on line ${lineAt(text, replaced)}). Choose another encoding if the text looks wrong.`
    }
  }
  return { ok: true, text, encoding, assumed: false }
}

/**
 * Windows-1252's characters for bytes 0x80-0x9F (WHATWG index-windows-1252), by byte - 0x80. The
 * five bytes it leaves undefined keep their control character, as the standard says.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178
].map((cp) => String.fromCharCode(cp))
const C1_CONTROLS = /[\u0080-\u009f]/g
const C1_BASE = 0x80

/** Text decoded as Windows-1252 with bytes 0x80-0x9F read as Latin-1 controls: those become Windows-1252's characters. */
function windows1252Punctuation(text: string): string {
  return text.replace(C1_CONTROLS, (ch) => WINDOWS_1252_HIGH[ch.charCodeAt(0) - C1_BASE]!)
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b)
}

/** UTF-16 text of Latin characters has a NUL in every other byte; which one gives the byte order. */
function sniffUtf16(bytes: Uint8Array): string | null {
  const n = Math.min(bytes.length - (bytes.length % 2), SNIFF_BYTES)
  if (n < 4) return null
  let evenNul = 0
  let oddNul = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++
    if (bytes[i + 1] === 0) oddNul++
  }
  const pairs = n / 2
  if (oddNul / pairs > UTF16_NUL_SHARE && evenNul / pairs < 0.05) return ENCODING_UTF16LE
  if (evenNul / pairs > UTF16_NUL_SHARE && oddNul / pairs < 0.05) return ENCODING_UTF16BE
  return null
}

function hasNul(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES)
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true
  return false
}

/** 1-based line of the first byte sequence that is not valid UTF-8. */
function lineOfFirstInvalidUtf8(bytes: Uint8Array): number {
  let line = 1
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    if (b === 0x0a) line++
    if (b < 0x80) {
      i++
      continue
    }
    const len = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 0
    if (len === 0 || b > 0xf4) return line
    for (let k = 1; k < len; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return line
    i += len
  }
  return line
}

function lineAt(text: string, index: number): number {
  let line = 1
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++
  return line
}
