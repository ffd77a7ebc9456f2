// Runs in: main (pure, no I/O). What every export shares: its file names (target and date range),
// the dates each target wants, amount and fiat text, the description of an entry, and the rule
// that a fiat-only target (a bank statement) cannot take an entry whose value is unknown.
import type { FileContent } from '../../../shared/api'
import { formatAmountUnambiguous } from '../../domain/money'
import { AppFailure } from '../../../shared/errors'
import { centsText, exactText } from '../exact'
import { describeEntry, type Ledger, type LedgerEntry, type LedgerFiat } from '../ledger'
import type { Cell } from './csvWriter'

export interface ExportResult {
  readonly files: FileContent[]
  /** What the files leave out or shorten, in words. */
  readonly warnings: string[]
}

/** "xero-bank-statement_2026-05-01_to_2026-05-31[_PO-1][_part-2-of-3].csv" */
export function ledgerFileName(
  target: string,
  ledger: Pick<Ledger, 'from' | 'to' | 'payoutIds'>,
  scope: 'payout' | 'range',
  extension: 'csv' | 'xlsx',
  part?: { readonly index: number; readonly count: number }
): string {
  const range = ledger.from === null ? 'no-dates' : `${ledger.from}_to_${ledger.to}`
  const payout = scope === 'payout' && ledger.payoutIds[0] !== undefined ? `_${ledger.payoutIds[0]}` : ''
  const suffix = part === undefined || part.count === 1 ? '' : `_part-${part.index}-of-${part.count}`
  const safe = `${target}_${range}${payout}${suffix}`.replace(/[^A-Za-z0-9._-]+/g, '-')
  return `${safe}.${extension}`
}

export function fileOf(fileName: string, bytes: Uint8Array): FileContent {
  return { fileName, contentBase64: Buffer.from(bytes).toString('base64') }
}

/** 2026-05-31T08:15:00Z -> parts, UTC. */
function parts(iso: string): { y: string; m: string; d: string; time: string } {
  return { y: iso.slice(0, 4), m: iso.slice(5, 7), d: iso.slice(8, 10), time: iso.slice(11, 19) }
}

export type DateOrder = 'dmy' | 'mdy'

/** "31/05/2026" (dmy) or "05/31/2026" (mdy). */
export function slashDate(iso: string, order: DateOrder): string {
  const { y, m, d } = parts(iso)
  return order === 'dmy' ? `${d}/${m}/${y}` : `${m}/${d}/${y}`
}

/** "2026-05-31 08:15:00" (UTC). */
export function isoDateTime(iso: string): string {
  const { y, m, d, time } = parts(iso)
  return `${y}-${m}-${d} ${time}`
}

export function amountText(e: Pick<LedgerEntry, 'amount' | 'asset'>): string {
  return formatAmountUnambiguous(e.amount, e.asset.decimals)
}

export const hasValue = (fiat: LedgerEntry['fiat']): fiat is LedgerFiat => !('missing' in fiat)

/** Money out as a bank statement shows it: negative cents. */
export function outflowCents(fiat: LedgerFiat): string {
  return centsText(-fiat.cents)
}

/** The exact rate as text (a decimal, or a fraction when a cross rate is not one). */
export const rateText = (fiat: LedgerFiat): string => exactText(fiat.rate)

/** One line telling a bookkeeper what the entry is, the exact crypto amount included. */
export function entryDescription(e: LedgerEntry): string {
  const what =
    e.kind === 'payment'
      ? `${amountText(e)} ${e.asset.symbol} to ${e.to} (${e.payoutId} row ${e.row})`
      : `Network fee ${amountText(e)} ${e.asset.symbol} (${e.payoutId})`
  const memo = e.memo.trim() === '' ? '' : `; ${e.memo.trim()}`
  return `${what}; tx ${e.txHash}${memo}`
}

/** Entries without a fiat value cannot go into a bank statement: refuse, saying which and why. */
export function requireValues(entries: readonly LedgerEntry[], target: string): void {
  const missing = entries.filter((e) => !hasValue(e.fiat))
  if (missing.length === 0) return
  const first = missing[0]!
  const reason = 'missing' in first.fiat ? first.fiat.missing : ''
  throw new AppFailure(
    'export_values_missing',
    `${missing.length} ${missing.length === 1 ? 'entry has' : 'entries have'} no ${first.fiat.currency} value, which a ${target} file needs (first: ${describeEntry(first)}: ${reason}). Capture the rates or type them for the payout, then export again.`
  )
}

/**
 * The entries a bank statement holds: dated, valued (else the export is refused) and not 0.00
 * once rounded (no bank line of nothing); what is left out is said in the warnings.
 */
export function statementEntries(ledger: Ledger, target: string): { entries: LedgerEntry[]; warnings: string[] } {
  const warnings: string[] = []
  const dated = ledger.entries.filter((e) => e.dateUtc !== null)
  if (dated.length < ledger.entries.length)
    warnings.push(`${ledger.entries.length - dated.length} entries have no block time yet and are not in the file.`)
  requireValues(dated, target)
  const entries = dated.filter((e) => hasValue(e.fiat) && e.fiat.cents !== 0n)
  if (entries.length < dated.length)
    warnings.push(
      `${dated.length - entries.length} entries round to 0.00 ${dated[0]?.fiat.currency ?? ''} and are left out; the ledger file has their exact values.`
    )
  return { entries, warnings }
}

/**
 * Lines as crypto tax tools take them: one per payment, each transaction's fee written into its
 * first payment line (`withFee`), and the fee of a transaction that paid nobody (a token approval)
 * on a line of its own. Entries without a block time are left out and counted in the warning.
 */
export function linesWithFees(
  ledger: Ledger,
  line: (e: LedgerEntry) => Cell[],
  withFee: (line: Cell[], fee: LedgerEntry) => void
): { rows: Cell[][]; warnings: string[] } {
  const rows: Cell[][] = []
  const firstLineOfTx = new Map<string, number>()
  let undated = 0
  for (const e of ledger.entries) {
    if (e.dateUtc === null) {
      undated++
      continue
    }
    const at = firstLineOfTx.get(e.txHash)
    if (e.kind === 'fee' && at !== undefined) {
      withFee(rows[at]!, e)
      continue
    }
    if (e.kind === 'payment' && at === undefined) firstLineOfTx.set(e.txHash, rows.length)
    rows.push(line(e))
  }
  return { rows, warnings: undated === 0 ? [] : [`${undated} entries have no block time yet and are not in the file.`] }
}
