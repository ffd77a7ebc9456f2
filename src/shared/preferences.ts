// Runs in: every process. The desk's preferences as the contract carries them: the Ledger account
// proposed as payer per network, and the mass payout grid's columns. They propose and arrange;
// none of them decides what is paid (the payer is shown, approved and checked before signing).
import { ACCOUNT_PATH_PATTERN } from './execution'

/** The grid's own column ids: field names and the pinned row number and status columns. */
export const COLUMN_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/

/** One column of the mass payout grid as the desk arranged it; the list's order is the columns' order. */
export interface GridColumnPreference {
  readonly colId: string
  /** Pixels; null keeps the column's default width. */
  readonly width: number | null
  readonly hidden: boolean
}

export interface Preferences {
  /** The Ledger account proposed as payer per network: chain id (decimal) -> derivation path. */
  readonly payerAccounts: Readonly<Record<string, string>>
  /** The mass payout grid's columns, the same for every payout; null until the desk arranges them. */
  readonly gridColumns: readonly GridColumnPreference[] | null
}

/** The chain -> account path pairs of a stored map that are well formed; anything else is left out. */
export function payerAccountsIn(stored: unknown): Record<string, string> {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {}
  const out: Record<string, string> = {}
  for (const [chain, path] of Object.entries(stored))
    if (/^[1-9][0-9]{0,15}$/.test(chain) && typeof path === 'string' && ACCOUNT_PATH_PATTERN.test(path))
      out[chain] = path
  return out
}
