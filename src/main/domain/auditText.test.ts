// Runs in: Vitest (Node). How the history words money and edits.
import { describe, expect, it } from 'vitest'
import { describeRowEdits, EDITS_LISTED, peopleAmount, withExact } from './auditText'

const TUSD = { symbol: 'TUSD', decimals: 6 }
const ETH = { symbol: 'ETH', decimals: 18 }
const row = (
  n: number,
  amount: bigint | null,
  patch: Partial<Parameters<typeof describeRowEdits>[0][0]['after']> = {}
) => ({
  row: n,
  addressInput: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  amountInput: amount === null ? 'abc' : String(amount),
  amount,
  name: 'Ana',
  reference: 'R-1',
  note: '',
  ...patch
})

describe('money in the history', () => {
  it('is written in the asset’s units, grouped, with at least two decimals and nothing rounded', () => {
    expect(peopleAmount(9_625_000_000n, TUSD)).toBe('9,625.00 TUSD')
    expect(peopleAmount(1_270_000_000_000_000n, ETH)).toBe('0.00127 ETH')
    expect(peopleAmount(1n, ETH)).toBe('0.000000000000000001 ETH')
    expect(peopleAmount(5n, { symbol: 'PTS', decimals: 0 })).toBe('5 PTS')
  })

  it('keeps the exact figures after the separator, and nothing when there are none', () => {
    expect(withExact('Sent', [])).toBe('Sent')
    expect(withExact('Total 1.00 TUSD', ['Total: 1000000 base units'])).toBe(
      'Total 1.00 TUSD\n\nTotal: 1000000 base units'
    )
  })
})

describe('an edit in the history', () => {
  it('names the row, the field and the old -> new value; amounts in units, exact in base units', () => {
    const { lines, exact } = describeRowEdits(
      [{ before: row(2, 980_500_000n), after: row(2, 990_000_000n, { name: 'Kim Park' }) }],
      TUSD
    )
    expect(lines).toEqual(['Row 2 amount: 980.50 TUSD -> 990.00 TUSD', 'Row 2 name: “Ana” -> “Kim Park”'])
    expect(exact).toEqual(['Row 2 amount: 980500000 -> 990000000 base units'])
  })

  it('names a changed category or cost center like any other label; one left out reads as empty', () => {
    const { lines } = describeRowEdits(
      [
        { before: row(1, 1n, { category: '6100' }), after: row(1, 1n, { category: '6200', costCenter: 'Eng' }) },
        { before: row(2, 1n), after: row(2, 1n, { category: '', costCenter: '' }) }
      ],
      TUSD
    )
    expect(lines).toEqual(['Row 1 category: “6100” -> “6200”', 'Row 1 cost center: (empty) -> “Eng”'])
  })

  it('shows what was typed when it is not an amount, and names a new row as added', () => {
    const { lines } = describeRowEdits(
      [
        { before: row(1, 5_000_000n), after: row(1, null) },
        { before: undefined, after: row(3, 1_000_000n, { name: '' }) }
      ],
      TUSD
    )
    expect(lines).toEqual([
      'Row 1 amount: 5.00 TUSD -> “abc” (not an amount)',
      'Row 3 added: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, 1.00 TUSD'
    ])
  })

  it('lists a bounded number of changes and counts the rest', () => {
    const changes = Array.from({ length: EDITS_LISTED + 5 }, (_, i) => ({
      before: row(i + 1, 1n),
      after: row(i + 1, 2n)
    }))
    const { lines, exact } = describeRowEdits(changes, TUSD)
    expect(lines).toHaveLength(EDITS_LISTED + 1)
    expect(lines.at(-1)).toBe('and 5 more changes')
    expect(exact).toHaveLength(EDITS_LISTED + 5)
  })
})
