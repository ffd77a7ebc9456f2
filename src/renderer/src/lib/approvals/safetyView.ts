// Runs in: renderer. The recipient safety panel's view model: which rows block submitting (a
// look-alike of a known payee not yet checked by a person), which are first payments, which carry
// a label, and how to show an address beside the one it imitates so the differing middle stands out.
import type { RecipientSafetyView } from '../../../../shared/approvals'
import { plural } from '../format'

export const SAFETY_LEVEL = {
  blocking: 'blocking',
  checked: 'checked',
  firstPayment: 'first_payment',
  known: 'known'
} as const
export type SafetyLevel = (typeof SAFETY_LEVEL)[keyof typeof SAFETY_LEVEL]

export interface SafetyRowModel {
  readonly row: RecipientSafetyView
  readonly level: SafetyLevel
}

export interface SafetyModel {
  /** Rows that need a person's attention (look-alikes first, then first payments); a known payee is not listed. */
  readonly rows: readonly SafetyRowModel[]
  readonly blockingRows: readonly number[]
  readonly firstPayments: number
  readonly labelled: number
  readonly total: number
}

const ORDER: Readonly<Record<SafetyLevel, number>> = { blocking: 0, checked: 1, first_payment: 2, known: 3 }

export function levelOf(row: RecipientSafetyView): SafetyLevel | null {
  if (row.lookalikes.length > 0) return row.acknowledged ? SAFETY_LEVEL.checked : SAFETY_LEVEL.blocking
  if (row.firstPayment) return SAFETY_LEVEL.firstPayment
  if (row.label !== null) return SAFETY_LEVEL.known
  return null
}

export function safetyModel(rows: readonly RecipientSafetyView[]): SafetyModel {
  const shown: SafetyRowModel[] = []
  for (const row of rows) {
    const level = levelOf(row)
    if (level !== null && level !== SAFETY_LEVEL.known) shown.push({ row, level })
  }
  shown.sort((a, b) => ORDER[a.level] - ORDER[b.level] || a.row.row - b.row.row)
  return {
    rows: shown,
    blockingRows: shown.filter((r) => r.level === SAFETY_LEVEL.blocking).map((r) => r.row.row),
    firstPayments: rows.filter((r) => r.firstPayment).length,
    labelled: rows.filter((r) => r.label !== null).length,
    total: rows.length
  }
}

/** The list's filter: every row needing attention, or one kind of finding. */
export const SAFETY_FILTERS = ['all', 'lookalike', 'first_payment'] as const
export type SafetyFilter = (typeof SAFETY_FILTERS)[number]

/**
 * The rows a filter and a search keep. The search matches a row number exactly, or any part of the
 * row's address, its label or a label of the payee it resembles (case-insensitive).
 */
export function filterSafetyRows(
  rows: readonly SafetyRowModel[],
  filter: SafetyFilter,
  query: string
): SafetyRowModel[] {
  const q = query.trim().toLowerCase()
  return rows.filter(({ row, level }) => {
    if (filter === 'lookalike' && row.lookalikes.length === 0) return false
    if (filter === 'first_payment' && level !== SAFETY_LEVEL.firstPayment && !row.firstPayment) return false
    if (q === '') return true
    if (/^\d+$/.test(q)) return row.row === Number(q)
    const texts = [row.address, row.label ?? '', ...row.lookalikes.flatMap((l) => [l.address, l.label ?? ''])]
    return texts.some((t) => t.toLowerCase().includes(q))
  })
}

/** What must happen before the payout is submitted or paid, or null when nothing blocks. Lists at most a few rows. */
export function submitRefusal(blockingRows: readonly number[], listed = 5): string | null {
  if (blockingRows.length === 0) return null
  const shown = blockingRows.slice(0, listed).join(', ')
  const more = blockingRows.length > listed ? ` and ${blockingRows.length - listed} more` : ''
  return `Nothing is submitted or paid until ${plural(blockingRows.length, 'look-alike address is', 'look-alike addresses are')} checked (row ${shown}${more}). Compare each with the payee it resembles, then confirm "I checked this address" here, or acknowledge them in the submission confirmation.`
}

export interface AddressParts {
  readonly head: string
  readonly middle: string
  readonly tail: string
}

/**
 * Splits `address` into the start and end it shares with `other` (case-insensitive) and the
 * middle where they differ, so a poisoned address shows its difference at a glance.
 */
export function compareAddresses(address: string, other: string): AddressParts {
  const a = address.toLowerCase()
  const b = other.toLowerCase()
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++
  return {
    head: address.slice(0, head),
    middle: address.slice(head, address.length - tail),
    tail: address.slice(address.length - tail)
  }
}
