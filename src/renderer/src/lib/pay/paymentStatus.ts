// Runs in: renderer. Where a payout's money stands, from main's per-status row counts: how many
// rows are paid, failed, on their way, in need of checking or still to send; the explorer link for a transaction hash
// (none for a network without an explorer), and row lists as short labels.
import { ITEM_STATUSES, type ItemStatus } from '../../../../shared/statuses'
import { assertNever } from '../../../../shared/result'

export interface ItemTally {
  readonly total: number
  readonly paid: number
  readonly failed: number
  readonly sending: number
  /** Rows whose transaction has no readable receipt although its nonce is used: paid or not is unknown. */
  readonly needsCheck: number
  readonly toSend: number
  readonly cancelled: number
}

function bump(
  t: { paid: number; failed: number; sending: number; needsCheck: number; toSend: number; cancelled: number },
  status: ItemStatus,
  n: number
): void {
  switch (status) {
    case 'paid':
      t.paid += n
      return
    case 'failed':
      t.failed += n
      return
    case 'in_progress':
      t.sending += n
      return
    case 'needs_check':
      t.needsCheck += n
      return
    case 'draft':
    case 'queued':
      t.toSend += n
      return
    case 'cancelled':
      t.cancelled += n
      return
    default:
      assertNever(status, 'item status')
  }
}

/** Rows counted by outcome from main's per-status counts: exact across the whole payout, however many items are loaded. */
export function tallyCounts(counts: Readonly<Record<ItemStatus, number>>): ItemTally {
  const t = { total: 0, paid: 0, failed: 0, sending: 0, needsCheck: 0, toSend: 0, cancelled: 0 }
  for (const status of ITEM_STATUSES) {
    bump(t, status, counts[status])
    t.total += counts[status]
  }
  return t
}

const TX_HASH = /^0x[0-9a-fA-F]{64}$/

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

/** `${explorer}/${kind}/${id}` for a web explorer; null without one. */
function explorerPage(explorerUrl: string | null, kind: 'tx' | 'address', id: string): string | null {
  if (explorerUrl === null || explorerUrl === '') return null
  let base: URL
  try {
    base = new URL(explorerUrl)
  } catch {
    return null
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') return null
  return `${explorerUrl.replace(/\/+$/, '')}/${kind}/${id}`
}

/** `${explorer}/tx/${hash}`, or null when the network has no explorer or the hash is malformed. */
export function transactionUrl(explorerUrl: string | null, hash: string): string | null {
  return TX_HASH.test(hash) ? explorerPage(explorerUrl, 'tx', hash) : null
}

/** `${explorer}/address/${address}`, or null when the network has no explorer or the address is malformed. */
export function addressUrl(explorerUrl: string | null, address: string): string | null {
  return ADDRESS.test(address) ? explorerPage(explorerUrl, 'address', address) : null
}

/** "3 rows" -> "Rows 1–3", "Rows 1, 4, 7" (long lists shortened). */
export function rowsLabel(rows: readonly number[], max = 6): string {
  if (rows.length === 0) return 'No rows'
  if (rows.length === 1) return `Row ${rows[0]}`
  const sorted = [...rows].sort((a, b) => a - b)
  const contiguous = sorted.every((r, i) => i === 0 || r === (sorted[i - 1] ?? r) + 1)
  if (contiguous) return `Rows ${sorted[0]}–${sorted[sorted.length - 1]}`
  const shown = sorted.slice(0, max).join(', ')
  return sorted.length > max ? `Rows ${shown} and ${sorted.length - max} more` : `Rows ${shown}`
}
