import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import {
  ADDR,
  ETH,
  USDC,
  currencyFormatXlsx,
  filteredPayroll,
  payrollHidingColumns,
  filteredPayrollXls,
  formulaXlsx,
  hiddenSheetXlsx,
  lyingZip,
  prototypeXlsx,
  unstyledOds,
  zipBomb,
  zipOf
} from './fixtures'
import { readRegistry } from './read'
import type { ReadRegistryResult } from './types'

const FIXTURES = join(__dirname, '../../test/fixtures/registry')
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)))
const table = (r: ReadRegistryResult): Array<[number, string, bigint | null, string[]]> =>
  r.rows.map((row) => [row.sourceRow, row.address, row.amount, row.issues.map((i) => i.code)])
const messageOf = (r: ReadRegistryResult, sourceRow: number, code: string): string | undefined =>
  r.rows.find((row) => row.sourceRow === sourceRow)?.issues.find((i) => i.code === code)?.message

describe('readRegistry: spreadsheets', () => {
  it('reads a Google Sheets XLSX exactly, refusing every number it cannot read exactly, row by row', () => {
    const r = readRegistry(fixture('google-sheets.xlsx'), 'Payroll - Sheet1.xlsx', USDC)
    expect(r).toMatchObject({
      format: 'xlsx',
      sheet: 'Sheet1',
      sheets: ['Sheet1'],
      hasHeader: true,
      skippedBlankRows: 1
    })
    expect(table(r)).toEqual([
      [2, ADDR.a, 1_500_000_000n, ['address_duplicate']],
      [3, ADDR.b, 250_000n, ['address_duplicate']],
      [4, ADDR.c, null, ['cell_display_differs']],
      [5, ADDR.d, null, ['cell_number_inexact']],
      [6, ADDR.a, 12_500_000n, ['address_duplicate']],
      [8, ADDR.e, null, ['cell_date', 'address_no_checksum']],
      [9, ADDR.f, null, ['cell_number_exponent', 'address_no_checksum']],
      [10, ADDR.b, 1_234_500_000n, ['address_duplicate']]
    ])
    expect(r.rows[1]!.reference).toBe('1001')
    expect(messageOf(r, 4, 'cell_display_differs')).toBe(
      "Row 4: B4 shows 1,234.57 but holds 1234.5678. Change the cell's format so it shows every decimal, or type the amount you mean."
    )
    expect(messageOf(r, 5, 'cell_number_inexact')).toContain(
      'B5 holds 0.30000000000000004, which has more than 15 significant digits'
    )
    expect(messageOf(r, 8, 'cell_date')).toContain('B8 is a date (2023-03-15)')
  })

  it('reads a LibreOffice ODS with numeric ids, Unicode names and a text amount with a decimal comma', () => {
    const r = readRegistry(fixture('libreoffice.ods'), 'recipients.ods', USDC)
    expect(r).toMatchObject({
      format: 'ods',
      sheet: 'Recipients',
      mapping: { address: 'A', amount: 'B', name: 'C', reference: 'D', note: 'E' }
    })
    expect(table(r)).toEqual([
      [2, ADDR.c, 75_500_000n, []],
      [3, ADDR.d, 1n, []],
      [4, ADDR.e, 12_500_000n, ['address_no_checksum']]
    ])
    expect(r.rows.map((row) => [row.name, row.reference, row.note])).toEqual([
      ['Zoë Ødegård', '1001', 'March bonus'],
      ['李雷', '1002', undefined],
      ['Ana Núñez', '1003', 'typed as text']
    ])
    expect(r.amountReadings).toEqual([{ sourceRow: 4, text: '12,5', readAs: '12.5' }])
  })

  it('reads a legacy XLS workbook', () => {
    const r = readRegistry(fixture('legacy.xls'), 'payroll.xls', USDC)
    expect(r).toMatchObject({ format: 'xls', sheet: 'Payroll' })
    expect(table(r)).toEqual([
      [2, ADDR.a, 100_000_000n, []],
      [3, ADDR.g, 2_500_000n, ['address_no_checksum']]
    ])
    expect(r.rows[0]!.name).toBe('José Müller')
  })

  it('asks which sheet to read when several hold data, then reads the one chosen', () => {
    const r = readRegistry(fixture('several-sheets.xlsx'), 'year.xlsx', USDC)
    expect(r).toMatchObject({ needs: 'sheet', sheets: ['January', 'February'], rows: [] })
    const feb = readRegistry(fixture('several-sheets.xlsx'), 'year.xlsx', USDC, { sheet: 'February' })
    expect(table(feb)).toEqual([
      [2, ADDR.b, 20_000_000n, []],
      [3, ADDR.c, 30_000_000n, []]
    ])
    expect(readRegistry(fixture('several-sheets.xlsx'), 'year.xlsx', USDC, { sheet: 'March' }).error?.code).toBe(
      'sheet_not_found'
    )
  })

  it('says when the only sheet with rows is hidden in the workbook, and reads it', () => {
    const r = readRegistry(hiddenSheetXlsx(), 'pay.xlsx', USDC)
    expect(r).toMatchObject({ sheet: 'Old list', sheets: ['Summary', 'Old list'] })
    expect(table(r)).toEqual([[2, ADDR.a, 10_000_000n, []]])
    expect(r.notices).toContainEqual({
      code: 'sheet_hidden',
      message:
        'Sheet "Old list" is hidden in the workbook, so it may not be the list that was reviewed there. Its rows were read: check them, or unhide the sheet in the spreadsheet to see it.'
    })
    expect(readRegistry(fixture('google-sheets.xlsx'), 'p.xlsx', USDC).notices.map((n) => n.code)).not.toContain(
      'sheet_hidden'
    )
  })

  it('refuses each row hidden in the workbook (hidden, or filtered out by a filter) with an error on the row', () => {
    const file = filteredPayroll()
    // The file carries the rows as Excel marks them: the header, Ben's, the blank and Dee's are hidden.
    const zip = XLSX.CFB.read(file, { type: 'array' })
    const sheetXml = new TextDecoder().decode(XLSX.CFB.find(zip, '/xl/worksheets/sheet1.xml').content)
    expect(sheetXml.match(/<row [^>]*hidden="1"/g)?.map((tag) => /r="(\d+)"/.exec(tag)?.[1])).toEqual([
      '1',
      '3',
      '5',
      '6'
    ])
    const r = readRegistry(file, 'payroll.xlsx', USDC)
    // The hidden header is still the header, and the hidden blank row is skipped as any blank row.
    expect(r).toMatchObject({ hasHeader: true, skippedBlankRows: 1, totals: { rows: 5, rowsWithErrors: 2 } })
    expect(table(r)).toEqual([
      [2, ADDR.a, 100_000_000n, []],
      [3, ADDR.b, 200_000_000n, ['cell_row_hidden']],
      [4, ADDR.c, 300_000_000n, []],
      [6, ADDR.d, 400_000_000n, ['cell_formula', 'cell_row_hidden']],
      [7, ADDR.e, 500_000_000n, ['address_no_checksum']]
    ])
    expect(r.rows[1]!.issues[0]).toEqual({
      field: 'row',
      severity: 'error',
      code: 'cell_row_hidden',
      message:
        'Row 3: this row is hidden in the workbook (sheet row 3, hidden or filtered out by a filter): a hidden row is paid like any other. If it should be paid, show it in the workbook and import again (or edit it here); if not, delete it from the file and import again.'
    })
    expect(messageOf(r, 6, 'cell_row_hidden')).toMatch(/^Row 6: this row is hidden in the workbook \(sheet row 6,/)
  })

  it('reads the rows of a workbook with hidden rows as it reads them with none, but for the hidden rows', () => {
    const shown = readRegistry(filteredPayroll([]), 'payroll.xlsx', USDC)
    expect(shown.rows.flatMap((row) => row.issues.map((i) => i.code))).not.toContain('cell_row_hidden')
    const filtered = readRegistry(filteredPayroll(), 'payroll.xlsx', USDC)
    const without = (rows: ReadRegistryResult['rows']) =>
      rows.map((row) => ({ ...row, issues: row.issues.filter((i) => i.code !== 'cell_row_hidden') }))
    expect(without(filtered.rows)).toEqual(shown.rows)
    expect(filtered.headers).toEqual(shown.headers)
    // A hidden header alone refuses nothing.
    expect(readRegistry(filteredPayroll([0]), 'payroll.xlsx', USDC).rows).toEqual(shown.rows)
  })

  it('refuses a value read from a column hidden in the workbook, and reads nothing from it; an unread hidden column refuses nothing', () => {
    const file = payrollHidingColumns([1, 3])
    const zip = XLSX.CFB.read(file, { type: 'array' })
    const sheetXml = new TextDecoder().decode(XLSX.CFB.find(zip, '/xl/worksheets/sheet1.xml').content)
    expect(sheetXml.match(/<col [^>]*hidden="(1|true)"/g)).toHaveLength(2)
    const r = readRegistry(file, 'payroll.xlsx', USDC)
    expect(table(r)).toEqual([
      [2, ADDR.a, null, ['cell_column_hidden']],
      [3, ADDR.b, null, ['cell_column_hidden']],
      [4, ADDR.c, null, ['cell_column_hidden']],
      [6, ADDR.d, null, ['cell_formula', 'cell_column_hidden']],
      [7, ADDR.e, null, ['cell_column_hidden', 'address_no_checksum']]
    ])
    expect(messageOf(r, 3, 'cell_column_hidden')).toBe(
      'Row 3: B3 (200) is in column B, which is hidden in the workbook, so whoever reviewed the sheet did not see it. Show column B in the workbook and import again, or read the amount from another column.'
    )
    expect(r.rows[0]!.issues.find((i) => i.code === 'cell_column_hidden')).toMatchObject({
      field: 'amount',
      severity: 'error'
    })
    const unread = readRegistry(payrollHidingColumns([3]), 'payroll.xlsx', USDC)
    expect(unread.rows).toEqual(readRegistry(filteredPayroll([]), 'payroll.xlsx', USDC).rows)
  })

  it.each([
    ['xlsb', 'payroll.xlsb'],
    ['biff8', 'payroll.xls']
  ] as const)('refuses a value read from a hidden column of a binary workbook (%s) too', (bookType, name) => {
    const r = readRegistry(payrollHidingColumns([1, 3], bookType), name, USDC)
    expect(r.error).toBeUndefined()
    expect(table(r).map(([row, , amount, codes]) => [row, amount, codes.includes('cell_column_hidden')])).toEqual([
      [2, null, true],
      [3, null, true],
      [4, null, true],
      [6, null, true],
      [7, null, true]
    ])
    expect(messageOf(r, 3, 'cell_column_hidden')).toMatch(/^Row 3: B3 \(200\) is in column B, which is hidden/)
    // An unread hidden column refuses nothing.
    const unread = readRegistry(payrollHidingColumns([3], bookType), name, USDC)
    expect(unread.rows.flatMap((row) => row.issues.map((i) => i.code))).not.toContain('cell_column_hidden')
  })

  it('flags the hidden rows and columns of an ODS, read from its content, counting repeated and grouped rows', () => {
    const hiddenOf = (r: ReadRegistryResult) =>
      table(r).map(([row, , , codes]) => [row, codes.includes('cell_row_hidden'), codes.includes('cell_column_hidden')])
    const shown = readRegistry(unstyledOds(), 'pay.ods', ETH)
    expect(hiddenOf(shown).every(([, row, column]) => !row && !column)).toBe(true)
    for (const visibility of ['collapse', 'filter']) {
      const r = readRegistry(unstyledOds(`table:visibility="${visibility}"`), 'pay.ods', ETH)
      expect(r.error).toBeUndefined()
      expect(hiddenOf(r)).toEqual([
        [2, false, false],
        [3, true, false],
        [4, false, false],
        [5, false, false]
      ])
      expect(messageOf(r, 3, 'cell_row_hidden')).toMatch(/^Row 3: this row is hidden in the workbook \(sheet row 3,/)
      // Nothing else about the rows changes.
      const without = r.rows.map((row) => ({ ...row, issues: row.issues.filter((i) => i.code !== 'cell_row_hidden') }))
      expect(without).toEqual(shown.rows)
    }
    // A hidden row repeated twice is two hidden rows, and the rows after it keep their places.
    const repeated = readRegistry(
      unstyledOds('table:visibility="collapse" table:number-rows-repeated="2"'),
      'pay.ods',
      ETH
    )
    expect(hiddenOf(repeated).map(([row, hidden]) => [row, hidden])).toEqual([
      [2, false],
      [3, true],
      [4, true],
      [5, false],
      [6, false]
    ])
    // The amount column hidden: every amount read from it is refused.
    const column = readRegistry(
      unstyledOds('', { columns: '<table:table-column/><table:table-column table:visibility="collapse"/>' }),
      'pay.ods',
      ETH
    )
    expect(hiddenOf(column).every(([, , hidden]) => hidden)).toBe(true)
    // A hidden row of another table refuses nothing on this one.
    const elsewhere = readRegistry(
      unstyledOds('', {
        tableBefore:
          '<table:table table:name="Notes"><table:table-row table:visibility="collapse"><table:table-cell/></table:table-row></table:table>'
      }),
      'pay.ods',
      ETH
    )
    expect(elsewhere.rows).toEqual(shown.rows)
  })

  it('refuses an ODS whole when a hidden mark sits where no row or column can be named, saying what to do', () => {
    const r = readRegistry(
      unstyledOds('', {
        columns:
          '<table:table-column-group table:visibility="collapse"><table:table-column/></table:table-column-group>'
      }),
      'pay.ods',
      ETH
    )
    expect(r).toMatchObject({ format: 'ods', rows: [] })
    expect(r.error).toEqual({
      code: 'ods_hidden_lines',
      message:
        'pay.ods hides rows or columns (hidden, or filtered out by a filter), and which ones could not be read from this ODS file: hidden rows would be paid like any other. Show every row and column in LibreOffice and import again, or save the file as XLSX, where each hidden row is flagged.'
    })
  })

  it('refuses the hidden rows of binary workbooks (XLSB, legacy XLS), which carry them without the style read', () => {
    const hiddenOf = (r: ReadRegistryResult) =>
      table(r).map(([row, , , codes]) => [row, codes.includes('cell_row_hidden')])
    const expected = [
      [2, false],
      [3, true],
      [4, false],
      [6, false],
      [7, false]
    ]
    expect(hiddenOf(readRegistry(filteredPayroll([2, 4], 'xlsb'), 'payroll.xlsb', USDC))).toEqual(expected)
    const xls = readRegistry(filteredPayrollXls([0, 2, 4]), 'payroll.xls', USDC)
    expect(xls).toMatchObject({ format: 'xls', hasHeader: true, skippedBlankRows: 1 })
    expect(hiddenOf(xls)).toEqual(expected)
    expect(messageOf(xls, 3, 'cell_row_hidden')).toMatch(/^Row 3: this row is hidden in the workbook \(sheet row 3,/)
  })

  it('recognises the format from the bytes, not the file name', () => {
    expect(readRegistry(fixture('legacy.xls'), 'renamed.csv', USDC).format).toBe('xls')
    expect(readRegistry(fixture('headerless.csv'), 'renamed.xlsx', USDC).format).toBe('csv')
  })
})

describe('readRegistry: hostile spreadsheets', () => {
  it('refuses formula cells in mapped columns, naming the cell, and ignores them in unmapped ones', () => {
    const r = readRegistry(formulaXlsx(), 'formulas.xlsx', USDC)
    expect(table(r)).toEqual([
      [2, ADDR.a, null, ['cell_formula']],
      [3, ADDR.b, 5_000_000n, ['cell_formula']],
      [4, ADDR.c, 7_000_000n, []]
    ])
    expect(r.rows[0]!.issues[0]).toMatchObject({ field: 'amount', severity: 'error' })
    expect(r.rows[0]!.issues[0]!.message).toMatch(/^Row 2: B2 contains a formula \(=SUM\(E2:E4\)\)/)
    expect(r.rows[1]!.issues[0]).toMatchObject({ field: 'name' })
    expect(r.rows[1]!.issues[0]!.message).toContain('C3 contains a formula')
  })

  it('refuses an amount shown with a currency or a percent sign instead of paying the bare number in the payout currency', () => {
    // An ETH payout: "$1,234.50" paid as 1234.5 ETH, or "50%" as 0.5 ETH, would be a guess of the worst kind.
    const xlsx = readRegistry(currencyFormatXlsx(), 'pay.xlsx', ETH)
    expect(table(xlsx)).toEqual([
      [2, ADDR.a, null, ['cell_unit_shown']],
      [3, ADDR.b, null, ['cell_unit_shown']],
      [4, ADDR.c, null, ['cell_unit_shown']],
      [5, ADDR.d, null, ['cell_unit_shown']],
      [6, ADDR.e, 2_500_000_000_000_000_000n, ['address_no_checksum']]
    ])
    expect(messageOf(xlsx, 2, 'cell_unit_shown')).toBe(
      'Row 2: B2 shows $1,234.50: its format adds "$", which the amount paid would not keep (a payout pays in its own currency). Check the column\'s amounts are meant in the payout\'s currency, format it as Number without "$", and import again.'
    )
    expect(messageOf(xlsx, 3, 'cell_unit_shown')).toContain('adds "€"')
    // "EUR 5.00" is a currency, not a number in exponent form.
    expect(messageOf(xlsx, 5, 'cell_unit_shown')).toContain('B5 shows EUR 5.00: its format adds "EUR"')
    // An ODS cell may carry no number format at all: only the text it shows tells what its value means.
    const ods = readRegistry(unstyledOds(), 'pay.ods', ETH)
    expect(table(ods)).toEqual([
      [2, ADDR.a, null, ['cell_unit_shown']],
      [3, ADDR.b, null, ['cell_unit_shown']],
      [4, ADDR.c, 1_234_500_000_000_000_000_000n, []],
      [5, ADDR.d, 2_500_000_000_000_000_000n, []]
    ])
    expect(messageOf(ods, 2, 'cell_unit_shown')).toContain('B2 shows 50%: its format adds "%"')
  })

  it('treats prototype-shaped headers and sheet names as plain text and pollutes nothing', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort()
    const r = readRegistry(prototypeXlsx(), 'proto.xlsx', USDC)
    expect(r).toMatchObject({ needs: 'sheet', sheets: ['__proto__', 'constructor'] })
    const named = readRegistry(prototypeXlsx(), 'proto.xlsx', USDC, { sheet: 'constructor' })
    expect(named.headers).toEqual(['__proto__', 'constructor', 'address', 'amount', 'prototype'])
    expect(table(named)).toEqual([[2, ADDR.a, 1_000_000n, []]])
    expect(readRegistry(prototypeXlsx(), 'proto.xlsx', USDC, { sheet: '__proto__' }).error?.code).toBe(
      'sheet_unreadable'
    )
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuses zip bombs before the spreadsheet library inflates them', () => {
    expect(readRegistry(zipBomb(400), 'bomb.xlsx', USDC).error?.code).toBe('zip_too_large')
    expect(readRegistry(zipBomb(64), 'bomb.xlsx', USDC).error?.code).toBe('zip_expansion_ratio')
    expect(readRegistry(lyingZip(16), 'liar.xlsx', USDC).error?.code).toBe('zip_size_mismatch')
  })

  it('refuses a zip that is not a spreadsheet, and a damaged workbook, with a message to save again', () => {
    const docx = zipOf([
      { name: 'word/document.xml', data: new TextEncoder().encode('<w/>'), uncompressedSize: 4, deflated: false }
    ])
    expect(readRegistry(docx, 'letter.docx', USDC).error?.code).toBe('file_unsupported')
    const broken = zipOf([
      {
        name: 'xl/workbook.xml',
        data: new TextEncoder().encode('<not a workbook'),
        uncompressedSize: 15,
        deflated: false
      }
    ])
    const r = readRegistry(broken, 'broken.xlsx', USDC)
    expect(r.error?.code === 'spreadsheet_unreadable' || r.error?.code === 'file_empty').toBe(true)
    expect(r.rows).toEqual([])
  })
})
