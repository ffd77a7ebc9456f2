// Runs in: main (plain Node; pure string work).
// Masking of URLs that may carry API keys, for every place a URL is shown or logged: the scheme,
// host and port stay, so the user recognises the endpoint; the whole path, query and fragment
// become ••••, because providers put keys in any of them under any name. User info and a
// key-like subdomain are masked too.

export const MASK = '••••'

// A credential-like token: what providers hand out as keys (hex, base62, UUIDs, base64url).
const TOKEN_CHARS = /^[A-Za-z0-9._~%-]+$/
const LONG_TOKEN_LENGTH = 20
const MIXED_TOKEN_LENGTH = 8
const BASE64_LIKE = /^[A-Za-z0-9+/=_-]{16,}$/

function hasLettersAndDigits(text: string): boolean {
  return /[A-Za-z]/.test(text) && /[0-9]/.test(text)
}

/** True when a piece of text reads like a credential rather than a word. */
export function looksLikeSecret(part: string): boolean {
  if (part === '') return false
  if (TOKEN_CHARS.test(part)) {
    if (part.length >= LONG_TOKEN_LENGTH) return true
    return part.length >= MIXED_TOKEN_LENGTH && hasLettersAndDigits(part)
  }
  return BASE64_LIKE.test(part)
}

function maskHost(host: string): string {
  // Some providers put the key in a subdomain (<key>.rpc.example.com); a long random label is masked.
  return host
    .split('.')
    .map((label) => (label.length >= LONG_TOKEN_LENGTH && hasLettersAndDigits(label) ? MASK : label))
    .join('.')
}

/**
 * A URL as it may be shown or logged: `https://mainnet.infura.io/••••`, `http://127.0.0.1:8545/`.
 * Everything after the host (path, query, fragment) is one ••••, user info is ••••@. Text that is
 * not a URL with a host is masked entirely, since nothing about it can be shown safely.
 */
export function maskSecretUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    return MASK
  }
  if (parsed.host === '') return MASK
  const auth = parsed.username !== '' || parsed.password !== '' ? `${MASK}@` : ''
  const hasRest = (parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search !== '' || parsed.hash !== ''
  return `${parsed.protocol}//${auth}${maskHost(parsed.host)}/${hasRest ? MASK : ''}`
}

// URLs inside free text (error messages from HTTP clients quote the request URL in full).
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi
const TRAILING_PUNCTUATION = /[).,;:\]}]+$/

/** Every URL inside `text` replaced by its masked form; the rest of the text is kept. */
export function maskUrlsInText(text: string): string {
  return text.replace(URL_IN_TEXT, (match) => {
    const trailing = TRAILING_PUNCTUATION.exec(match)?.[0] ?? ''
    const url = match.slice(0, match.length - trailing.length)
    return maskSecretUrl(url) + trailing
  })
}

// Pieces of a secret that are distinctive enough to be recognised on their own (a key quoted
// without its URL, a password without its user name).
const SECRET_PIECE_SEPARATORS = /[/?&=:@#\s]+/

/** `text` with `secret`, its distinctive pieces and every URL masked: safe to show or log. */
export function redactSecret(text: string, secret: string): string {
  let result = text
  const pieces = [secret, ...secret.split(SECRET_PIECE_SEPARATORS)]
    .filter((piece) => piece !== '' && (piece === secret || looksLikeSecret(piece)))
    .sort((a, b) => b.length - a.length)
  for (const piece of pieces) result = result.split(piece).join(MASK)
  return maskUrlsInText(result)
}
