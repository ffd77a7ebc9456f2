// Runs in: tests (plain Node, Vitest). Every export of a payout really paid on anvil, read back
// column by column against its target's documented layout; amounts parsed back to the same base
// units and fiat values to the same cents; cells a spreadsheet would run as formulas escaped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCOUNTING_CHAIN_START_MS, startAccountingChain, type AccountingChain } from '../../../test/paidPayoutFixture'
import { parseAmount } from '../../domain/money'
import { parseDelimited } from '../../registry/csv'
import { sheetLibrary } from '../../registry/sheetLibrary'
import { captureAccounting } from '../capture'
import { centsText, exactText, parseExactText, ratio } from '../exact'
import { buildLedger, type LedgerEntry } from '../ledger'
import { CRYPTIO_HEADER } from './cryptio'
import { exportLedger, type ExportTarget } from './index'
import { KOINLY_HEADER } from './koinly'
import { LEDGER_HEADER } from './plainLedger'
import { QBO_3_COLUMN_HEADER, QBO_4_COLUMN_HEADER } from './quickbooks'
import { XERO_HEADER } from './xero'

let chain: AccountingChain
let entries: LedgerEntry[]
const PAYOUT = 'PO-EXPORT'

function read(target: ExportTarget, fileIndex = 0): { name: string; header: string[]; rows: string[][] } {
  const { files } = exportLedger(chain.db, chain.catalogue, { scope: { payoutId: PAYOUT }, target })
  const file = files[fileIndex]!
  const text = Buffer.from(file.contentBase64, 'base64')
    .toString('utf8')
    .replace(/^\ufeff/, '')
  expect(text.endsWith('\r\n')).toBe(true)
  const parsed = parseDelimited(text, ',')
  if (!parsed.ok) throw new Error(parsed.message)
  const [header, ...rows] = parsed.records
  return { name: file.fileName, header: header!, rows }
}

const fiatOf = (e: LedgerEntry) => {
  if ('missing' in e.fiat) throw new Error('no value')
  return e.fiat
}
const payments = () => entries.filter((e) => e.kind === 'payment')
const fees = () => entries.filter((e) => e.kind === 'fee')
const ymd = (e: LedgerEntry) => ({ y: e.dateUtc!.slice(0, 4), m: e.dateUtc!.slice(5, 7), d: e.dateUtc!.slice(8, 10) })
/** Amount text read back with the app's own parser: the same base units, or the test fails. */
const baseUnits = (text: string, decimals: number) => {
  const parsed = parseAmount(text, decimals, 'X', { allowZero: true })
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.value
}

beforeAll(async () => {
  chain = await startAccountingChain('exports.sqlite')
  await chain.setRates({ eth: 2_500_500_000_00n, tusd: 100_010_000n, eur: 110_000_000n })
  await chain.pay({
    id: PAYOUT,
    asset: 'token',
    plan: 'batch',
    description: 'June payroll',
    rows: [
      { amount: 1_234_500_000n, name: 'Alice, Ltd', reference: 'INV "7"', note: '=HYPERLINK("x")', category: '6100' },
      { amount: 1_234n, name: '', reference: '', note: '', costCenter: 'Ops' },
      { amount: 99_000_000n, name: '@Bob', reference: '-REF', note: 'second line\nhere' }
    ]
  })
  await captureAccounting(
    { db: chain.db, rpc: chain.fx.rpc, catalogue: chain.catalogue, feeds: chain.directory, now: () => new Date() },
    PAYOUT,
    { currencies: ['USD', 'EUR'] }
  )
  entries = buildLedger(chain.db, chain.catalogue, { payoutId: PAYOUT }).entries
  expect(entries.map((e) => e.kind)).toEqual(['fee', 'payment', 'payment', 'payment', 'fee'])
}, ACCOUNTING_CHAIN_START_MS)
afterAll(async () => {
  await chain?.stop()
})

describe('Xero bank statement', () => {
  it('has exactly Xero template columns, DD/MM/YYYY dates and negative cents for money out', () => {
    const { name, header, rows } = read('xero')
    expect(header).toEqual([...XERO_HEADER])
    expect(name).toMatch(/^xero-bank-statement_\d{4}-\d{2}-\d{2}_to_\d{4}-\d{2}-\d{2}_PO-EXPORT\.csv$/)
    // The 1234 base-unit row (0.001234 TUSD) rounds to 0.00 and is left out; fees are tiny on anvil too.
    const kept = entries.filter((e) => fiatOf(e).cents !== 0n)
    expect(rows).toHaveLength(kept.length)
    rows.forEach((row, i) => {
      const e = kept[i]!
      const { y, m, d } = ymd(e)
      expect(row[0]).toBe(`${d}/${m}/${y}`)
      expect(row[1]).toBe(centsText(-fiatOf(e).cents))
      expect(row[1]!.startsWith('-')).toBe(true)
      expect(row[2]).toBe(e.payee === '' ? e.to : e.payee.startsWith('@') ? `'${e.payee}` : e.payee)
      expect(row[3]).toContain(e.txHash)
      expect(row[4]).toBe(e.reference === '' ? e.txHash : e.reference.startsWith('-') ? `'${e.reference}` : e.reference)
    })
    const alice = rows.find((r) => r[2] === 'Alice, Ltd')!
    expect(alice[1]).toBe('-1234.62')
    // A formula after a separator inside the cell is escaped too (Excel in ';' locales would split there).
    expect(alice[3]).toMatch(/^1234\.5 TUSD to 0x[0-9a-fA-F]{40} \(PO-EXPORT row 1\); tx 0x[0-9a-f]{64}; '=HYPERLINK/)
    expect(alice[4]).toBe('INV "7"')
  })

  it('dates MM/DD/YYYY for an organisation that orders them so', () => {
    const { files } = exportLedger(chain.db, chain.catalogue, {
      scope: { payoutId: PAYOUT },
      target: 'xero',
      dateOrder: 'mdy'
    })
    const text = Buffer.from(files[0]!.contentBase64, 'base64').toString('utf8')
    const { y, m, d } = ymd(entries[1]!)
    expect(text).toContain(`\r\n${m}/${d}/${y},-1234.62,`)
  })

  it('refuses to write a statement with a payment that has no value, saying which', () => {
    expect(() =>
      exportLedger(chain.db, chain.catalogue, { scope: { payoutId: PAYOUT }, target: 'xero', currency: 'USD' })
    ).not.toThrow()
    const reading = chain.db.write.prepare(
      "UPDATE fiat_rates SET rate_units = NULL, rate_scale = NULL WHERE base = 'TUSD'"
    )
    reading.run()
    try {
      expect(() => exportLedger(chain.db, chain.catalogue, { scope: { payoutId: PAYOUT }, target: 'xero' })).toThrow(
        /3 entries have no USD value, which a Xero file needs \(first: Payout PO-EXPORT row 1/
      )
    } finally {
      chain.db.write.prepare("UPDATE fiat_rates SET rate_units = '100010000', rate_scale = 8 WHERE base = 'TUSD'").run()
    }
  })
})

describe('QuickBooks Online bank upload', () => {
  it('3 columns: Date (MM/DD/YYYY), Description, one signed Amount', () => {
    const { header, rows } = read('quickbooks_3_column')
    expect(header).toEqual([...QBO_3_COLUMN_HEADER])
    const kept = entries.filter((e) => fiatOf(e).cents !== 0n)
    rows.forEach((row, i) => {
      const { y, m, d } = ymd(kept[i]!)
      expect(row).toHaveLength(3)
      expect(row[0]).toBe(`${m}/${d}/${y}`)
      expect(row[2]).toBe(centsText(-fiatOf(kept[i]!).cents))
    })
    expect(rows.find((r) => r[1]!.startsWith('Alice'))![1]).toMatch(/^Alice, Ltd: 1234\.5 TUSD to 0x/)
    expect(rows.find((r) => r[1]!.startsWith('Network fee'))![1]).toMatch(/^Network fee [0-9.]+ ETH \(PO-EXPORT\)/)
  })

  it('4 columns: Date, Description, Credit blank and Debit positive for money out', () => {
    const { header, rows } = read('quickbooks_4_column')
    expect(header).toEqual([...QBO_4_COLUMN_HEADER])
    const kept = entries.filter((e) => fiatOf(e).cents !== 0n)
    rows.forEach((row, i) => {
      expect(row[2]).toBe('')
      expect(row[3]).toBe(centsText(fiatOf(kept[i]!).cents))
      expect(row[3]!.startsWith('-')).toBe(false)
    })
  })
})

describe('Koinly universal', () => {
  it('has the universal template columns, UTC dates, exact sent amounts and each fee on its first payment line', () => {
    const { header, rows } = read('koinly')
    expect(header).toEqual([...KOINLY_HEADER])
    // The approval paid nobody: its own "cost" line; the batch fee rides on Alice's line.
    expect(rows).toHaveLength(4)
    const [approve, alice, tiny, bob] = rows as [string[], string[], string[], string[]]
    const approveFee = fees()[0]!
    const batchFee = fees()[1]!
    expect(approve.slice(1, 3)).toEqual([exactAmount(approveFee), 'ETH'])
    expect(approve[9]).toBe('cost')
    expect(approve[11]).toBe(approveFee.txHash)
    expect(alice[0]).toBe(`${entries[1]!.dateUtc!.slice(0, 10)} ${entries[1]!.dateUtc!.slice(11, 16)} UTC`)
    expect(alice.slice(1, 7)).toEqual(['1234.5', 'TUSD', '', '', exactAmount(batchFee), 'ETH'])
    expect(alice.slice(7, 9)).toEqual([centsText(fiatOf(entries[1]!).cents), 'USD'])
    expect(tiny.slice(1, 3)).toEqual(['0.001234', 'TUSD'])
    expect(tiny[5]).toBe('')
    expect(bob[10]).toMatch(/^'@Bob: 99 TUSD/)
    for (const row of rows) expect(row[11]).toMatch(/^0x[0-9a-f]{64}$/)
    const sent = [alice, tiny, bob].map((r) => baseUnits(r[1]!, 6))
    expect(sent).toEqual(payments().map((e) => e.amount))
    expect(baseUnits(alice[5]!, 18)).toBe(batchFee.amount)
  })
})

describe('Cryptio custom CSV', () => {
  it('has the template columns in order, lower-case withdraw, UTC date-times and the exact unit rate', () => {
    const { header, rows } = read('cryptio')
    expect(header).toEqual([...CRYPTIO_HEADER])
    expect(rows).toHaveLength(4)
    const [approve, alice] = rows as [string[], string[]]
    for (const row of rows) {
      expect(row[1]).toBe('withdraw')
      expect(row[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
      expect(row.slice(3, 7)).toEqual(['', '', '', ''])
    }
    expect(approve.slice(7, 11)).toEqual(['ETH', exactAmount(fees()[0]!), '2500.5', ''])
    expect(alice.slice(7, 11)).toEqual(['TUSD', '1234.5', '1.0001', ''])
    expect(alice.slice(11, 15)).toEqual(['ETH', exactAmount(fees()[1]!), '2500.5', ''])
    expect(alice[15]).toBe(entries[1]!.to)
    expect(alice[16]).toBe(`PO-EXPORT row 1; Alice, Ltd; INV "7"; '=HYPERLINK("x"); category 6100`)
    expect(rows.slice(1).map((r) => baseUnits(r[8]!, 6))).toEqual(payments().map((e) => e.amount))
  })

  it('gives the value instead of the unit rate where a EUR rate is no finite decimal', () => {
    const { files } = exportLedger(chain.db, chain.catalogue, {
      scope: { payoutId: PAYOUT },
      target: 'cryptio',
      currency: 'EUR'
    })
    const parsed = parseDelimited(Buffer.from(files[0]!.contentBase64, 'base64').toString('utf8'), ',')
    if (!parsed.ok) throw new Error(parsed.message)
    const alice = parsed.records[2]!
    // 1.0001 / 1.1 = 10001/11000 is no finite decimal: the value, 1234.5 x that = 1122.38495..., to the cent.
    const eurAlice = buildLedger(chain.db, chain.catalogue, { payoutId: PAYOUT }, 'EUR').entries[1]!
    expect(fiatOf(eurAlice).value).toEqual(ratio(12_345n * 10_001n, 10n * 11_000n))
    expect(alice.slice(9, 11)).toEqual(['', '1122.38'])
  })
})

describe('plain ledger', () => {
  it('CSV: every ledger column, amounts and fiat values reading back exactly', () => {
    const { name, header, rows } = read('ledger_csv')
    expect(name).toMatch(/^treasury-ledger_.*_PO-EXPORT\.csv$/)
    expect(header).toEqual([...LEDGER_HEADER])
    const col = (row: string[], h: (typeof LEDGER_HEADER)[number]) => row[LEDGER_HEADER.indexOf(h)]!
    rows.forEach((row, i) => {
      const e = entries[i]!
      expect(col(row, 'entry')).toBe(e.kind)
      expect(col(row, 'tx_hash')).toBe(e.txHash)
      const amount = e.kind === 'payment' ? col(row, 'amount') : col(row, 'fee_amount')
      expect(baseUnits(amount, e.asset.decimals)).toBe(e.amount)
      expect(BigInt(e.kind === 'payment' ? col(row, 'amount_base_units') : col(row, 'fee_amount_base_units'))).toBe(
        e.amount
      )
      expect(parseExactText(col(row, 'fiat_value_exact'))).toEqual(fiatOf(e).value)
      expect(parseExactText(col(row, 'fiat_rate'))).toEqual(fiatOf(e).rate)
      expect(col(row, 'fiat_value')).toBe(centsText(fiatOf(e).cents))
      expect(col(row, 'payout_id')).toBe(PAYOUT)
    })
    expect(col(rows[1]!, 'memo')).toBe(`'=HYPERLINK("x")`)
    expect(col(rows[1]!, 'category')).toBe('6100')
    expect(col(rows[2]!, 'cost_center')).toBe('Ops')
    expect(col(rows[3]!, 'memo')).toBe('second line\nhere')
  })

  it('XLSX: text everywhere, and a number only where it equals the exact text beside it', () => {
    const { files } = exportLedger(chain.db, chain.catalogue, { scope: { payoutId: PAYOUT }, target: 'ledger_xlsx' })
    expect(files[0]!.fileName).toMatch(/\.xlsx$/)
    const XLSX = sheetLibrary()
    const wb = XLSX.read(Buffer.from(files[0]!.contentBase64, 'base64'), { type: 'buffer' })
    const ws = wb.Sheets['Ledger']!
    const grid = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null })
    const header = grid[0] as string[]
    const at = (r: number, h: string) =>
      ws[XLSX.utils.encode_cell({ r, c: header.indexOf(h) })] as { t: string; v: unknown } | undefined
    expect(header.filter((h) => !h.endsWith('_number'))).toEqual([...LEDGER_HEADER])
    // 1234.5 TUSD is exactly a double; 0.001234 is not.
    expect(at(2, 'amount')).toMatchObject({ t: 's', v: '1234.5' })
    expect(at(2, 'amount_number')).toMatchObject({ t: 'n', v: 1234.5 })
    expect(at(3, 'amount')).toMatchObject({ t: 's', v: '0.001234' })
    expect(at(3, 'amount_number')).toBeUndefined()
    for (let r = 1; r < grid.length; r++) {
      const exact = at(r, 'fiat_value_exact')!.v as string
      const number = at(r, 'fiat_value_exact_number')
      if (number !== undefined)
        expect(exactText(ratio(BigInt(Math.round((number.v as number) * 2 ** 30)), 2n ** 30n))).toBe(exact)
      expect(parseExactText(exact)).toEqual(fiatOf(entries[r - 1]!).value)
    }
    expect(wb.SheetNames).toEqual(['Ledger', 'About'])
  })
})

function exactAmount(e: LedgerEntry): string {
  const digits = e.amount.toString().padStart(e.asset.decimals + 1, '0')
  const text = `${digits.slice(0, -e.asset.decimals)}.${digits.slice(-e.asset.decimals)}`.replace(/\.?0+$/, '')
  return /^[1-9][0-9]{0,2}\.[0-9]{3}$/.test(text) ? `${text}0` : text
}
