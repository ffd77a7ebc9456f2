// Runs in: renderer. Reading Settings > Automation's fields as they are typed: the API's port (a
// whole number a program may listen on without special rights), a folder (a full path, or blank
// for none), a token's name and scopes. Each problem says what to type.
import { API_SCOPES, type ApiScope } from '../../../../../shared/automation'
import { findForbiddenCharacter, forbiddenCharacterMessage, sentence, TEXT_KIND } from '../../../../../shared/text'

export const MIN_PORT = 1024
export const MAX_PORT = 65_535

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string }

export function readPort(text: string): Read<number> {
  const t = text.trim()
  const value = /^[0-9]{1,5}$/.test(t) ? Number(t) : NaN
  return Number.isInteger(value) && value >= MIN_PORT && value <= MAX_PORT
    ? { ok: true, value }
    : { ok: false, message: `Enter a port from ${MIN_PORT} to ${MAX_PORT}.` }
}

/** A folder as typed: null when blank (no folder), else a full path on Windows, macOS or Linux. */
export function readFolder(text: string): Read<string | null> {
  const t = text.trim()
  if (t === '') return { ok: true, value: null }
  const full = t.startsWith('/') || /^[A-Za-z]:[\\/]/.test(t) || t.startsWith('\\\\')
  return full
    ? { ok: true, value: t }
    : { ok: false, message: "Enter the folder's full path, e.g. /srv/payouts/inbox or D:\\Payouts\\Inbox." }
}

export function readTokenName(text: string): Read<string> {
  const t = text.trim()
  if (t === '') return { ok: false, message: 'Name the token after the system that will hold it, e.g. "ERP payroll".' }
  const found = findForbiddenCharacter(t, TEXT_KIND.label)
  return found === undefined
    ? { ok: true, value: t }
    : { ok: false, message: sentence(forbiddenCharacterMessage('the token name', found, TEXT_KIND.label)) }
}

export function readScopes(chosen: ReadonlySet<ApiScope>): Read<ApiScope[]> {
  const scopes = API_SCOPES.filter((s) => chosen.has(s))
  return scopes.length === 0
    ? { ok: false, message: 'Choose at least one thing the token may do.' }
    : { ok: true, value: scopes }
}
