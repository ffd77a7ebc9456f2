// Runs in: main (plain Node). The ledger itself as CSV (UTF-8 with a BOM, for spreadsheets) and
// XLSX (SheetJS): every column of every entry, amounts as exact decimal text and as base units,
// fiat values exact (a decimal, or a fraction for a cross rate that is not one) beside their
// rounded cents. In the workbook a number cell is written only where the value is exactly a binary
// double (12.5, not 12.3); every number has its exact text in the column beside it.
import { sheetLibrary } from '../../registry/sheetLibrary'
import { FIAT_ROUNDING_RULE, centsText, exactText, exactlyRepresentable, ratio, type Ratio } from '../exact'
import type { Ledger, LedgerEntry } from '../ledger'
import { csvBytes, num, text, type Cell } from './csvWriter'
import { amountText, fileOf, hasValue, ledgerFileName, rateText, type ExportResult } from './common'

export const LEDGER_HEADER = [
  'entry',
  'date_utc',
  'network',
  'chain_id',
  'block',
  'tx_hash',
  'tx_reverted',
  'from',
  'to',
  'payee',
  'asset',
  'asset_contract',
  'amount',
  'amount_base_units',
  'fee_asset',
  'fee_amount',
  'fee_amount_base_units',
  'fee_source',
  'fiat_currency',
  'fiat_rate',
  'fiat_value',
  'fiat_value_exact',
  'rate_source',
  'rate_basis',
  'rate_issues',
  'rate_detail',
  'memo',
  'reference',
  'category',
  'cost_center',
  'payout_id',
  'payout_description',
  'row'
] as const
export const LEDGER_TARGET = 'treasury-ledger'
const SHEET_NAME = 'Ledger'
const NOTES_SHEET = 'About'

/** The ledger columns of one entry, each cell text. */
function columns(e: LedgerEntry): Record<(typeof LEDGER_HEADER)[number], string> {
  const payment = e.kind === 'payment'
  const fiat = hasValue(e.fiat) ? e.fiat : undefined
  return {
    entry: e.kind,
    date_utc: e.dateUtc ?? '',
    network: e.network,
    chain_id: String(e.chainId),
    block: e.blockNumber?.toString() ?? '',
    tx_hash: e.txHash,
    tx_reverted: e.txReverted ? 'yes' : 'no',
    from: e.from,
    to: e.to,
    payee: e.payee,
    asset: payment ? e.asset.symbol : '',
    asset_contract: payment ? (e.asset.tokenAddress ?? 'native') : '',
    amount: payment ? amountText(e) : '',
    amount_base_units: payment ? e.amount.toString() : '',
    fee_asset: payment ? '' : e.asset.symbol,
    fee_amount: payment ? '' : amountText(e),
    fee_amount_base_units: payment ? '' : e.amount.toString(),
    fee_source: e.feeSource ?? '',
    fiat_currency: e.fiat.currency,
    fiat_rate: fiat === undefined ? '' : rateText(fiat),
    fiat_value: fiat === undefined ? '' : centsText(fiat.cents),
    fiat_value_exact: fiat === undefined ? '' : exactText(fiat.value),
    rate_source: fiat?.rateSource ?? '',
    rate_basis: fiat?.rateBasis ?? '',
    rate_issues: fiat?.rateIssues.join(' ') ?? '',
    rate_detail: fiat === undefined ? ('missing' in e.fiat ? e.fiat.missing : '') : fiat.rateDescription,
    memo: e.memo,
    reference: e.reference,
    category: e.category,
    cost_center: e.costCenter,
    payout_id: e.payoutId,
    payout_description: e.payoutDescription,
    row: e.row === null ? '' : String(e.row)
  }
}

/** Columns written as plain decimals (a number to an importer); all others are text. */
const NUMERIC = new Set<string>([
  'chain_id',
  'block',
  'amount',
  'amount_base_units',
  'fee_amount',
  'fee_amount_base_units',
  'fiat_value',
  'row'
])

export function ledgerCsv(ledger: Ledger, scope: 'payout' | 'range'): ExportResult {
  const rows = ledger.entries.map((e) => {
    const c = columns(e)
    return LEDGER_HEADER.map((h): Cell => (NUMERIC.has(h) ? num(c[h]) : text(c[h])))
  })
  return {
    files: [fileOf(ledgerFileName(LEDGER_TARGET, ledger, scope, 'csv'), csvBytes(LEDGER_HEADER, rows, { bom: true }))],
    warnings: [...ledger.warnings]
  }
}

/** Numeric twins in the workbook: each beside the exact text column it repeats. */
const NUMBER_TWINS: ReadonlyArray<readonly [string, (e: LedgerEntry) => Ratio | undefined]> = [
  ['amount', (e) => (e.kind === 'payment' ? ratio(e.amount, 10n ** BigInt(e.asset.decimals)) : undefined)],
  ['fee_amount', (e) => (e.kind === 'fee' ? ratio(e.amount, 10n ** BigInt(e.asset.decimals)) : undefined)],
  ['fiat_value_exact', (e) => (hasValue(e.fiat) ? e.fiat.value : undefined)]
]

export function ledgerXlsx(ledger: Ledger, scope: 'payout' | 'range'): ExportResult {
  const XLSX = sheetLibrary()
  const header: string[] = []
  for (const h of LEDGER_HEADER) {
    header.push(h)
    if (NUMBER_TWINS.some(([name]) => name === h)) header.push(`${h}_number`)
  }
  const ws: Record<string, unknown> = {}
  const put = (r: number, c: number, cell: object) => (ws[XLSX.utils.encode_cell({ r, c })] = cell)
  header.forEach((h, c) => put(0, c, { t: 's', v: h }))
  let unrepresentable = 0
  ledger.entries.forEach((e, i) => {
    const r = i + 1
    const values = columns(e)
    let c = 0
    for (const h of LEDGER_HEADER) {
      put(r, c++, { t: 's', v: values[h], z: '@' })
      const twin = NUMBER_TWINS.find(([name]) => name === h)
      if (twin === undefined) continue
      const value = twin[1](e)
      // Number(exact text) is the double nearest the value; written only when it IS the value.
      if (value !== undefined && exactlyRepresentable(value)) put(r, c, { t: 'n', v: Number(exactText(value)) })
      else if (value !== undefined) unrepresentable++
      c++
    }
  })
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: ledger.entries.length, c: header.length - 1 } })
  const about = [
    ['Treasury ledger'],
    [`Range: ${ledger.from ?? '-'} to ${ledger.to ?? '-'} (UTC dates)`],
    [`Fiat values rounded ${FIAT_ROUNDING_RULE}; fiat_value_exact holds the unrounded value.`],
    ['Columns ending in _number hold a number only where it equals the exact text beside it.'],
    ...ledger.warnings.map((w) => [w])
  ]
  const wb = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(wb, ws as never, SHEET_NAME)
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(about), NOTES_SHEET)
  const out: unknown = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true })
  if (!(out instanceof ArrayBuffer)) throw new Error('Spreadsheet writer returned no bytes')
  const warnings = [...ledger.warnings]
  if (unrepresentable > 0)
    warnings.push(`${unrepresentable} amounts are not exact binary numbers and are in the workbook as text only.`)
  return { files: [fileOf(ledgerFileName(LEDGER_TARGET, ledger, scope, 'xlsx'), new Uint8Array(out))], warnings }
}
