// Runs in: main (plain Node; pure string work).
// Masking of URLs that may carry API keys, for every place a URL is shown or logged: scheme, host
// and the readable part of the path stay, anything that looks like a credential becomes ••••.
// When in doubt a part is masked: hiding a harmless word costs little, showing a key costs a lot.

export const MASK = '••••'

// Query parameter names that carry credentials by convention (apikey, access_token, dkey, sig...).
const SECRET_PARAM_NAME = /key|token|secret|pass|pwd|auth|sig|jwt|cred|session|bearer/i
// Path segments that announce the credential in the next segment (/v3/<key>, /key/<key>).
const KEY_PREFIX_SEGMENT = /^(?:v\d{1,2}|key|keys|apikey|api-key|api_key|token|auth)$/i
// A credential-like token: what providers hand out as keys (hex, base62, UUIDs, base64url).
const TOKEN_CHARS = /^[A-Za-z0-9._~%-]+$/
const LONG_TOKEN_LENGTH = 20
const MIXED_TOKEN_LENGTH = 8
const AFTER_PREFIX_LENGTH = 6
const BASE64_LIKE = /^[A-Za-z0-9+/=_-]{16,}$/

function hasLettersAndDigits(text: string): boolean {
  return /[A-Za-z]/.test(text) && /[0-9]/.test(text)
}

/** True when a path segment, query value or host label reads like a credential rather than a word. */
export function looksLikeSecret(part: string): boolean {
  if (part === '') return false
  if (TOKEN_CHARS.test(part)) {
    if (part.length >= LONG_TOKEN_LENGTH) return true
    return part.length >= MIXED_TOKEN_LENGTH && hasLettersAndDigits(part)
  }
  return BASE64_LIKE.test(part)
}

function maskPath(pathname: string): string {
  const segments = pathname.split('/')
  return segments
    .map((segment, index) => {
      const previous = index > 0 ? segments[index - 1] : undefined
      const afterPrefix =
        previous !== undefined &&
        KEY_PREFIX_SEGMENT.test(previous) &&
        (segment.length >= AFTER_PREFIX_LENGTH || /[0-9]/.test(segment))
      return afterPrefix || looksLikeSecret(segment) ? MASK : segment
    })
    .join('/')
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

function maskQuery(search: string): string {
  if (search === '' || search === '?') return ''
  const pairs = search.slice(1).split('&')
  const masked = pairs.map((pair) => {
    const eq = pair.indexOf('=')
    if (eq < 0) return looksLikeSecret(pair) ? MASK : pair
    const name = pair.slice(0, eq)
    const value = pair.slice(eq + 1)
    if (value === '') return pair
    const hidden = SECRET_PARAM_NAME.test(safeDecode(name)) || looksLikeSecret(value)
    return `${name}=${hidden ? MASK : value}`
  })
  return `?${masked.join('&')}`
}

function maskHost(host: string): string {
  // Some providers put the key in a subdomain (<key>.rpc.example.com); a long random label is masked.
  return host
    .split('.')
    .map((label) => (label.length >= LONG_TOKEN_LENGTH && hasLettersAndDigits(label) ? MASK : label))
    .join('.')
}

/**
 * A URL as it may be shown or logged: `https://mainnet.infura.io/v3/••••`. User info, key-like path
 * segments, credential query values and fragments are replaced by ••••. Text that is not a URL is
 * masked entirely, since nothing about it can be shown safely.
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
  const fragment = parsed.hash === '' ? '' : `#${MASK}`
  return `${parsed.protocol}//${auth}${maskHost(parsed.host)}${maskPath(parsed.pathname)}${maskQuery(parsed.search)}${fragment}`
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
