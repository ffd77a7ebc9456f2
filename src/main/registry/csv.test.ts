import { describe, expect, it } from 'vitest'
import { columnIndex, columnLetter, countRecords, detectDelimiter, parseDelimited, SPACE_DELIMITER } from './csv'

const never = (): boolean => false
const records = (text: string, delimiter = ','): string[][] => {
  const parsed = parseDelimited(text, delimiter)
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.records
}

describe('parseDelimited (RFC 4180)', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks inside them', () => {
    expect(records('a,"b,c","say ""hi""","two\r\nlines"\r\nx,y,z,w\r\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\r\nlines'],
      ['x', 'y', 'z', 'w']
    ])
  })

  it('accepts CRLF, LF and CR line ends in one file', () => {
    expect(records('a,1\r\nb,2\nc,3\rd,4')).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['d', '4']
    ])
  })

  it('keeps every value as text, so 0x00..01 and 1e3 stay exactly as written', () => {
    expect(records('0x0000000000000000000000000000000000000001,1e3,007')).toEqual([
      ['0x0000000000000000000000000000000000000001', '1e3', '007']
    ])
  })

  it('keeps blank lines as records so row numbers match the file, but adds none for the final newline', () => {
    expect(records('h\n\nx\n')).toEqual([['h'], [''], ['x']])
  })

  it('keeps an empty last field after a trailing delimiter', () => {
    expect(records('a,b,\n')).toEqual([['a', 'b', '']])
  })

  it('refuses an unclosed quote and names the row where it starts', () => {
    const parsed = parseDelimited('a,b\n1,"open\n2,3\n', ',')
    expect(parsed).toMatchObject({ ok: false, code: 'csv_unclosed_quote' })
    if (!parsed.ok) expect(parsed.message).toContain('Row 2')
  })

  it('refuses a cell longer than the limit and names its row and column', () => {
    const parsed = parseDelimited(`a,b\n1,"${'x'.repeat(50)}"\n`, ',', { maxRecords: 10, maxCellChars: 40 })
    expect(parsed).toMatchObject({ ok: false, code: 'cell_too_large' })
    if (!parsed.ok) expect(parsed.message).toContain('Row 2, column B')
  })

  it('refuses more records than the limit', () => {
    expect(parseDelimited('a\nb\nc\n', ',', { maxRecords: 2, maxCellChars: 10 })).toMatchObject({
      ok: false,
      code: 'too_many_rows'
    })
  })

  it('splits address-amount lines on spaces or "="', () => {
    expect(records('0xabc 1.5\n0xdef=2\n0x123   3\n', SPACE_DELIMITER)).toEqual([
      ['0xabc', '1.5'],
      ['0xdef', '2'],
      ['0x123', '3']
    ])
  })
})

describe('detectDelimiter', () => {
  it('ignores delimiters inside quotes', () => {
    expect(detectDelimiter('a;b\n"1,5";"x,y,z"\n"2,5";"u,v,w"\n', never)).toBe(';')
  })

  it('prefers the delimiter under which the header is recognised', () => {
    expect(detectDelimiter('address|amount\n0x1|2\n', (cells) => cells.includes('address'))).toBe('|')
  })

  it('finds tabs, and semicolons in a decimal-comma file where commas vary per row', () => {
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n', never)).toBe('\t')
    expect(detectDelimiter('a;b;c\n1;2,5;x\n3;4;y\n', never)).toBe(';')
  })

  it('recognises Disperse-style "address amount" lines', () => {
    const line = `0x${'ab'.repeat(20)} 1.5`
    expect(detectDelimiter(`${line}\n${line}\n`, never)).toBe(SPACE_DELIMITER)
  })
})

describe('column letters', () => {
  it('name columns as spreadsheets do, both ways', () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA'])
    expect(['A', 'z', 'AA', 'ZZ', 'AAA', 'A1', ''].map(columnIndex)).toEqual([0, 25, 26, 701, 702, -1, -1])
  })
})

describe('delimiter detection with decimal commas', () => {
  it('prefers the semicolon split of a headerless decimal-comma file over a comma split', () => {
    const text =
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed;1.234,5;José\n0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359;12,75;Ana\n'
    expect(detectDelimiter(text, never)).toBe(';')
  })
})

describe('countRecords', () => {
  it('counts records exactly as the parser reads them: quoted line breaks, literal quotes, CRLF, no final line break', () => {
    const texts = ['a,b\r\n1,"two\r\nlines"\r\n3,4', 'a,b\n5" screen,"x"\n"q ""y""",z\n\n', 'only', 'a;b\r1;2\r', '']
    for (const text of texts) {
      const delimiter = text.includes(';') ? ';' : ','
      const parsed = parseDelimited(text, delimiter)
      expect(parsed.ok).toBe(true)
      expect(countRecords(text, delimiter), JSON.stringify(text)).toBe(parsed.ok ? parsed.records.length : -1)
    }
  })

  it('stops counting once past the limit', () => {
    expect(countRecords('x\n'.repeat(100), ',', 10)).toBe(11)
  })
})
