// Runs in: renderer. Reading the settings form's fields: the operator name (not blank, and none
// of the characters src/shared/text.ts refuses, shown as the user types rather than on save), and
// the confirmations, a whole number in range written with plain digits. Each problem gets a
// message that says what to type. And what the confirmations setting means per network: each has
// a minimum that a lower setting is raised to.
import type { Network } from '../../../../shared/api'
import { findForbiddenCharacter, forbiddenCharacterMessage, sentence, TEXT_KIND } from '../../../../shared/text'

export const MIN_CONFIRMATIONS = 1
export const MAX_CONFIRMATIONS = 1000

export type Parsed = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string }

export function parseConfirmations(text: string): Parsed {
  const t = text.trim()
  if (!/^[0-9]{1,4}$/.test(t))
    return { ok: false, message: `Enter a whole number from ${MIN_CONFIRMATIONS} to ${MAX_CONFIRMATIONS}.` }
  const value = Number(t)
  if (value < MIN_CONFIRMATIONS || value > MAX_CONFIRMATIONS) {
    return { ok: false, message: `Enter a whole number from ${MIN_CONFIRMATIONS} to ${MAX_CONFIRMATIONS}.` }
  }
  return { ok: true, value }
}

/** What is wrong with an operator name as typed, or null when it can be saved. */
export function operatorNameProblem(text: string): string | null {
  if (text.trim() === '') return 'Enter the name to record as the operator.'
  const found = findForbiddenCharacter(text.trim(), TEXT_KIND.label)
  return found === undefined ? null : sentence(forbiddenCharacterMessage('the operator name', found, TEXT_KIND.label))
}

/** "Ethereum 12 · Polygon 64" for the networks whose minimum is above `setting`: where the setting does not apply. */
export function raisedMinimums(networks: readonly Network[], setting: number): string {
  return networks
    .filter((n) => n.minConfirmations > setting)
    .map((n) => `${n.name} ${n.minConfirmations}`)
    .join(' · ')
}
