// Runs in: tests, benchmarks and the fixture script (plain Node); never imported by the app.
// Builders of registry files shaped like the ones finance teams upload (Excel, Google Sheets,
// LibreOffice, Safe, Disperse) and of hostile ones (formulas, prototype-shaped names, zip bombs,
// gigantic cells, 100,000 rows). Small files are written once to src/test/fixtures/registry by
// src/test/fixtures/registry/generate.ts; big and hostile ones are built when a test runs.
import { deflateRawSync, constants as zlibConstants } from 'node:zlib'
import * as XLSX from '@e965/xlsx'
import { checksumHex } from './fastAddress'

/** EIP-55 test vectors: valid checksummed addresses nobody controls by accident. */
export const ADDR = {
  a: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  b: '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  c: '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  d: '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
  e: '0x52908400098527886E0F7030069857D2E4169EE7',
  f: '0x8617E340B3D01FA5F11F306F4090FD50E238070D',
  g: '0xde709f2102306220921060314715629080e2fb77',
  h: '0x27b1fdb04752bbc536007a920d24acb045561c26'
} as const

/** USDC on Ethereum: the ERC-20 the fixtures pay. */
export const USDC = {
  decimals: 6,
  symbol: 'USDC',
  chainId: 1,
  tokenAddress: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
} as const
export const ETH = { decimals: 18, symbol: 'ETH', chainId: 1 } as const

type Cell = XLSX.CellObject

const text = (v: string): Cell => ({ t: 's', v })
const num = (v: number, z?: string): Cell => (z === undefined ? { t: 'n', v } : { t: 'n', v, z })

function sheetOf(rows: Array<Array<Cell | null>>): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {}
  let width = 1
  rows.forEach((row, r) => {
    width = Math.max(width, row.length)
    row.forEach((cell, c) => {
      if (cell !== null) ws[XLSX.utils.encode_cell({ r, c })] = cell
    })
  })
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(rows.length - 1, 0), c: width - 1 } })
  return ws
}

function workbook(sheets: Array<[string, XLSX.WorkSheet]>, bookType: XLSX.BookType): Uint8Array {
  const wb = XLSX.utils.book_new()
  for (const [name, ws] of sheets) XLSX.utils.book_append_sheet(wb, ws, name)
  const out: unknown = XLSX.write(wb, { type: 'array', bookType, compression: true })
  if (!(out instanceof ArrayBuffer)) throw new Error('Spreadsheet writer returned no bytes')
  return new Uint8Array(out)
}

/** A report exported from a payroll tool: a title, the company and the period above the headings, in merged-looking rows. */
export function titledReportXlsx(): Uint8Array {
  return workbook(
    [
      [
        'Payroll',
        sheetOf([
          [text('Contractor payroll — December 2026'), null, null],
          [text('Acme Ltd'), null, text('Period: 1–31 Dec 2026')],
          [null, null, null],
          [text('Payee'), text('Wallet address'), text('Net pay (USDC)')],
          [text('Alice Martin'), text(ADDR.a), num(1500)],
          [text('Bob Chen'), text(ADDR.b), num(250.5)]
        ])
      ]
    ],
    'xlsx'
  )
}

/** A sheet whose last line is its own total, as a SUM formula's cached value with the label in the name column. */
export function totalledXlsx(total: number): Uint8Array {
  return workbook(
    [
      [
        'Sheet1',
        sheetOf([
          [text('Name'), text('Wallet address'), text('Amount')],
          [text('Alice Martin'), text(ADDR.a), num(1500)],
          [text('Bob Chen'), text(ADDR.b), num(250.5)],
          [text('Grand total'), null, { t: 'n', v: total, f: 'SUM(C2:C3)' }]
        ])
      ]
    ],
    'xlsx'
  )
}

/** Google Sheets export: numbers as numbers, some formatted, with the traps spreadsheets set. */
export function googleSheetsXlsx(): Uint8Array {
  return workbook(
    [
      [
        'Sheet1',
        sheetOf([
          [text('Wallet address'), text('Amount'), text('Name'), text('Reference')],
          [text(ADDR.a), num(1500), text('Alice Martin'), text('EMP-1')],
          [text(ADDR.b), num(0.25, '0.00'), text('Bob Chen'), num(1001)],
          [text(ADDR.c), num(1234.5678, '#,##0.00'), text('Carla Diaz'), text('EMP-3')],
          [text(ADDR.d), num(0.30000000000000004), text('Dan Okafor'), text('EMP-4')],
          [text(ADDR.a), text('12.5'), text('Alice Martin'), text('EMP-5')],
          [null, null, null, null],
          [text(ADDR.e), num(45000, 'yyyy-mm-dd'), text('Eve Adams'), text('EMP-6')],
          [text(ADDR.f), num(123456789012), text('Frank Li'), text('EMP-7')],
          [text(ADDR.b), num(1234.5, '#,##0.00'), text('Bob Chen'), text('EMP-8')]
        ])
      ]
    ],
    'xlsx'
  )
}

/** LibreOffice Calc: numeric reference ids, a note column, one amount typed as text with a decimal comma. */
export function libreOfficeOds(): Uint8Array {
  return workbook(
    [
      [
        'Recipients',
        sheetOf([
          [text('Recipient'), text('Value'), text('Full name'), text('External ID'), text('Comment')],
          [text(ADDR.c), num(75.5), text('Zoë Ødegård'), num(1001), text('March bonus')],
          [text(ADDR.d), num(0.000001), text('李雷'), num(1002), null],
          [text(ADDR.e), text('12,5'), text('Ana Núñez'), num(1003), text('typed as text')]
        ])
      ]
    ],
    'ods'
  )
}

/** Excel 97-2003 workbook (BIFF8). */
export function legacyXls(): Uint8Array {
  return workbook(
    [
      [
        'Payroll',
        sheetOf([
          [text('address'), text('amount'), text('name')],
          [text(ADDR.a), num(100), text('José Müller')],
          [text(ADDR.g), num(2.5), text('Ilse Berg')]
        ])
      ]
    ],
    'xls'
  )
}

/** A workbook with two sheets of data: the user must choose one. */
export function severalSheetsXlsx(): Uint8Array {
  return workbook(
    [
      [
        'January',
        sheetOf([
          [text('address'), text('amount')],
          [text(ADDR.a), text('10')]
        ])
      ],
      [
        'February',
        sheetOf([
          [text('address'), text('amount')],
          [text(ADDR.b), text('20')],
          [text(ADDR.c), text('30')]
        ])
      ]
    ],
    'xlsx'
  )
}

/** An empty visible sheet, and the only rows on a hidden one (Excel: Hide sheet). */
export function hiddenSheetXlsx(): Uint8Array {
  const wb = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(wb, sheetOf([]), 'Summary')
  XLSX.utils.book_append_sheet(
    wb,
    sheetOf([
      [text('address'), text('amount')],
      [text(ADDR.a), num(10)]
    ]),
    'Old list'
  )
  wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }] }
  const out: unknown = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true })
  if (!(out instanceof ArrayBuffer)) throw new Error('Spreadsheet writer returned no bytes')
  return new Uint8Array(out)
}

/**
 * Payroll filtered to approved staff (Excel: AutoFilter), as XLSX or XLSB: the rows filtered out
 * are still in the file, hidden. `hidden` lists the 0-based rows to hide; by default the header,
 * Ben and Dee (not approved) and a blank row.
 */
export function filteredPayroll(
  hidden: readonly number[] = [0, 2, 4, 5],
  bookType: 'xlsx' | 'xlsb' = 'xlsx'
): Uint8Array {
  const ws = payrollSheet()
  ws['!rows'] = hidden.reduce<XLSX.RowInfo[]>((rows, r) => {
    rows[r] = { hidden: true }
    return rows
  }, [])
  return payrollWorkbook(ws, bookType)
}

/** The payroll with the columns at `hidden` (0-based) hidden, as Excel writes them. */
export function payrollHidingColumns(
  hidden: readonly number[],
  bookType: 'xlsx' | 'xlsb' | 'biff8' = 'xlsx'
): Uint8Array {
  const ws = payrollSheet()
  ws['!cols'] = hidden.reduce<XLSX.ColInfo[]>((cols, c) => {
    cols[c] = { hidden: true }
    return cols
  }, [])
  return payrollWorkbook(ws, bookType)
}

/** One sheet, "Payroll", written with its row and column properties (they are styles to the writer). */
function payrollWorkbook(ws: XLSX.WorkSheet, bookType: 'xlsx' | 'xlsb' | 'biff8'): Uint8Array {
  const wb = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(wb, ws, 'Payroll')
  const out: unknown = XLSX.write(wb, { type: 'array', bookType, compression: true, cellStyles: true })
  if (!(out instanceof ArrayBuffer)) throw new Error('Spreadsheet writer returned no bytes')
  return new Uint8Array(out)
}

function payrollSheet(): XLSX.WorkSheet {
  return sheetOf([
    [text('address'), text('amount'), text('name'), text('approved')],
    [text(ADDR.a), num(100), text('Ann'), text('yes')],
    [text(ADDR.b), num(200), text('Ben'), text('no')],
    [text(ADDR.c), num(300), text('Cy'), text('yes')],
    [null, null, null, null],
    [text(ADDR.d), num(400), { t: 's', v: 'DEE', f: 'UPPER("dee")' }, text('no')],
    [text(ADDR.e), num(500), text('Eve'), text('yes')]
  ])
}

const BIFF_BOF = 0x0809
const BIFF_DIMENSIONS = 0x0200
const BIFF_ROW = 0x0208
const BIFF_ROW_BYTES = 16
/** ROW record flags: fDyZero, the row is hidden. */
const BIFF_ROW_HIDDEN = 0x20

/**
 * The filtered payroll as an Excel 97-2003 workbook. The spreadsheet library writes no ROW records,
 * so ROW records marking `hidden` (0-based rows) are put after the worksheet's DIMENSIONS record, as
 * Excel writes them; the one sheet is last in the stream, so no offset before it moves.
 */
export function filteredPayrollXls(hidden: readonly number[]): Uint8Array {
  const wb = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(wb, payrollSheet(), 'Payroll')
  const written: unknown = XLSX.write(wb, { type: 'array', bookType: 'xls' })
  if (!(written instanceof ArrayBuffer)) throw new Error('Spreadsheet writer returned no bytes')
  const container = XLSX.CFB.read(new Uint8Array(written), { type: 'array' })
  const entry = XLSX.CFB.find(container, 'Workbook')
  const stream = Uint8Array.from(entry.content as ArrayLike<number>)
  const view = new DataView(stream.buffer)
  let at = 0
  let bofs = 0
  let insert = -1
  while (insert < 0 && at + 4 <= stream.byteLength) {
    const type = view.getUint16(at, true)
    at += 4 + view.getUint16(at + 2, true)
    if (type === BIFF_BOF) bofs++
    if (type === BIFF_DIMENSIONS && bofs === 2) insert = at
  }
  if (insert < 0) throw new Error('No worksheet DIMENSIONS record')
  const rows = new Uint8Array(hidden.length * (4 + BIFF_ROW_BYTES))
  const rowsView = new DataView(rows.buffer)
  hidden.forEach((r, i) => {
    const p = i * (4 + BIFF_ROW_BYTES)
    rowsView.setUint16(p, BIFF_ROW, true)
    rowsView.setUint16(p + 2, BIFF_ROW_BYTES, true)
    rowsView.setUint16(p + 4, r, true)
    rowsView.setUint16(p + 8, 4, true) // one past the last column
    rowsView.setUint16(p + 10, 0xff, true) // default height
    rows[p + 16] = BIFF_ROW_HIDDEN
  })
  const patched = new Uint8Array(stream.byteLength + rows.byteLength)
  patched.set(stream.subarray(0, insert))
  patched.set(rows, insert)
  patched.set(stream.subarray(insert), insert + rows.byteLength)
  entry.content = patched
  entry.size = patched.byteLength
  const out: unknown = XLSX.CFB.write(container, { type: 'array' })
  return out instanceof ArrayBuffer ? new Uint8Array(out) : Uint8Array.from(out as ArrayLike<number>)
}

/** Formula cells in the amount and name columns, and one in a column nobody maps. */
export function formulaXlsx(): Uint8Array {
  return workbook(
    [
      [
        'Sheet1',
        sheetOf([
          [text('address'), text('amount'), text('name'), text('scratch')],
          [text(ADDR.a), { t: 'n', v: 30, f: 'SUM(E2:E4)' }, text('Alice'), null],
          [text(ADDR.b), num(5), { t: 's', v: 'Bob', f: 'UPPER("bob")' }, null],
          [text(ADDR.c), num(7), text('Carla'), { t: 'n', v: 2, f: '1+1' }]
        ])
      ]
    ],
    'xlsx'
  )
}

/** Headers and sheet names shaped like prototype pollution. */
export function prototypeXlsx(): Uint8Array {
  const rows = [
    [text('__proto__'), text('constructor'), text('address'), text('amount'), text('prototype')],
    [text('{"polluted":1}'), text('x'), text(ADDR.a), text('1'), text('y')]
  ]
  return workbook(
    [
      ['__proto__', sheetOf(rows)],
      ['constructor', sheetOf(rows)]
    ],
    'xlsx'
  )
}

/** Amounts formatted as currencies and a percentage, as finance sheets format them, and one plain. */
export function currencyFormatXlsx(): Uint8Array {
  return workbook(
    [
      [
        'Sheet1',
        sheetOf([
          [text('address'), text('amount')],
          [text(ADDR.a), num(1234.5, '"$"#,##0.00')],
          [text(ADDR.b), num(1234.5, '#,##0.00 [$€-407]')],
          [text(ADDR.c), num(0.5, '0%')],
          [text(ADDR.d), num(5, '"EUR "0.00')],
          [text(ADDR.e), num(2.5, '0.00')]
        ])
      ]
    ],
    'xlsx'
  )
}

/**
 * An ODS whose cells name their value type (percentage, currency) but no number format: the text
 * shown ("50%", "$1,234.50") is all that tells what the bare value means.
 */
export function unstyledOds(
  secondRowAttributes = '',
  /** Column elements at the head of the table, and a whole table before it. */
  extra: { readonly columns?: string; readonly tableBefore?: string } = {}
): Uint8Array {
  const ns = (name: string, uri: string): string => `xmlns:${name}="urn:oasis:names:tc:opendocument:xmlns:${uri}"`
  const cell = (attributes: string, shown: string): string =>
    `<table:table-cell ${attributes}><text:p>${shown}</text:p></table:table-cell>`
  const row = (address: string, amount: string, attributes = ''): string =>
    `<table:table-row${attributes === '' ? '' : ` ${attributes}`}>${cell('office:value-type="string"', address)}${amount}</table:table-row>`
  const content =
    `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ns('office', 'office:1.0')} ` +
    `${ns('table', 'table:1.0')} ${ns('text', 'text:1.0')} office:version="1.2"><office:body><office:spreadsheet>` +
    (extra.tableBefore ?? '') +
    `<table:table table:name="Pay">${extra.columns ?? ''}${row('address', cell('office:value-type="string"', 'amount'))}` +
    row(ADDR.a, cell('office:value-type="percentage" office:value="0.5"', '50%')) +
    row(
      ADDR.b,
      cell('office:value-type="currency" office:currency="USD" office:value="1234.5"', '$1,234.50'),
      secondRowAttributes
    ) +
    row(ADDR.c, cell('office:value-type="float" office:value="1234.5"', '1.234,50')) +
    row(ADDR.d, cell('office:value-type="float" office:value="2.5"', '2.5')) +
    `</table:table></office:spreadsheet></office:body></office:document-content>`
  const manifest =
    `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest ${ns('manifest', 'manifest:1.0')}>` +
    `<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>` +
    `<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`
  const part = (name: string, data: string): ZipPart => {
    const bytes = new TextEncoder().encode(data)
    return { name, data: bytes, uncompressedSize: bytes.byteLength, deflated: false }
  }
  return zipOf([
    part('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'),
    part('META-INF/manifest.xml', manifest),
    part('styles.xml', `<office:document-styles ${ns('office', 'office:1.0')}/>`),
    part('content.xml', content)
  ])
}

/** `rows` distinct valid recipients; amounts have two decimals, so none is ambiguous. */
export function largeCsv(rows: number): Uint8Array {
  const lines = ['address,amount,name,reference']
  for (let i = 1; i <= rows; i++) {
    const address = checksumHex((0x10000000 + i).toString(16).padStart(40, 'a'))
    const amount = `${1 + (i % 5000)}.${(i % 100).toString().padStart(2, '0')}`
    lines.push(`${address},${amount},Recipient ${i},REF-${i}`)
  }
  return new TextEncoder().encode(lines.join('\r\n') + '\r\n')
}

export function giganticCellCsv(chars: number): Uint8Array {
  return new TextEncoder().encode(`address,amount,note\r\n${ADDR.a},1,"${'x'.repeat(chars)}"\r\n`)
}

export function unclosedQuoteCsv(): Uint8Array {
  return new TextEncoder().encode(
    `address,amount,note\r\n${ADDR.a},1,ok\r\n${ADDR.b},2,"never closed\r\n${ADDR.c},3,lost\r\n`
  )
}

interface ZipPart {
  readonly name: string
  readonly data: Uint8Array
  readonly uncompressedSize: number
  readonly deflated: boolean
}

/** A minimal zip writer: enough to shape hostile archives (sizes may lie on purpose; CRCs are not set). */
export function zipOf(parts: readonly ZipPart[]): Uint8Array {
  const chunks: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const part of parts) {
    const name = new TextEncoder().encode(part.name)
    const local = new DataView(new ArrayBuffer(30))
    local.setUint32(0, 0x04034b50, true)
    local.setUint16(4, 20, true)
    local.setUint16(8, part.deflated ? 8 : 0, true)
    local.setUint32(18, part.data.byteLength, true)
    local.setUint32(22, part.uncompressedSize, true)
    local.setUint16(26, name.byteLength, true)
    const dir = new DataView(new ArrayBuffer(46))
    dir.setUint32(0, 0x02014b50, true)
    dir.setUint16(4, 20, true)
    dir.setUint16(6, 20, true)
    dir.setUint16(10, part.deflated ? 8 : 0, true)
    dir.setUint32(20, part.data.byteLength, true)
    dir.setUint32(24, part.uncompressedSize, true)
    dir.setUint16(28, name.byteLength, true)
    dir.setUint32(42, offset, true)
    chunks.push(new Uint8Array(local.buffer), name, part.data)
    central.push(new Uint8Array(dir.buffer), name)
    offset += 30 + name.byteLength + part.data.byteLength
  }
  const dirSize = central.reduce((n, c) => n + c.byteLength, 0)
  const end = new DataView(new ArrayBuffer(22))
  end.setUint32(0, 0x06054b50, true)
  end.setUint16(8, parts.length, true)
  end.setUint16(10, parts.length, true)
  end.setUint32(12, dirSize, true)
  end.setUint32(16, offset, true)
  return concat([...chunks, ...central, new Uint8Array(end.buffer)])
}

/** Deflate data for `megabytes` MB of zeros, built from one compressed megabyte repeated (cheap to make). */
export function deflatedZeros(megabytes: number): Uint8Array {
  const oneMb = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: zlibConstants.Z_SYNC_FLUSH })
  const last = deflateRawSync(Buffer.alloc(0))
  return concat([...Array.from({ length: megabytes }, () => new Uint8Array(oneMb)), new Uint8Array(last)])
}

/** An "xlsx" whose sheet honestly declares that it expands to `megabytes` MB. */
export function zipBomb(megabytes: number): Uint8Array {
  return zipOf([
    { name: '[Content_Types].xml', data: new TextEncoder().encode('<Types/>'), uncompressedSize: 8, deflated: false },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: deflatedZeros(megabytes),
      uncompressedSize: megabytes * 1024 * 1024,
      deflated: true
    }
  ])
}

/** An "xlsx" whose sheet declares 1 KB but expands to `megabytes` MB. */
export function lyingZip(megabytes: number): Uint8Array {
  return zipOf([
    { name: 'xl/workbook.xml', data: new TextEncoder().encode('<workbook/>'), uncompressedSize: 11, deflated: false },
    { name: 'xl/worksheets/sheet1.xml', data: deflatedZeros(megabytes), uncompressedSize: 1024, deflated: true }
  ])
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.byteLength
  }
  return out
}

/** Text fixtures, byte for byte (BOMs, CRLF, UTF-16, Windows-1252 are the point). */
export function textFixtures(): Record<string, Uint8Array> {
  const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)
  const utf16le = (s: string): Uint8Array => {
    const out = new Uint8Array(2 + s.length * 2)
    out[0] = 0xff
    out[1] = 0xfe
    for (let i = 0; i < s.length; i++) {
      out[2 + 2 * i] = s.charCodeAt(i) & 0xff
      out[3 + 2 * i] = s.charCodeAt(i) >> 8
    }
    return out
  }
  const latin1 = (s: string): Uint8Array => Uint8Array.from([...s].map((ch) => ch.charCodeAt(0)))
  const crlf = (lines: string[]): string => lines.join('\r\n') + '\r\n'
  return {
    'excel-bom-crlf.csv': utf8(
      '\ufeff' +
        crlf([
          'Address,Amount,Name,Reference,Note',
          `${ADDR.a},"1,234.56","Martin, Alice",INV-001,`,
          `${ADDR.b.toLowerCase()},250,Bob Chen,INV-002,"two-line\r\nnote"`,
          ',,,,',
          `${ADDR.c.slice(0, -1)}b,10,Carla Diaz,INV-003,typo in address`,
          `${ADDR.d},0.1234567,Dan Okafor,INV-004,too many decimals`,
          `${ADDR.e},-5,Eve Adams,INV-001,negative and duplicate reference`,
          `${USDC.tokenAddress},1,Token Contract,INV-006,the token itself`
        ])
    ),
    'semicolon-decimal-comma.csv': utf8(
      crlf([
        'address;amount;name',
        `${ADDR.a};12,50;Anna Schmidt`,
        `${ADDR.b};1.234,56;Bernd Weber`,
        `${ADDR.c};0,5;Clara Vogel`,
        `${ADDR.d};1,234;Dieter Braun`,
        `${ADDR.e};1.000;Eva Koch`
      ])
    ),
    'excel-unicode-text.txt': utf16le(
      crlf(['Wallet\tAmount\tName', `${ADDR.a}\t100\tZoë Ødegård`, `${ADDR.b}\t0.5\t李雷`, `${ADDR.c}\t7\tΑλέξανδρος`])
    ),
    'safe-airdrop.csv': utf8(
      [
        'token_type,token_address,receiver,amount,id',
        `erc20,${USDC.tokenAddress},${ADDR.a},15.5,`,
        `erc20,${USDC.tokenAddress.toLowerCase()},${ADDR.b},0.75,`,
        `native,,${ADDR.c},1,`,
        `erc20,0xdAC17F958D2ee523a2206206994597C13D831ec7,${ADDR.d},3,`,
        `erc721,0x06012c8cf97BEaD5deAe237070F9587f8E7A266d,${ADDR.e},1,42`
      ].join('\n') + '\n'
    ),
    'headerless.csv': utf8([`${ADDR.a},1.5`, `${ADDR.b},2`, `${ADDR.c},0.000001`].join('\n') + '\n'),
    'disperse.txt': utf8([`${ADDR.a} 1.5`, `${ADDR.b}=2`, `${ADDR.c}   3.25`].join('\n')),
    'windows-1252.csv': latin1(
      crlf(['address,amount,name', `${ADDR.a},10,José Müller`, `${ADDR.b},20,Françoise Lefèvre`])
    ),
    'no-header.csv': utf8(crlf([`Anna,${ADDR.a},100`, `Bernd,${ADDR.b},200`])),
    'unknown-header.csv': utf8(crlf(['Empfänger;Betrag;Kommentar', `${ADDR.a};100;Bonus`, `${ADDR.b};200;`]))
  }
}

/** Binary fixtures written by the fixture script. */
export function binaryFixtures(): Record<string, Uint8Array> {
  return {
    'google-sheets.xlsx': googleSheetsXlsx(),
    'libreoffice.ods': libreOfficeOds(),
    'legacy.xls': legacyXls(),
    'several-sheets.xlsx': severalSheetsXlsx()
  }
}
