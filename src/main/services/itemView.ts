// Runs in: main (plain Node). How a payout item is shown to the renderer (`PayoutItem`): from an
// item held in memory (a row just edited), or straight from the columns a page read returns, so a
// 100,000-row payout is not turned into stored items first; and a page of rows as the grid editor
// holds them (`PayoutRowsPage`: one array per column). All give the same view of the same item.
// A valid amount is written so it reads back as the same value: the grid sends a row's text back
// whenever any cell of it is edited.
import type { Issue, PayoutItem, PayoutRowsPage } from '../../shared/api'
import { formatAmountUnambiguous, fromStoredAmount } from '../domain/money'
import { parseIssues, type GridCellsRow, type ItemViewRow, type StoredItem } from '../store/payoutRepo'

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

/** The amount shown and its base units, from a page read's stored digits (or null) and the text entered. */
function shownAmount(
  stored: string | null,
  amountInput: string,
  decimals: number
): readonly [amount: string, baseUnits: string | null] {
  if (stored === null) return [amountInput, null]
  // Through bigint, as every stored amount is read: the digits are checked, and shown exactly.
  const amount = fromStoredAmount(stored)
  return [formatAmountUnambiguous(amount, decimals), amount.toString()]
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
    issues,
    status,
    txHash,
    failure
  ] = r
  const [amount, amountBaseUnits] = shownAmount(stored, amountInput, decimals)
  return {
    row,
    address,
    amount,
    amountBaseUnits,
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

/** The grid's columns of consecutive rows (`gridCellsAfter`): entry i is `rows[i]`, shown as itemViewOfRow shows it. */
export function rowColumnsOf(
  rows: readonly GridCellsRow[],
  decimals: number
): Omit<PayoutRowsPage, 'recipientCount' | 'updatedAt' | 'firstRow'> {
  const n = rows.length
  const address = new Array<string>(n)
  const amount = new Array<string>(n)
  const amountBaseUnits = new Array<string | null>(n)
  const name = new Array<string>(n)
  const reference = new Array<string>(n)
  const note = new Array<string>(n)
  const category = new Array<string>(n)
  const costCenter = new Array<string>(n)
  const issues: Array<readonly [number, readonly Issue[]]> = []
  for (let i = 0; i < n; i++) {
    const [
      shownAddress,
      stored,
      amountInput,
      rowName,
      rowReference,
      rowNote,
      rowCategory,
      rowCostCenter,
      storedIssues
    ] = rows[i]!
    const shown = shownAmount(stored, amountInput, decimals)
    address[i] = shownAddress
    amount[i] = shown[0]
    amountBaseUnits[i] = shown[1]
    name[i] = rowName
    reference[i] = rowReference
    note[i] = rowNote
    category[i] = rowCategory
    costCenter[i] = rowCostCenter
    const found = parseIssues(storedIssues)
    if (found.length > 0) issues.push([i, found])
  }
  return { address, amount, amountBaseUnits, name, reference, note, category, costCenter, issues }
}
