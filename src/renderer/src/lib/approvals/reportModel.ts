// Runs in: renderer. The payout report's figures: each recipient row beside the transaction that
// paid it (hash, block, state), and the fees actually paid summed in bigint base units of the
// network's native currency. Replaced transactions are listed but their fees are still counted,
// because a replaced transaction that was mined paid its fee too.
import type { PayoutItem } from '../../../../shared/api'
import type { PayoutTransactionView } from '../../../../shared/execution'

export interface ReportRow {
  readonly item: PayoutItem
  readonly transaction: PayoutTransactionView | null
}

export function reportRows(items: readonly PayoutItem[], transactions: readonly PayoutTransactionView[]): ReportRow[] {
  const byHash = new Map(transactions.map((t) => [t.hash.toLowerCase(), t]))
  return items.map((item) => ({
    item,
    transaction: item.txHash === null ? null : (byHash.get(item.txHash.toLowerCase()) ?? null)
  }))
}

const DIGITS = /^[0-9]+$/

/** Total fee paid in base units; transactions without a known fee (not mined yet) are counted apart. */
export function feesPaid(transactions: readonly PayoutTransactionView[]): {
  readonly totalBaseUnits: bigint
  readonly unknown: number
} {
  let total = 0n
  let unknown = 0
  for (const t of transactions) {
    if (t.feePaidBaseUnits !== null && DIGITS.test(t.feePaidBaseUnits)) total += BigInt(t.feePaidBaseUnits)
    else unknown++
  }
  return { totalBaseUnits: total, unknown }
}

/** Sum of the rows' amounts in base units (rows whose amount is invalid are skipped). */
export function amountTotal(items: readonly PayoutItem[]): bigint {
  let total = 0n
  for (const i of items)
    if (i.amountBaseUnits !== null && DIGITS.test(i.amountBaseUnits)) total += BigInt(i.amountBaseUnits)
  return total
}
