import { describe, expect, it } from 'vitest'
import { ADDR, USDC } from './fixtures'
import { fieldForHeader } from './headers'
import { readRegistryInWorker } from './inWorker'
import { forEachPackedRow, packRows, unpackRows } from './packedRows'
import { readRegistry } from './read'
import { MAX_ACCOUNTING_LABEL_CHARS } from './accountingColumns'
import { validateRows } from './validate'

const csv = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('category and cost center columns', () => {
  it('are recognised under the names accounting and payroll exports give them', () => {
    const cases: Array<[string, string]> = [
      ['Category', 'category'],
      ['Account', 'category'],
      ['Account Code', 'category'],
      ['GL_Account', 'category'],
      ['GL code', 'category'],
      ['Nominal Code', 'category'],
      ['Cost Center', 'cost_center'],
      ['Cost-Centre', 'cost_center'],
      ['Department', 'cost_center'],
      ['Dept.', 'cost_center']
    ]
    for (const [header, field] of cases) expect([header, fieldForHeader(header, USDC)]).toEqual([header, field])
  })

  it('flow from the file to each row, trimmed, and survive packing for the trip from the worker', async () => {
    const file = csv(
      [
        'Wallet,Amount,GL Account,Cost Centre,Reference',
        `${ADDR.a},10,  6100 - Salaries  ,Engineering,PAY-1`,
        `${ADDR.b},20,,Sales,PAY-2`,
        `${ADDR.d},30,6200,,PAY-3`
      ].join('\n')
    )
    const r = readRegistry(file, 'payroll.csv', USDC)
    expect(r.mapping).toMatchObject({ address: 'A', amount: 'B', category: 'C', cost_center: 'D', reference: 'E' })
    expect(r.rows.map((row) => [row.category, row.costCenter])).toEqual([
      ['6100 - Salaries', 'Engineering'],
      [undefined, 'Sales'],
      ['6200', undefined]
    ])
    expect(r.rows.every((row) => row.issues.length === 0)).toBe(true)

    const viewed: Array<[string, string]> = []
    forEachPackedRow(packRows(r.rows, USDC.decimals), (row) => viewed.push([row.category, row.costCenter]))
    expect(viewed).toEqual([
      ['6100 - Salaries', 'Engineering'],
      ['', 'Sales'],
      ['6200', '']
    ])
    expect(unpackRows(packRows(r.rows, USDC.decimals))).toEqual(r.rows)
    expect(await readRegistryInWorker(file, 'payroll.csv', USDC)).toEqual(r)
  })

  it('refuse a label that is too long or hides control characters, naming the row and the character', () => {
    const long = 'x'.repeat(MAX_ACCOUNTING_LABEL_CHARS + 1)
    const { rows } = validateRows(
      [
        { sourceRow: 2, address: ADDR.a, amount: '1', category: long },
        { sourceRow: 3, address: ADDR.b, amount: '1', costCenter: 'Sales\u202eselaS' },
        { sourceRow: 4, address: ADDR.d, amount: '1', category: '61\t00' },
        { sourceRow: 5, address: ADDR.c, amount: '1', category: 'x'.repeat(MAX_ACCOUNTING_LABEL_CHARS) }
      ],
      USDC
    )
    expect(rows.map((row) => row.issues.map((i) => [i.field, i.code]))).toEqual([
      [['category', 'category_too_long']],
      [['cost_center', 'text_direction_character']],
      [['category', 'text_control_character']],
      []
    ])
    expect(rows[1]!.issues[0]!.message).toMatch(
      /^Row 3: the cost center contains U\+202E \(right-to-left override\) at character 6/
    )
    expect(rows[0]!.issues[0]!.message).toMatch(/^Row 2: Category has 101 characters/)
  })

  it('count as content: a row with only a category is not a blank row', () => {
    const { rows, skippedBlankRows } = validateRows(
      [
        { sourceRow: 2, address: '', amount: '', category: '6100' },
        { sourceRow: 3, address: '', amount: '' }
      ],
      USDC
    )
    expect(skippedBlankRows).toBe(1)
    expect(rows.map((row) => row.sourceRow)).toEqual([2])
  })
})
