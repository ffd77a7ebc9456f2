// Runs in: Vitest (Node). Reading and writing spreadsheet clipboard blocks: the rules the grid's
// paste and copy rely on.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { detectHeader, fieldsFrom, headerField, parseTsv, paymentList, toTsv } from './tsv'

describe('parseTsv', () => {
  it('splits rows on line breaks and cells on tabs, ignoring the final line break spreadsheets add', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd']
    ])
  })

  it('accepts \\n and lone \\r line endings', () => {
    expect(parseTsv('a\nb\rc')).toEqual([['a'], ['b'], ['c']])
  })

  it('keeps empty cells, including a trailing one', () => {
    expect(parseTsv('a\t\tc\nd\t')).toEqual([
      ['a', '', 'c'],
      ['d', '']
    ])
  })

  it('reads a quoted cell holding a tab, a line break and doubled quotes as one cell', () => {
    expect(parseTsv('"x\ty"\t"line 1\nline 2"\t"say ""hi"""\nz')).toEqual([
      ['x\ty', 'line 1\nline 2', 'say "hi"'],
      ['z']
    ])
  })

  it('takes a quote that never closes literally instead of swallowing the rest of the block', () => {
    expect(parseTsv('"unclosed\tb\nc\td')).toEqual([
      ['"unclosed', 'b'],
      ['c', 'd']
    ])
  })

  it('takes a quote in the middle of a cell literally', () => {
    expect(parseTsv('5" screen\t1')).toEqual([['5" screen', '1']])
  })

  it('returns no rows for empty text or text of blank lines', () => {
    expect(parseTsv('')).toEqual([])
    expect(parseTsv('\n\t\n')).toEqual([])
  })

  it('keeps blank rows in the middle of a block so rows stay aligned', () => {
    expect(parseTsv('a\n\nb\n')).toEqual([['a'], [''], ['b']])
  })
})

describe('paymentList', () => {
  const A = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
  const B = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'

  it('reads lines of an address and an amount, whatever separates them, keeping blank lines', () => {
    const text = `${A} 1.5\n${B},2\n\n${A}=3.25\n  ${B} ; 1.234,5  \n`
    expect(paymentList(parseTsv(text))).toEqual([
      [A, '1.5'],
      [B, '2'],
      ['', ''],
      [A, '3.25'],
      [B, '1.234,5']
    ])
  })

  it('leaves spreadsheet blocks, and lists with any other line, to be pasted cell for cell', () => {
    expect(paymentList(parseTsv(`${A}\t1.5\n`))).toBeNull()
    expect(paymentList(parseTsv(`${A} 1.5\nAnn ${B} 2\n`))).toBeNull()
    expect(paymentList(parseTsv(`${A}\n${B}\n`))).toBeNull()
    expect(paymentList(parseTsv(`0x5aAeb6053F 1.5\n`))).toBeNull()
    expect(paymentList([])).toBeNull()
  })
})

describe('detectHeader', () => {
  it('recognises common header names case-insensitively, with their columns', () => {
    expect(detectHeader(['Wallet Address', 'AMOUNT', 'Comment'])).toEqual(['address', 'amount', 'note'])
  })

  it('recognises the Safe airdrop layout, leaving token columns unmapped', () => {
    expect(detectHeader(['token_type', 'token_address', 'receiver', 'amount', 'id'])).toEqual([
      null,
      null,
      'address',
      'amount',
      'reference'
    ])
  })

  it('treats a row with an address or a number as data, not a header', () => {
    expect(detectHeader(['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '10', 'name'])).toBeNull()
  })

  it('treats a row naming no field as data', () => {
    expect(detectHeader(['Alice', 'Bob'])).toBeNull()
  })

  it('refuses a header that names the same field twice, rather than guessing which column wins', () => {
    expect(detectHeader(['address', 'wallet', 'amount'])).toBeNull()
  })

  it('maps aliases one by one', () => {
    expect(headerField(' external_id ')).toBe('reference')
    expect(headerField('Value')).toBe('amount')
    expect(headerField('foo')).toBeNull()
  })

  it('recognises the accounting columns: category or account code, and cost center', () => {
    expect(detectHeader(['Address', 'Amount', 'Account Code', 'Cost_Center'])).toEqual([
      'address',
      'amount',
      'category',
      'costCenter'
    ])
    expect(headerField('Category')).toBe('category')
    expect(headerField('cost centre')).toBe('costCenter')
  })
})

describe('fieldsFrom', () => {
  it('lists the editable fields from the focused column onward', () => {
    expect(fieldsFrom('amount')).toEqual(['amount', 'name', 'reference', 'note', 'category', 'costCenter'])
  })
})

describe('toTsv', () => {
  it('separates cells with tabs and rows with CRLF, with no line break after the last row', () => {
    expect(
      toTsv([
        ['a', 'b'],
        ['c', '']
      ])
    ).toBe('a\tb\r\nc\t')
  })

  it('quotes cells holding a tab, a line break or a quote, doubling the quotes, as Excel and Google Sheets do', () => {
    expect(toTsv([['Frank\tJr', 'two\nlines', 'say "hi"', 'plain']])).toBe(
      '"Frank\tJr"\t"two\nlines"\t"say ""hi"""\tplain'
    )
    expect(toTsv([['a\r\nb']])).toBe('"a\r\nb"')
  })

  it('is read back by parseTsv cell for cell', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '1', ' ', '\t', '\n', '\r', '"', ',', '.') })
    const block = fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 5 })
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), block, (width, raw) => {
        const rows = raw.map((r) => r.slice(0, width))
        // A trailing row of empty cells is the one thing spreadsheets drop on paste too.
        while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === '')) rows.pop()
        expect(parseTsv(toTsv(rows))).toEqual(rows)
      })
    )
  })
})
