import { describe, expect, it } from 'vitest'
import { exportCsv, exportFileName, exportXlsx, registryTemplate, type ExportRow } from './export'
import { ADDR, USDC } from './fixtures'
import { readRegistry } from './read'

const rows: ExportRow[] = [
  {
    address: ADDR.a,
    amount: 1_234_560_000n,
    name: 'Martin, Alice',
    reference: 'INV-1',
    note: 'line one\nline two',
    category: '6100 Salaries',
    costCenter: 'Eng, Berlin'
  },
  {
    address: ADDR.b,
    amount: 1n,
    name: '=HYPERLINK("http://evil","click")',
    reference: '+44 20 7946',
    note: '@SUM(A1)',
    category: '=1+1'
  },
  { address: ADDR.c, amount: 5_000_000n, name: "'=already quoted", reference: '-12', note: 'tab\there' },
  { address: 'not-an-address', amount: null, amountText: '12,3,4', name: 'Zoë "Z" Ødegård' }
]
const decode = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
const fields = (
  list: ReadonlyArray<Pick<ExportRow, 'address' | 'amount' | 'name' | 'reference' | 'note' | 'category' | 'costCenter'>>
): unknown[] => list.map((r) => [r.address, r.amount, r.name, r.reference, r.note, r.category, r.costCenter])

describe('exportCsv', () => {
  it('writes UTF-8 with a BOM and CRLF line ends', () => {
    const bytes = exportCsv(rows.slice(0, 1), USDC)
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(decode(bytes)).toBe(
      '\ufeffaddress,amount,name,reference,note,category,cost_center\r\n' +
        `${ADDR.a},1234.56,"Martin, Alice",INV-1,"line one\nline two",6100 Salaries,"Eng, Berlin"\r\n`
    )
  })

  it('escapes values a spreadsheet would run as a formula', () => {
    const text = decode(exportCsv(rows.slice(1, 3), USDC))
    expect(text).toContain(`"'=HYPERLINK(""http://evil"",""click"")",'+44 20 7946,'@SUM(A1),'=1+1,\r\n`)
    expect(text).toContain(`''=already quoted,'-12,tab\there`)
    expect(decode(exportCsv([{ address: ADDR.a, amount: 1n, note: '\tindented' }], USDC))).toContain(
      `,'\tindented,,\r\n`
    )
  })

  it('adds status and transaction hash columns for payouts that ran', () => {
    const text = decode(
      exportCsv([{ address: ADDR.a, amount: 1n, status: 'confirmed', txHash: `0x${'ab'.repeat(32)}` }], USDC, {
        includeStatus: true
      })
    )
    expect(text.split('\r\n').slice(0, 2)).toEqual([
      '\ufeffaddress,amount,name,reference,note,category,cost_center,status,tx_hash',
      `${ADDR.a},0.000001,,,,,,confirmed,0x${'ab'.repeat(32)}`
    ])
  })

  it('gives back the same rows when re-imported, escapes included', () => {
    const back = readRegistry(exportCsv(rows, USDC), 'export.csv', USDC)
    expect(fields(back.rows)).toEqual(fields(rows))
    expect(back.rows.map((r) => r.amountText)).toEqual(['1234.56', '0.000001', '5', '12,3,4'])
  })
})

describe('exportXlsx', () => {
  it('writes every cell as text and gives back the same rows when re-imported', () => {
    const bytes = exportXlsx(rows, USDC, { includeStatus: true })
    const back = readRegistry(bytes, 'export.xlsx', USDC)
    expect(back).toMatchObject({ format: 'xlsx', sheet: 'Registry' })
    expect(fields(back.rows)).toEqual(fields(rows))
    expect(back.rows.map((r) => r.amountText)).toEqual(['1234.56', '0.000001', '5', '12,3,4'])
  })
})

describe('registryTemplate', () => {
  it('is a header the importer recognises and two example rows, neither of which could be paid by mistake', () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const r = readRegistry(registryTemplate(format), `template.${format}`, USDC)
      expect(r).toMatchObject({
        hasHeader: true,
        mapping: { address: 'A', amount: 'B', name: 'C', reference: 'D', note: 'E', category: 'F', cost_center: 'G' }
      })
      expect(r.needs).toBeUndefined()
      expect(r.rows.map((row) => [row.name, row.amountText, row.category, row.costCenter])).toEqual([
        ['Maria Lopez', '1250.00', '6000 Salaries', 'Engineering'],
        ['Kim Park', '980.50', '6200 Commissions', 'Sales']
      ])
      // The example's address is an instruction: an example left in is an error row, never a payment.
      expect(r.rows.every((row) => row.issues.some((i) => i.field === 'address' && i.severity === 'error'))).toBe(true)
    }
  })

  it('names export files safely', () => {
    expect(exportFileName('March payroll / team: A*', 'csv')).toBe('March-payroll-team-A.csv')
    expect(exportFileName('***', 'xlsx')).toBe('registry.xlsx')
  })
})
