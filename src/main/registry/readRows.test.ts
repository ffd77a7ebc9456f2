import { describe, expect, it } from 'vitest'
import { ADDR, largeCsv, textFixtures, USDC } from './fixtures'
import { unpackRows } from './packedRows'
import { readRegistry, readRegistryPacked } from './read'
import type { ReadRegistryOptions } from './types'
import { validateRows } from './validate'

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

/** The whole result, rows as objects, of a file read `batch` records at a time. */
function readInBatches(bytes: Uint8Array, name: string, batch: number, options: ReadRegistryOptions = {}) {
  const { packed, ...rest } = readRegistryPacked({ bytes }, name, USDC, options, { batchRecords: batch })
  return { ...rest, rows: unpackRows(packed) }
}

/** Duplicates in different batches, unreadable addresses, the token contract, blank rows between. */
const TRICKY = utf8(
  [
    'address,amount,name,reference',
    `${ADDR.a},1,Ann,R-1`,
    `${ADDR.b.toLowerCase()},2,Bob,R-2`,
    ',,,',
    `${ADDR.c.slice(0, -1)}0,3,Typo,R-3`,
    `${USDC.tokenAddress},4,Token,r-1`,
    `${ADDR.a.toLowerCase()},5,Ann again,R-5`,
    `${USDC.tokenAddress.toLowerCase()},6,Token again,R-6`,
    `${ADDR.c.slice(0, -1)}0,7,Same typo,R-7`,
    `${ADDR.b},1.234,Ambiguous,R-2`,
    `${ADDR.d},"1,234.5",Grouped,`,
    `${ADDR.e},"12,5",Decimal comma,`,
    ''
  ].join('\n')
)

describe('reading a text file in batches', () => {
  it('gives exactly the result of reading it in one batch, for every batch size', () => {
    const whole = readRegistry(TRICKY, 'tricky.csv', USDC)
    expect(whole.rows.some((r) => r.issues.some((i) => i.code === 'reference_duplicate'))).toBe(true)
    expect(whole.rows.some((r) => r.issues.some((i) => i.code === 'address_duplicate'))).toBe(true)
    for (const batch of [1, 2, 3, 5, 7]) expect(readInBatches(TRICKY, 'tricky.csv', batch)).toEqual(whole)
    // A decimal point in one batch and a decimal comma in another: the file as a whole shows neither.
    expect(whole.detectedDecimalSeparator).toBeUndefined()
    const onlyPoints = utf8(['address,amount', `${ADDR.a},"1,234.5"`, `${ADDR.b},2`, `${ADDR.c},0.5`, ''].join('\n'))
    expect(readInBatches(onlyPoints, 'points.csv', 1).detectedDecimalSeparator).toBe('.')
  })

  it('finds duplicates across batches exactly as validating every row at once does', () => {
    const lines = new TextDecoder().decode(TRICKY).split('\n').slice(1, -1)
    const inputs = lines.map((line, i) => {
      const [address = '', amount = '', name = '', reference = ''] = line
        .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
        .map((c) => c.replace(/^"|"$/g, ''))
      return { sourceRow: i + 2, address, amount, name, reference }
    })
    const expected = validateRows(inputs, USDC, { readingFile: true })
    const read = readInBatches(TRICKY, 'tricky.csv', 2)
    expect(read.rows).toEqual(expected.rows)
    expect(read.totals).toEqual(expected.totals)
    expect(read.skippedBlankRows).toBe(expected.skippedBlankRows)
  })

  it('gives the same result in batches for every text fixture (encodings, delimiters, mapping step)', () => {
    for (const [name, bytes] of Object.entries(textFixtures())) {
      const whole = readRegistry(bytes, name, USDC)
      for (const batch of [1, 2, 4])
        expect(readInBatches(bytes, name, batch), `${name} in batches of ${batch}`).toEqual(whole)
    }
  })

  it('applies a chosen mapping whose column only later rows have, and refuses one no row has', () => {
    const bytes = utf8(['a,b', `${ADDR.a},1`, `${ADDR.b},2,note on a wider row`, ''].join('\n'))
    const mapping = { address: 'A', amount: 'B', note: 'C' }
    const whole = readRegistry(bytes, 'wide.csv', USDC, { mapping })
    expect(whole.error).toBeUndefined()
    expect(whole.rows.map((r) => r.note)).toEqual([undefined, 'note on a wider row'])
    expect(readInBatches(bytes, 'wide.csv', 1, { mapping })).toEqual(whole)
    const refused = readInBatches(bytes, 'wide.csv', 1, { mapping: { address: 'A', amount: 'B', note: 'D' } })
    expect(refused.error?.code).toBe('mapping_bad_column')
    expect(refused.error?.message).toContain('columns A to C')
  })

  it('asks for a mapping with every column of the file, even those only late rows have', () => {
    const bytes = utf8(['who,what', 'x,y', 'x,y,z', ''].join('\n'))
    const read = readInBatches(bytes, 'unknown.csv', 1)
    expect(read.needs).toBe('mapping')
    expect(read.columns).toEqual(['A', 'B', 'C'])
    expect(read).toEqual(readRegistry(bytes, 'unknown.csv', USDC))
  })

  it('names the row of a parse error counted over the whole file, not the batch', () => {
    const bytes = utf8(
      ['address,amount,note', `${ADDR.a},1,a`, `${ADDR.b},2,b`, `${ADDR.c},3,"never closed`, ''].join('\n')
    )
    const read = readInBatches(bytes, 'quote.csv', 1)
    expect(read.error?.code).toBe('csv_unclosed_quote')
    expect(read.error?.message).toMatch(/^Row 4:/)
  })

  it('reads a large file in batches with row numbers and totals of the whole file', () => {
    const bytes = largeCsv(2_500)
    const read = readInBatches(bytes, 'large.csv', 1_000)
    expect(read.rows).toHaveLength(2_500)
    expect(read.rows[2_499]!.sourceRow).toBe(2_501)
    expect(read.totals.validRows).toBe(2_500)
    expect(read).toEqual(readRegistry(bytes, 'large.csv', USDC))
  })
})
