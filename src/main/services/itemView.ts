// Runs in: main (plain Node). How a payout item is shown to the renderer (`PayoutItem`): from an
// item held in memory (a row just edited), or straight from the columns a page read returns, so a
// 100,000-row payout is not turned into stored items first. Both give the same view of the same item.
// A valid amount is written so it reads back as the same value: the grid sends a row's text back
// whenever any cell of it is edited.
import type { PayoutItem } from '../../shared/api'
import { formatAmountUnambiguous, fromStoredAmount } from '../domain/money'
import { parseIssues, type ItemViewRow, type StoredItem } from '../store/payoutRepo'

export function itemView(it: StoredItem, decimals: number): PayoutItem {
  return {
    row: it.row,
    address: it.address ?? it.addressInput,
    amount: it.amount === null ? it.amountInput : formatAmountUnambiguous(it.amount, decimals),
    amountBaseUnits: it.amount === null ? null : it.amount.toString(),
    name: it.name,
    reference: it.reference,
    note: it.note,
    category: it.category ?? '',
    costCenter: it.costCenter ?? '',
    status: it.status,
    issues: it.issues,
    txHash: it.txHash,
    failure: it.failure ?? null
  }
}

export function itemViewOfRow(r: ItemViewRow, decimals: number): PayoutItem {
  const [
    row,
    address,
    stored,
    amountInput,
    name,
    reference,
    note,
    category,
    costCenter,
    status,
    issues,
    txHash,
    failure
  ] = r
  // Through bigint, as every stored amount is read: the digits are checked, and shown exactly.
  const amount = stored === null ? null : fromStoredAmount(stored)
  return {
    row,
    address,
    amount: amount === null ? amountInput : formatAmountUnambiguous(amount, decimals),
    amountBaseUnits: amount === null ? null : amount.toString(),
    name,
    reference,
    note,
    category,
    costCenter,
    status,
    issues: parseIssues(issues),
    txHash,
    failure
  }
}
