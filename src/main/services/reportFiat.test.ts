// Runs in: tests (plain Node, Vitest). The payout report file of payouts really paid on anvil: once
// rates were captured, each paid row carries its fiat value (cents and exact), rate and rate source,
// and each transaction its fee's value, all as exact decimal text; a payout with nothing captured
// has the same columns, empty. The category and cost center sit beside the reference.
import * as XLSX from '@e965/xlsx'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ACCOUNTING_CHAIN_START_MS,
  startAccountingChain,
  type AccountingChain,
  type PaidPayout
} from '../../test/paidPayoutFixture'
import { captureAccounting } from '../accounting/capture'
import { centsText, exactText, fiatCents, fiatValue, ratioOfDecimal } from '../accounting/exact'
import { NATIVE_DECIMALS } from '../domain/catalogue'
import { finalTransactions, transactionFacts } from '../store/accountingRepo'
import { payoutReportFile } from './payoutReport'

const ETH_RATE = 2_500_500_000_00n // 2500.5
const TUSD_RATE = 99_985_000n // 0.99985
const EUR_RATE = 108_000_000n
const TUSD_DECIMALS = 6
const rate8 = (units: bigint) => ratioOfDecimal({ units, scale: 8 })

let chain: AccountingChain
let captured: PaidPayout
let uncaptured: PaidPayout

beforeAll(async () => {
  chain = await startAccountingChain('report.sqlite')
  await chain.setRates({ eth: ETH_RATE, tusd: TUSD_RATE, eur: EUR_RATE })
  captured = await chain.pay({
    id: 'PO-VALUED',
    asset: 'token',
    plan: 'batch',
    rows: [
      { amount: 1_500_000n, name: 'Alice', reference: 'INV-1', category: '6100 Salaries', costCenter: 'Eng' },
      { amount: 333_333_333n, name: 'Bob', reference: 'INV-2' }
    ]
  })
  uncaptured = await chain.pay({ id: 'PO-NOT-VALUED', asset: 'token', plan: 'batch', rows: [{ amount: 7n }] })
  await captureAccounting(
    { db: chain.db, rpc: chain.fx.rpc, catalogue: chain.catalogue, feeds: chain.directory, now: () => new Date() },
    captured.payoutId
  )
}, ACCOUNTING_CHAIN_START_MS)
afterAll(async () => {
  await chain?.stop()
})

function csvRows(id: string): Record<string, string>[] {
  const file = payoutReportFile(chain.db, chain.catalogue, id, 'csv', null)
  const [header, ...lines] = Buffer.from(file.contentBase64, 'base64')
    .toString('utf8')
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n')
    .map((l) => l.split(','))
  return lines.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ''])))
}

function sheet(id: string, name: string): { rows: Record<string, string>[]; ws: XLSX.WorkSheet } {
  const file = payoutReportFile(chain.db, chain.catalogue, id, 'xlsx', null)
  const ws = XLSX.read(Buffer.from(file.contentBase64, 'base64'), { type: 'buffer' }).Sheets[name]!
  return { rows: XLSX.utils.sheet_to_json<Record<string, string>>(ws, { raw: false, defval: '' }), ws }
}

describe('the payout report with captured rates', () => {
  it('gives each paid row its exact fiat value, rate and rate source, and its category and cost center', () => {
    const rows = csvRows(captured.payoutId)
    const value = (amount: bigint) => fiatValue(amount, TUSD_DECIMALS, rate8(TUSD_RATE))
    expect(
      rows.map((r) => [r['category'], r['cost_center'], r['fiat_currency'], r['fiat_value'], r['fiat_value_exact']])
    ).toEqual([
      ['6100 Salaries', 'Eng', 'USD', centsText(fiatCents(value(1_500_000n))), exactText(value(1_500_000n))],
      ['', '', 'USD', centsText(fiatCents(value(333_333_333n))), exactText(value(333_333_333n))]
    ])
    // 333.333333 TUSD at 0.99985, worked by hand: exact to the last digit, the cents beside it.
    expect(rows[1]!['fiat_value_exact']).toBe('333.28333300005')
    expect(rows[1]!['fiat_value']).toBe('333.28')
    expect(rows.map((r) => [r['fiat_rate'], r['rate_source']])).toEqual([
      ['0.99985', 'chainlink'],
      ['0.99985', 'chainlink']
    ])
    expect(rows[0]!['rate_description']).toMatch(/TUSD/)
  })

  it("gives each final transaction its fee's fiat value at the ETH rate, and totals in the summary", () => {
    const { rows, ws } = sheet(captured.payoutId, 'Transactions')
    const final = finalTransactions(chain.db.read, captured.payoutId)
    expect(final.length).toBeGreaterThan(0)
    let feeCents = 0n
    for (const tx of final) {
      const fee = transactionFacts(chain.db.read, tx.hash)!.feePaid
      const value = fiatValue(fee, NATIVE_DECIMALS, rate8(ETH_RATE))
      feeCents += fiatCents(value)
      const row = rows.find((r) => r['tx_hash'] === tx.hash)!
      expect([
        row['fee_fiat_value'],
        row['fee_fiat_value_exact'],
        row['fee_fiat_rate'],
        row['fee_rate_source']
      ]).toEqual([centsText(fiatCents(value)), exactText(value), '2500.5', 'chainlink'])
    }
    // Text cells: no spreadsheet float ever holds a fiat value.
    const header = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 })[0]!
    const column = XLSX.utils.encode_col(header.indexOf('fee_fiat_value_exact'))
    expect(ws[`${column}2`]).toMatchObject({ t: 's' })
    const summary = XLSX.utils.sheet_to_json<string[]>(sheet(captured.payoutId, 'Summary').ws, { header: 1 })
    expect(summary.find((r) => r[0] === 'network fees value (USD)')?.[1]).toBe(centsText(feeCents))
    expect(summary.find((r) => r[0] === 'payments value (USD)')?.[1]).toBe('334.78')
  })
})

describe('the payout report with nothing captured', () => {
  it('has the same fiat columns, empty, and says which values are missing', () => {
    const rows = csvRows(uncaptured.payoutId)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ fiat_currency: '', fiat_value: '', fiat_value_exact: '', rate_source: '' })
    const tx = sheet(uncaptured.payoutId, 'Transactions').rows
    expect(tx.every((r) => r['fee_fiat_value'] === '' && r['fee_rate_source'] === '')).toBe(true)
    const summary = XLSX.utils.sheet_to_json<string[]>(sheet(uncaptured.payoutId, 'Summary').ws, { header: 1 })
    expect(summary.find((r) => r[0] === 'fiat currency')?.[1] ?? '').toBe('')
    expect(summary.find((r) => r[0] === 'fiat values missing')?.[1]).toMatch(/TUSD/)
  })
})
