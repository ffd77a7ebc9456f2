// Runs in: Vitest (Node). Reading spreadsheet clipboard blocks: the rules the grid's paste relies on.
import { describe, expect, it } from 'vitest'
import { detectHeader, fieldsFrom, headerField, parseTsv } from './tsv'

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
})

describe('fieldsFrom', () => {
  it('lists the editable fields from the focused column onward', () => {
    expect(fieldsFrom('amount')).toEqual(['amount', 'name', 'reference', 'note'])
  })
})
