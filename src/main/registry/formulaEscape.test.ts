// Runs in: Vitest (node). The CSV formula escape, checked the way an attacker would use it: our
// CSV read by a spreadsheet whose list separator is a comma, a semicolon, a tab or a pipe, and
// re-imported by us, which must give back exactly what was exported.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toCsv, exportCsv, type ExportRow } from './export'
import { ADDR, USDC } from './fixtures'
import { escapeFormula, unescapeFormula } from './formulaEscape'
import { readRegistry } from './read'

/** The list separators Excel uses for CSV across locales and settings. */
const LOCALE_SEPARATORS = [
  ['comma (en-US, en-GB)', ','],
  ['semicolon (de-DE, fr-FR, most of Europe)', ';'],
  ['tab (text import)', '\t'],
  ['pipe (custom list separator)', '|']
] as const

const decode = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes)

/**
 * The cells a spreadsheet sees when it reads `text` with `separator`: a field that starts with a
 * double quote is quoted ("" inside is one quote, anything after the closing quote is kept as
 * text); any other field runs to the next separator or line break.
 */
function spreadsheetCells(text: string, separator: string): string[] {
  const cells: string[] = []
  let i = 0
  const isEnd = (c: string | undefined): boolean => c === undefined || c === separator || c === '\r' || c === '\n'
  while (i < text.length) {
    let value = ''
    if (text[i] === '"') {
      i++
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"'
          i += 2
        } else if (text[i] === '"') {
          i++
          break
        } else value += text[i++]
      }
    }
    while (!isEnd(text[i])) value += text[i++]
    cells.push(value)
    i++
  }
  return cells
}

/**
 * A cell a spreadsheet may run as a formula: a trigger after any spaces, double quotes, tabs and
 * line breaks (some readers strip those before deciding).
 */
const runsAsFormula = (cell: string): boolean => /^[ "\t\r\n]*[=+\-@]/.test(cell)

/** Values heavy in what matters here: triggers, separators, quotes, spaces, line breaks. */
const hostileText = fc.string({
  unit: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...'=+-@\'" ,;|\t\r\nAb1'.split('')) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) }
  ),
  maxLength: 24
})

describe('a formula after a separator inside a cell is escaped', () => {
  const payloads = [
    "Bob;=cmd|' /C calc'!A0",
    'Bob,=HYPERLINK("http://evil")',
    'Bob\t+1+1',
    'Bob|@SUM(A1)',
    'Bob; -2+3',
    'Bob;"=1+1',
    'Bob\r\n=1+1',
    'Bob\n-1',
    "Bob;'=already quoted"
  ]

  it.each(LOCALE_SEPARATORS)('no cell runs as a formula when read with a %s separator', (_name, separator) => {
    const cells = [['address', 'name'], ...payloads.map((p) => [ADDR.a, p])]
    const seen = spreadsheetCells(decode(toCsv(cells)), separator)
    expect(seen.filter(runsAsFormula)).toEqual([])
  })

  it('the unescaped payloads would run: the spreadsheet model finds them', () => {
    const raw = payloads.map((p) => `${ADDR.a},${p}`).join('\r\n')
    expect(spreadsheetCells(raw, ';').some(runsAsFormula)).toBe(true)
    expect(spreadsheetCells(raw, '|').some(runsAsFormula)).toBe(true)
    expect(spreadsheetCells(raw, '\t').some(runsAsFormula)).toBe(true)
  })

  it('puts the quote right before the trigger, where the split cell begins', () => {
    expect(escapeFormula("Bob;=cmd|' /C calc'!A0")).toBe("Bob;'=cmd|' /C calc'!A0")
    expect(escapeFormula('Bob; "=x')).toBe(`Bob; "'=x`)
    expect(escapeFormula('a;\t=x')).toBe("a;'\t'=x")
    expect(escapeFormula('line\n@x')).toBe("line\n'@x")
    expect(escapeFormula('Smith - Jones, Ann')).toBe('Smith - Jones, Ann')
    expect(escapeFormula('1,234.56')).toBe('1,234.56')
  })

  it('holds for any text, read with any of the separators', () => {
    fc.assert(
      fc.property(fc.array(hostileText, { minLength: 1, maxLength: 4 }), (row) => {
        const text = decode(toCsv([row]))
        for (const [, separator] of LOCALE_SEPARATORS)
          expect(spreadsheetCells(text, separator).filter(runsAsFormula)).toEqual([])
      }),
      { numRuns: 500 }
    )
  })
})

describe('import removes exactly what export added', () => {
  it('for any text, including text that already starts with quotes', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.string({ unit: 'grapheme' })), (value) => {
        expect(unescapeFormula(escapeFormula(value))).toBe(value)
      }),
      { numRuns: 2000 }
    )
    for (const value of ['=1+1', "'=1+1", "''=x", "'plain", 'plain', '-5', '@', "'", '', '\r=x', "a;'=x", "a;''-x"])
      expect(unescapeFormula(escapeFormula(value))).toBe(value)
  })

  it('through a whole CSV file: every name, reference and note comes back as it was (trimmed, as import trims)', () => {
    const field = hostileText
    fc.assert(
      fc.property(fc.array(fc.tuple(field, field, field), { minLength: 1, maxLength: 5 }), (cells) => {
        const rows: ExportRow[] = cells.map(([name, reference, note]) => ({
          address: ADDR.a,
          amount: 1n,
          name,
          reference,
          note
        }))
        const back = readRegistry(exportCsv(rows, USDC), 'export.csv', USDC)
        expect(back.error).toBeUndefined()
        const trimmed = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim())
        expect(back.rows.map((r) => [r.name, r.reference, r.note])).toEqual(cells.map((c) => c.map(trimmed)))
      }),
      { numRuns: 150 }
    )
  })
})
