// Runs in: main (plain Node). REST API tokens: 256 random bits shown once, kept only as a SHA-256
// hash (a hash of a high-entropy secret cannot be reversed or guessed, so no slow hash is needed),
// compared in constant time. A token reads "trs_<id>_<secret>": the id finds its row, the secret
// proves it. Tokens are revoked, never deleted, so the audit log's names keep meaning something.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { ApiScope } from '../../shared/automation'
import { AppFailure } from '../../shared/errors'
import { getToken, type StoredToken } from '../store/automationRepo'
import type { ReadDb, WriteDb } from '../store/db'

export type { StoredToken }

const TOKEN_PREFIX = 'trs_'
const SECRET_BYTES = 32
const ID_LENGTH = 12
const ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const TOKEN_SHAPE = /^trs_([0-9A-Z]{12})_([A-Za-z0-9_-]{43})$/
/** Compared against when the id is unknown, so a wrong id costs what a wrong secret does. */
const NO_HASH = Buffer.alloc(32)

export interface NewToken {
  readonly id: string
  readonly secret: string
  readonly secretHash: string
  readonly prefix: string
}

export function newToken(): NewToken {
  const idBytes = randomBytes(ID_LENGTH)
  let id = ''
  for (const b of idBytes) id += ID_ALPHABET[b % ID_ALPHABET.length]
  const secretPart = randomBytes(SECRET_BYTES).toString('base64url')
  return {
    id,
    secret: `${TOKEN_PREFIX}${id}_${secretPart}`,
    secretHash: sha256Hex(secretPart),
    prefix: `${TOKEN_PREFIX}${id}`
  }
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** The token a presented secret proves, or the failure to answer with (never which part was wrong). */
export function authenticate(db: ReadDb | WriteDb, presented: string | undefined): StoredToken {
  const unauthorized = new AppFailure(
    'api_unauthorized',
    'This request needs a valid API token: send "Authorization: Bearer <token>" with a token created in Treasury under Settings > Automation.'
  )
  if (presented === undefined) throw unauthorized
  const match = TOKEN_SHAPE.exec(presented)
  const stored = match === null ? undefined : getToken(db, match[1]!)
  const expected = stored === undefined ? NO_HASH : Buffer.from(stored.secretHash, 'hex')
  const actual = createHash('sha256')
    .update(match?.[2] ?? '', 'utf8')
    .digest()
  const equal = timingSafeEqual(actual, expected)
  if (stored === undefined || !equal) throw unauthorized
  if (stored.revokedAt !== null)
    throw new AppFailure(
      'api_token_revoked',
      `The token "${stored.name}" was revoked on ${stored.revokedAt}. Ask for a new token in Treasury under Settings > Automation.`
    )
  return stored
}

export function requireScope(token: StoredToken, scope: ApiScope): void {
  if (!token.scopes.includes(scope))
    throw new AppFailure(
      'api_scope_missing',
      `The token "${token.name}" may not do this: it needs the scope ${scope}. Create a token with that scope in Treasury under Settings > Automation.`
    )
}

/** The bearer token of an Authorization header, if it has one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer ([\x21-\x7e]{1,200})$/.exec(header)
  return match?.[1]
}
