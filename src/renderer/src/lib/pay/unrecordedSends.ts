// Runs in: renderer. Main's refusal to sign while the paying account has sent transactions this
// data folder has no record of (code unrecorded_sends): what a person must look at before saying
// that none of them paid this payout's rows, read from the refusal's details.
import type { AppError } from '../../../../shared/result'

export interface UnrecordedSendsToCheck {
  /** The paying account, as main named it. */
  readonly account: string
  /** The account's count of transactions: the statement covers numbers up to through - 1. */
  readonly through: number
  /** The count every endpoint agrees on: below `through` while they disagree, when no statement can be signed. */
  readonly agreed: number
  /** Rows an unrecorded transaction paid the recipient of, in their amount (none when it is only unread). */
  readonly rows: readonly number[]
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

/** What the refusal asks to be looked at; null for any other error, or details not in this shape. */
export function unrecordedSendsOf(error: AppError | null): UnrecordedSendsToCheck | null {
  if (error === null || error.code !== 'unrecorded_sends') return null
  const d = error.details as { account?: unknown; through?: unknown; agreed?: unknown; rows?: unknown } | undefined
  if (d === undefined || d === null || typeof d.account !== 'string' || !ADDRESS.test(d.account)) return null
  if (typeof d.through !== 'number' || !Number.isSafeInteger(d.through) || d.through < 1) return null
  const rows = Array.isArray(d.rows) ? d.rows.filter((r): r is number => Number.isSafeInteger(r)) : []
  const agreed =
    typeof d.agreed === 'number' && Number.isSafeInteger(d.agreed) && d.agreed >= 0 && d.agreed < d.through
      ? d.agreed
      : d.through
  return { account: d.account, through: d.through, agreed, rows }
}
