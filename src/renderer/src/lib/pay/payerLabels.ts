// Runs in: renderer. How a paying account is named wherever one is chosen (the submission's paying
// account and the pay screen): the two kinds of payer, and a Safe as a short address with how many
// of its owners sign.
import type { SafeAccountView } from '../../../../shared/safe'
import { shortHex } from '../format'

export const PAYER_KIND_LABELS = {
  ledger: 'A Ledger account',
  safe: 'A Safe multisig (its owners sign)'
} as const

/** "Safe 0x8c5C3c…B39B15 · 2 of 3 owners sign". */
export function safeChoiceLabel(safe: Pick<SafeAccountView, 'address' | 'threshold' | 'owners'>): string {
  return `Safe ${shortHex(safe.address)} · ${safe.threshold} of ${safe.owners.length} owners sign`
}
