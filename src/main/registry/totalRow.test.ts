// Runs in: Vitest (Node). A file's own total line at its end: left out when it is exactly the sum
// of the rows above it, kept with a notice when it is not, and never taken from a row that holds
// an address or does not call itself a total.
import { describe, expect, it } from 'vitest'
import { ADDR, USDC, totalledXlsx } from './fixtures'
import { readRegistry } from './read'

const csv = (text: string): Uint8Array => new TextEncoder().encode(text)
const read = (text: string) => readRegistry(csv(text), 'payments.csv', USDC)
const rowsOf = (r: ReturnType<typeof readRegistry>) => r.rows.map((row) => [row.sourceRow, row.address, row.amount])
const noticeOf = (r: ReturnType<typeof readRegistry>, code: string) => r.notices.find((n) => n.code === code)?.message

describe("a file's total line", () => {
  it('leaves out a last line that names itself a total and is exactly the sum of the rows above it', () => {
    const r = read(`Name,Wallet,Amount\nAlice,${ADDR.a},10\nBob,${ADDR.b},2.5\n\nTotal,,12.50\n`)
    expect(rowsOf(r)).toEqual([
      [2, ADDR.a, 10_000_000n],
      [3, ADDR.b, 2_500_000n]
    ])
    expect(r.totals).toMatchObject({ rows: 2, validRows: 2, rowsWithErrors: 0, amountTotal: 12_500_000n })
    expect(noticeOf(r, 'total_row_left_out')).toBe(
      "Row 5 (“Total”, 12.50 USDC) is the file's total of the rows above it, which add up to exactly that, and was left out."
    )
  })

  it('reads the label in the address column too, and counts rows with errors in the sum as the file does', () => {
    const r = read(`Wallet,Amount\n${ADDR.a},10\nnot-an-address,5\nTOTAL:,15\n`)
    expect(r.rows.map((row) => row.sourceRow)).toEqual([2, 3])
    expect(r.totals.rowsWithErrors).toBe(1)
    expect(noticeOf(r, 'total_row_left_out')).toContain('Row 4 (“TOTAL:”, 15.00 USDC)')
  })

  it('keeps a total that is not the sum, with its error, and says by how much the file disagrees with itself', () => {
    const r = read(`Name,Wallet,Amount\nAlice,${ADDR.a},10\nBob,${ADDR.b},2.5\nTotal,,12.00\n`)
    expect(rowsOf(r).at(-1)).toEqual([4, '', 12_000_000n])
    expect(r.rows.at(-1)?.issues.map((i) => i.code)).toContain('address_empty')
    expect(r.totals.amountTotal).toBe(24_500_000n)
    expect(noticeOf(r, 'total_row_differs')).toBe(
      "Row 4 (“Total”) looks like the file's total, but its 12.00 USDC is not what the rows above add up to (12.50 USDC). Check the file: a row may be missing or changed. The row stays, with its error, until you delete it."
    )
  })

  it('never leaves out a row with an address, a row that does not call itself a total, or one that is not last', () => {
    const withAddress = read(`Name,Wallet,Amount\nAlice,${ADDR.a},10\nTotal Security LLC,${ADDR.b},10\n`)
    expect(withAddress.rows).toHaveLength(2)
    const unlabelled = read(`Name,Wallet,Amount\nAlice,${ADDR.a},10\nBob,,10\n`)
    expect(unlabelled.rows).toHaveLength(2)
    const notLast = read(`Name,Wallet,Amount\nAlice,${ADDR.a},10\nTotal,,10\nBob,${ADDR.b},1\n`)
    expect(notLast.rows).toHaveLength(3)
    for (const r of [withAddress, unlabelled, notLast]) expect(r.notices.map((n) => n.code)).toEqual([])
  })

  it('finds the total line at the end of a long file read in chunks', () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => `${i % 2 === 0 ? ADDR.a : ADDR.b},1`)
    const r = read(`Wallet,Amount\n${lines.join('\n')}\nSum,30000\n`)
    expect(r.totals).toMatchObject({ rows: 30_000, amountTotal: 30_000_000_000n })
    expect(noticeOf(r, 'total_row_left_out')).toContain('Row 30002 (“Sum”, 30,000.00 USDC)')
  })

  it("leaves out a spreadsheet's SUM line under its rows: a formula is never read, and the line names no recipient", () => {
    const r = readRegistry(totalledXlsx(1700), 'payroll.xlsx', USDC)
    expect(rowsOf(r)).toEqual([
      [2, ADDR.a, 1_500_000_000n],
      [3, ADDR.b, 250_500_000n]
    ])
    expect(r.totals).toMatchObject({ rows: 2, rowsWithErrors: 0, amountTotal: 1_750_500_000n })
    expect(noticeOf(r, 'total_row_left_out')).toBe(
      "Row 4 (“Grand total”) is the file's total line: its amount is a formula, which is never imported, and it names no recipient. It was left out."
    )
  })
})
