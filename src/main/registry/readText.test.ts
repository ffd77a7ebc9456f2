import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ADDR, ETH, USDC, giganticCellCsv, unclosedQuoteCsv } from './fixtures'
import { readRegistry } from './read'
import { LIMITS, type ReadRegistryResult } from './types'

const FIXTURES = join(__dirname, '../../test/fixtures/registry')
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)))
/** One line per row: what the user sees in the preview, and which checks fired. */
const table = (r: ReadRegistryResult): Array<[number, string, bigint | null, string[]]> =>
  r.rows.map((row) => [row.sourceRow, row.address, row.amount, row.issues.map((i) => i.code)])

describe('readRegistry: text files', () => {
  it('reads an Excel CSV with BOM and CRLF: quoted thousands, quoted commas and line breaks, every rule on its row', () => {
    const r = readRegistry(fixture('excel-bom-crlf.csv'), 'excel-bom-crlf.csv', USDC)
    expect(r).toMatchObject({
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ',',
      hasHeader: true,
      skippedBlankRows: 1,
      mapping: { address: 'A', amount: 'B', name: 'C', reference: 'D', note: 'E' }
    })
    expect(r.encodingAssumed).toBeUndefined()
    expect(table(r)).toEqual([
      [2, ADDR.a, 1_234_560_000n, ['reference_duplicate']],
      [3, ADDR.b, 250_000_000n, ['address_no_checksum']],
      [5, `${ADDR.c.slice(0, -1)}b`, 10_000_000n, ['address_bad_checksum']],
      [6, ADDR.d, null, ['amount_too_many_decimals']],
      [7, ADDR.e, null, ['address_no_checksum', 'amount_negative', 'reference_duplicate']],
      [8, USDC.tokenAddress, 1_000_000n, ['address_is_token_contract']]
    ])
    expect(r.rows[0]).toMatchObject({ name: 'Martin, Alice', reference: 'INV-001', amountText: '1,234.56' })
    expect(r.rows[1]!.note).toBe('two-line\r\nnote')
    expect(r.amountReadings).toEqual([{ sourceRow: 2, text: '1,234.56', readAs: '1234.56' }])
    expect(r.totals).toMatchObject({ rows: 6, validRows: 1, rowsWithErrors: 5, amountTotal: 1_495_560_000n })
  })

  it('reads a semicolon file with decimal commas, refusing "1,234" and "1.000" until the user chooses the separator', () => {
    const r = readRegistry(fixture('semicolon-decimal-comma.csv'), 'x.csv', USDC)
    expect(r).toMatchObject({ delimiter: ';', detectedDecimalSeparator: ',' })
    expect(r.decimalSeparator).toBeUndefined()
    expect(table(r)).toEqual([
      [2, ADDR.a, 12_500_000n, []],
      [3, ADDR.b, 1_234_560_000n, []],
      [4, ADDR.c, 500_000n, []],
      [5, ADDR.d, null, ['amount_ambiguous_separator']],
      [6, ADDR.e, null, ['address_no_checksum', 'amount_ambiguous_separator']]
    ])
    expect(r.notices.map((n) => n.code)).toContain('decimal_separator_suggested')
    expect(r.amountReadings.map((a) => a.readAs)).toEqual(['12.5', '1234.56', '0.5'])

    const chosen = readRegistry(fixture('semicolon-decimal-comma.csv'), 'x.csv', USDC, { decimalSeparator: ',' })
    expect(chosen.decimalSeparator).toBe(',')
    expect(chosen.rows.map((row) => row.amount)).toEqual([
      12_500_000n,
      1_234_560_000n,
      500_000n,
      1_234_000n,
      1_000_000_000n
    ])
  })

  it('reads an Excel "Unicode text" export: UTF-16LE with BOM, tab-separated', () => {
    const r = readRegistry(fixture('excel-unicode-text.txt'), 'export.txt', USDC)
    expect(r).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' })
    expect(table(r)).toEqual([
      [2, ADDR.a, 100_000_000n, []],
      [3, ADDR.b, 500_000n, []],
      [4, ADDR.c, 7_000_000n, []]
    ])
    expect(r.rows.map((row) => row.name)).toEqual(['Zoë Ødegård', '李雷', 'Αλέξανδρος'])
  })

  it('reads Windows-1252 bytes and says which encoding it assumed', () => {
    const r = readRegistry(fixture('windows-1252.csv'), 'old.csv', USDC)
    expect(r).toMatchObject({ encoding: 'windows-1252', encodingAssumed: true })
    expect(r.notices.find((n) => n.code === 'encoding_assumed')?.message).toContain('Windows-1252')
    expect(r.rows.map((row) => [row.sourceRow, row.name, row.amount])).toEqual([
      [2, 'José Müller', 10_000_000n],
      [3, 'Françoise Lefèvre', 20_000_000n]
    ])
    expect(readRegistry(fixture('windows-1252.csv'), 'old.csv', USDC, { encoding: 'utf-8' }).rows[0]!.name).toBe(
      'Jos\ufffd M\ufffdller'
    )
  })

  it("reads Safe's airdrop layout and refuses rows for another asset or an NFT", () => {
    const r = readRegistry(fixture('safe-airdrop.csv'), 'airdrop.csv', USDC)
    expect(r.mapping).toEqual({ address: 'C', amount: 'D', reference: 'E', token_type: 'A', token_address: 'B' })
    expect(table(r)).toEqual([
      [2, ADDR.a, 15_500_000n, []],
      [3, ADDR.b, 750_000n, []],
      [4, ADDR.c, 1_000_000n, ['asset_mismatch']],
      [5, ADDR.d, 3_000_000n, ['asset_mismatch']],
      [6, ADDR.e, 1_000_000n, ['address_no_checksum', 'asset_nft_not_supported', 'asset_mismatch']]
    ])
    const native = readRegistry(fixture('safe-airdrop.csv'), 'airdrop.csv', ETH)
    expect(native.rows.map((row) => row.issues.filter((i) => i.field === 'asset').map((i) => i.code))).toEqual([
      ['asset_mismatch', 'asset_mismatch'],
      ['asset_mismatch', 'asset_mismatch'],
      [],
      ['asset_mismatch', 'asset_mismatch'],
      ['asset_nft_not_supported', 'asset_mismatch']
    ])
  })

  it('reads headerless address,amount files and Disperse-style lines from row 1', () => {
    const csv = readRegistry(fixture('headerless.csv'), 'h.csv', USDC)
    expect(csv).toMatchObject({ hasHeader: false, mapping: { address: 'A', amount: 'B' } })
    expect(table(csv)).toEqual([
      [1, ADDR.a, 1_500_000n, []],
      [2, ADDR.b, 2_000_000n, []],
      [3, ADDR.c, 1n, []]
    ])
    const txt = readRegistry(fixture('disperse.txt'), 'd.txt', USDC)
    expect(txt).toMatchObject({ delimiter: ' ', hasHeader: false })
    expect(table(txt)).toEqual([
      [1, ADDR.a, 1_500_000n, []],
      [2, ADDR.b, 2_000_000n, []],
      [3, ADDR.c, 3_250_000n, []]
    ])
    // A pasted list that mixes the separators line by line: blanks, a comma, "=", a semicolon.
    const mixed = readRegistry(
      new TextEncoder().encode(`${ADDR.a} 1.5\n${ADDR.b},2\n${ADDR.c}=3.25\n${ADDR.d} ; 4\n`),
      'm.txt',
      USDC
    )
    expect(mixed).toMatchObject({ delimiter: ' ', hasHeader: false })
    expect(table(mixed)).toEqual([
      [1, ADDR.a, 1_500_000n, []],
      [2, ADDR.b, 2_000_000n, []],
      [3, ADDR.c, 3_250_000n, []],
      [4, ADDR.d, 4_000_000n, []]
    ])
  })

  it('refuses the amount of a row split by an unquoted separator, and only where a value lies past the first row', () => {
    const text = (s: string): Uint8Array => new TextEncoder().encode(s)
    // "1,200" without quotes in a comma file: the amount cell holds 1 and a stray 200 follows.
    const split = readRegistry(
      text(`name,address,amount\nAnn,${ADDR.a},1,200.50\nBo,${ADDR.b},3\nCy,${ADDR.c},4,\n`),
      's.csv',
      USDC
    )
    expect(table(split)).toEqual([
      [2, ADDR.a, null, ['cell_past_header']],
      [3, ADDR.b, 3_000_000n, []],
      // A trailing separator adds an empty cell: nothing was split.
      [4, ADDR.c, 4_000_000n, []]
    ])
    expect(split.rows[0]!.issues[0]).toMatchObject({ field: 'amount', severity: 'error' })
    expect(split.rows[0]!.issues[0]!.message).toBe(
      'Row 2: this row has more cells than the header (column D, which has no heading, holds "200.50"). If the amount is 1,200.50, the comma split it in two; the amount "1" was not imported. Put values that hold a comma in quotes ("1,200.50") and import the file again, or enter the amount here.'
    )
    expect(split.rows[0]!.amountText).toBe('')
    // The split row pays nothing until its amount is entered: the total holds the other rows only.
    expect(split.totals).toMatchObject({ rows: 3, rowsWithErrors: 1, amountTotal: 7_000_000n })

    // A Disperse-style list with a space as thousands separator: not guessed as space-separated (a
    // line has two words after its address); once the user chooses the space, "1 200" is two cells.
    const spacedBytes = text(`${ADDR.a} 12.5\n${ADDR.b} 1 200\n${ADDR.c} 3\n`)
    expect(readRegistry(spacedBytes, 'd.txt', USDC)).toMatchObject({ needs: 'mapping', rows: [] })
    const spaced = readRegistry(spacedBytes, 'd.txt', USDC, { delimiter: ' ' })
    expect(spaced).toMatchObject({ delimiter: ' ', hasHeader: false })
    expect(table(spaced)).toEqual([
      [1, ADDR.a, 12_500_000n, []],
      [2, ADDR.b, null, ['cell_past_header']],
      [3, ADDR.c, 3_000_000n, []]
    ])
    expect(spaced.rows[1]!.issues[0]!.message).toContain('which the first row does not have')
    expect(spaced.rows[1]!.issues[0]!.message).toContain('If the amount is 1 200, the space split it in two')

    // No header, and the first row split too: the columns are mapped by hand and the first row
    // gives no shape to compare with, so an amount of one to three digits followed by a group of
    // three digits in a column nobody reads is the split. Other values there are not.
    const headless = readRegistry(
      text(`${ADDR.a},1,200\n${ADDR.b},3\n${ADDR.c},2,500.50\n${ADDR.d},5,Bonus\n${ADDR.e},7,12\n`),
      'h.csv',
      USDC,
      { mapping: { address: 'A', amount: 'B' }, hasHeader: false }
    )
    const splitCodes = (codes: string[]) => codes.filter((c) => c === 'cell_past_header')
    expect(table(headless).map(([row, , amount, codes]) => [row, amount, splitCodes(codes)])).toEqual([
      [1, null, ['cell_past_header']],
      [2, 3_000_000n, []],
      [3, null, ['cell_past_header']],
      [4, 5_000_000n, []],
      [5, 7_000_000n, []]
    ])
    expect(headless.rows[0]!.issues[0]!.message).toBe(
      'Row 1: the amount is followed by "200" in column C, which is not read. If the amount is 1,200, the comma split it in two; the amount "1" was not imported. Put values that hold a comma in quotes ("1,200") and import the file again, or enter the amount here.'
    )

    // Excel pads every row to the widest one, the header included: a note in the padded column is no split.
    const padded = readRegistry(text(`address,amount,\n${ADDR.a},5,\n${ADDR.b},6,paid in March\n`), 'p.csv', USDC)
    expect(table(padded)).toEqual([
      [2, ADDR.a, 5_000_000n, []],
      [3, ADDR.b, 6_000_000n, []]
    ])

    // A column the user chose to read is not stray, even past the header.
    const chosen = readRegistry(text(`address,amount\n${ADDR.a},5,Bonus\n`), 'c.csv', USDC, {
      mapping: { address: 'A', amount: 'B', note: 'C' }
    })
    expect(chosen.rows.map((row) => [row.amount, row.note, row.issues])).toEqual([[5_000_000n, 'Bonus', []]])
  })

  it('asks for a column mapping instead of guessing, then reads with the mapping given', () => {
    const r = readRegistry(fixture('no-header.csv'), 'n.csv', USDC)
    expect(r).toMatchObject({ needs: 'mapping', hasHeader: false, columns: ['A', 'B', 'C'], rows: [] })
    expect(r.sample).toEqual([
      ['Anna', ADDR.a, '100'],
      ['Bernd', ADDR.b, '200']
    ])
    const mapped = readRegistry(fixture('no-header.csv'), 'n.csv', USDC, {
      mapping: { name: 'A', address: 'B', amount: 'C' },
      hasHeader: false
    })
    expect(table(mapped)).toEqual([
      [1, ADDR.a, 100_000_000n, []],
      [2, ADDR.b, 200_000_000n, []]
    ])
    expect(mapped.rows.map((row) => row.name)).toEqual(['Anna', 'Bernd'])

    const german = readRegistry(fixture('unknown-header.csv'), 'g.csv', USDC)
    expect(german).toMatchObject({
      needs: 'mapping',
      hasHeader: true,
      headers: ['Empfänger', 'Betrag', 'Kommentar'],
      delimiter: ';'
    })
    const germanMapped = readRegistry(fixture('unknown-header.csv'), 'g.csv', USDC, {
      mapping: { address: 'A', amount: 'B', note: 'C' }
    })
    expect(germanMapped.rows.map((row) => [row.sourceRow, row.amount, row.note])).toEqual([
      [2, 100_000_000n, 'Bonus'],
      [3, 200_000_000n, undefined]
    ])
  })

  it('refuses a mapping with unknown fields, columns outside the file, or no amount column', () => {
    const bytes = fixture('no-header.csv')
    expect(
      readRegistry(bytes, 'n.csv', USDC, {
        mapping: JSON.parse('{"__proto__":"A","address":"B","amount":"C"}') as Record<string, string>
      }).error?.code
    ).toBe('mapping_unknown_field')
    expect(readRegistry(bytes, 'n.csv', USDC, { mapping: { address: 'B', amount: 'F' } }).error?.code).toBe(
      'mapping_bad_column'
    )
    expect(readRegistry(bytes, 'n.csv', USDC, { mapping: { address: 'B' } }).error?.code).toBe('mapping_incomplete')
    expect(readRegistry(bytes, 'n.csv', USDC, { mapping: { address: 'B', amount: 'B' } }).error?.code).toBe(
      'mapping_column_twice'
    )
  })

  it('takes the "sep=" line Excel writes first as the separator, numbering rows from the line after it as Excel does', () => {
    const excel = (sep: string, body: string): Uint8Array => new TextEncoder().encode(`sep=${sep}\r\n${body}`)
    // Headerless, so without the line the delimiter would be a guess; "1,5" is one amount, not two cells.
    const r = readRegistry(excel(';', `${ADDR.a};1.234,56\r\n${ADDR.b};1,5\r\n`), 'x.csv', USDC)
    expect(r).toMatchObject({ delimiter: ';', hasHeader: false })
    expect(table(r)).toEqual([
      [1, ADDR.a, 1_234_560_000n, []],
      [2, ADDR.b, 1_500_000n, []]
    ])
    const header = readRegistry(excel(',', `address,amount,name\r\n${ADDR.a},12.5,"Martin, Alice"\r\n`), 'x.csv', USDC)
    expect(header).toMatchObject({ delimiter: ',', hasHeader: true, headers: ['address', 'amount', 'name'] })
    expect(table(header)).toEqual([[2, ADDR.a, 12_500_000n, []]])
    expect(header.rows[0]!.name).toBe('Martin, Alice')
    // The user's own choice still wins; the line is never read as data.
    const chosen = readRegistry(excel(',', `address\tamount\r\n${ADDR.a}\t7\r\n`), 'x.csv', USDC, { delimiter: 'tab' })
    expect(table(chosen)).toEqual([[2, ADDR.a, 7_000_000n, []]])
  })

  it('uses the delimiter the user chose', () => {
    const r = readRegistry(fixture('semicolon-decimal-comma.csv'), 'x.csv', USDC, { delimiter: ',' })
    expect(r).toMatchObject({ delimiter: ',', needs: 'mapping' })
  })

  it('refuses a gigantic cell, an unclosed quote, an empty file and a too large file with clear messages', () => {
    expect(readRegistry(giganticCellCsv(100_000), 'big.csv', USDC).error).toMatchObject({ code: 'cell_too_large' })
    expect(readRegistry(giganticCellCsv(100_000), 'big.csv', USDC).error?.message).toContain(
      'Row 2, column C holds 100,000 characters'
    )
    expect(readRegistry(unclosedQuoteCsv(), 'q.csv', USDC).error).toMatchObject({ code: 'csv_unclosed_quote' })
    expect(readRegistry(new Uint8Array(0), 'e.csv', USDC).error).toMatchObject({ code: 'file_empty' })
    expect(readRegistry(new TextEncoder().encode('\r\n,,\r\n'), 'e.csv', USDC).error).toMatchObject({
      code: 'file_empty'
    })
    expect(readRegistry(new Uint8Array(LIMITS.maxFileBytes + 1), 'huge.csv', USDC).error).toMatchObject({
      code: 'file_too_large'
    })
  })
})
