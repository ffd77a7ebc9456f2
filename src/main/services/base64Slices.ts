// Runs in: main (plain Node). A file sent as base64 (up to 171 MB of text for the 128 MiB registry
// limit) checked and decoded a slice at a time, giving the event loop back between slices: done in
// one go, the check and the decode held main for seconds, and the window's every other request
// with it. Accepts exactly what Buffer.from(text, 'base64') would be given by the contract before:
// the base64 alphabet, with at most two '=' at the end.
import { AppFailure } from '../../shared/errors'
import { nextTurn } from '../nextTurn'

/** Characters per slice: a multiple of 4, so each slice decodes on its own; a few ms of work each. */
export const BASE64_SLICE_CHARS = 1024 * 1024
const BODY = /^[A-Za-z0-9+/]*$/
const LAST = /^[A-Za-z0-9+/]*={0,2}$/
const BITS_PER_CHAR = 6
const BITS_PER_BYTE = 8

function notBase64(): AppFailure {
  return new AppFailure(
    'invalid_input',
    'The request was malformed: contentBase64 is not base64. Choose the file again; if this repeats, report it.'
  )
}

/** The bytes of `text`; refuses anything that is not base64 with invalid_input, as the contract's check did. */
export async function decodeBase64InSlices(text: string, sliceChars = BASE64_SLICE_CHARS): Promise<Buffer> {
  if (sliceChars <= 0 || sliceChars % 4 !== 0) throw new RangeError('base64 slices are a positive multiple of 4')
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const bytes = Buffer.allocUnsafe(Math.floor(((text.length - padding) * BITS_PER_CHAR) / BITS_PER_BYTE))
  let written = 0
  for (let at = 0; at < text.length; at += sliceChars) {
    if (at > 0) await nextTurn()
    const slice = text.slice(at, at + sliceChars)
    const last = at + sliceChars >= text.length
    if (!(last ? LAST : BODY).test(slice)) throw notBase64()
    written += bytes.write(slice, written, 'base64')
  }
  return written === bytes.length ? bytes : bytes.subarray(0, written)
}
