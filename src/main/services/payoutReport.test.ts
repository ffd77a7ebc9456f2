import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../test/tempDir'
import { createTreasury } from '../treasury'

const USDC_ETH = '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const ALICE = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const BOB = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'

describe('the payout report file', () => {
  it('writes each amount so no spreadsheet locale can misread it: an unambiguous decimal and the exact base units', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    try {
      // 1.234 USDC typed unambiguously; 1,234 USDC written with grouping and cents.
      const d = await t.createPayout({
        kind: 'mass',
        assetId: USDC_ETH,
        description: 'report',
        recipients: [
          { address: ALICE, amount: '1.2340' },
          { address: BOB, amount: '1,234.00' }
        ]
      })
      expect(d.errorCount).toBe(0)
      const csv = Buffer.from(
        (await t.exportPayoutReport({ id: d.id, format: 'csv' })).contentBase64,
        'base64'
      ).toString('utf8')
      const lines = csv
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n')
        .map((l) => l.split(','))
      const header = lines[0]!
      const amount = header.indexOf('amount')
      const baseUnits = header.indexOf('amount_base_units')
      expect(lines.slice(1).map((l) => [l[amount], l[baseUnits]])).toEqual([
        ['1.2340', '1234000'],
        ['1234', '1234000000']
      ])

      const wb = XLSX.read(
        Buffer.from((await t.exportPayoutReport({ id: d.id, format: 'xlsx' })).contentBase64, 'base64'),
        { type: 'buffer' }
      )
      const summary = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['Summary']!, { header: 1, raw: false })
      expect(summary.find((r) => r[0] === 'total')?.[1]).toBe('1,235.234000')
      expect(summary.find((r) => r[0] === 'total (base units)')?.[1]).toBe('1235234000')
      expect(summary.find((r) => r[0] === 'rows by status')?.[1]).toBe('draft 2')
    } finally {
      await t.close()
    }
  })

  it('gives amounts, blocks and row numbers as numbers in the asset’s format that sum to the payout’s total', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    try {
      const amounts = ['1250', '980.5', '334.9690', '0.000001', '75.25', '999999999.999999']
      const d = await t.createPayout({
        kind: 'mass',
        assetId: USDC_ETH,
        description: 'sum',
        recipients: amounts.map((amount, i) => ({ address: i % 2 === 0 ? ALICE : BOB, amount }))
      })
      const wb = XLSX.read(
        Buffer.from((await t.exportPayoutReport({ id: d.id, format: 'xlsx' })).contentBase64, 'base64'),
        { type: 'buffer', cellNF: true }
      )
      const sheet = wb.Sheets['Recipients']!
      const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true })
      const header = rows[0] as string[]
      const column = (name: string) => rows.slice(1).map((r) => r[header.indexOf(name)])
      expect(column('row')).toEqual([1, 2, 3, 4, 5, 6])
      const amountCells = rows
        .slice(1)
        .map((_, i) => sheet[XLSX.utils.encode_cell({ r: i + 1, c: header.indexOf('amount') })]!)
      expect(amountCells.map((c) => [c.t, c.z])).toEqual(amounts.map(() => ['n', '#,##0.000000']))
      // What SUM() in the spreadsheet shows, at the asset's six decimals, is the payout's total.
      const sum = (column('amount') as number[]).reduce((a, b) => a + b, 0)
      expect(sum.toFixed(6)).toBe('1000002640.719000')
      expect(d.totalBaseUnits).toBe('1000002640719000')
      expect(column('amount_base_units')).toContain('999999999999999')
    } finally {
      await t.close()
    }
  })

  it('keeps an amount a double cannot hold exactly as text, beside its base units', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    try {
      const eth = (await t.listAssets({ chainId: 1 })).find((a) => a.symbol === 'ETH')!
      const d = await t.createPayout({
        kind: 'mass',
        assetId: eth.id,
        description: 'wei',
        recipients: [
          { address: ALICE, amount: '1.5' },
          { address: BOB, amount: '1.000000000000000001' }
        ]
      })
      const wb = XLSX.read(
        Buffer.from((await t.exportPayoutReport({ id: d.id, format: 'xlsx' })).contentBase64, 'base64'),
        { type: 'buffer' }
      )
      const sheet = wb.Sheets['Recipients']!
      expect(sheet['E2']).toMatchObject({ t: 'n', v: 1.5 })
      expect(sheet['E3']).toMatchObject({ t: 's', v: '1.000000000000000001' })
      expect(sheet['F3']).toMatchObject({ t: 's', v: '1000000000000000001' })
    } finally {
      await t.close()
    }
  })

  it('escapes a formula hidden after a separator in every CSV the app writes: the registry export and the report', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    try {
      const d = await t.createPayout({
        kind: 'mass',
        assetId: USDC_ETH,
        description: 'formula',
        recipients: [{ address: ALICE, amount: '1', name: "Bob;=cmd|' /C calc'!A0", reference: 'INV-7|@SUM(A1)' }]
      })
      const text = async (file: Promise<{ contentBase64: string }>): Promise<string> =>
        Buffer.from((await file).contentBase64, 'base64').toString('utf8')
      for (const csv of [
        await text(t.exportPayout({ id: d.id, format: 'csv' })),
        await text(t.exportPayoutReport({ id: d.id, format: 'csv' }))
      ]) {
        expect(csv).toContain("Bob;'=cmd|' /C calc'!A0")
        expect(csv).toContain("INV-7|'@SUM(A1)")
        expect(csv).not.toContain(';=cmd')
      }
    } finally {
      await t.close()
    }
  })
})
