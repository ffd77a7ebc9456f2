// Runs in: Vitest (Node). Title rows above a file's column headings, as report-style exports have
// them: the headings are found below them, the title is left out and said, and a row holding an
// address is never left out.
import { describe, expect, it } from 'vitest'
import { ADDR, USDC, titledReportXlsx } from './fixtures'
import { readRegistry } from './read'
import { MAX_TITLE_ROWS } from './titleRows'

const csv = (text: string): Uint8Array => new TextEncoder().encode(text)
const rowsOf = (r: ReturnType<typeof readRegistry>) => r.rows.map((row) => [row.sourceRow, row.address, row.amount])
const notice = (r: ReturnType<typeof readRegistry>) => r.notices.find((n) => n.code === 'title_rows_skipped')

describe('title rows above the column headings', () => {
  it('finds the headings under a CSV report title, keeps the file row numbers and names the rows left out', () => {
    const r = readRegistry(
      csv(
        `December affiliate rewards\nGenerated 2026-12-01,,\n\nWallet,Amount,Name\n${ADDR.a},10,Alice\n${ADDR.b},2.5,Bob\n`
      ),
      'rewards.csv',
      USDC
    )
    expect(r.needs).toBeUndefined()
    expect(r).toMatchObject({ hasHeader: true, mapping: { address: 'A', amount: 'B', name: 'C' } })
    expect(rowsOf(r)).toEqual([
      [5, ADDR.a, 10_000_000n],
      [6, ADDR.b, 2_500_000n]
    ])
    expect(notice(r)?.message).toBe(
      "Rows 1 and 2 above the column headings (row 4) were left out as the file's title: “December affiliate rewards”, “Generated 2026-12-01”. They name no recipient."
    )
  })

  it('finds them in a payroll tool’s XLSX with the company and period above, by sheet row', () => {
    const r = readRegistry(titledReportXlsx(), 'payroll.xlsx', USDC)
    expect(r.mapping).toMatchObject({ address: 'B', amount: 'C', name: 'A' })
    expect(rowsOf(r)).toEqual([
      [5, ADDR.a, 1_500_000_000n],
      [6, ADDR.b, 250_500_000n]
    ])
    expect(notice(r)?.message).toContain('Rows 1 and 2 above the column headings (row 4)')
    expect(notice(r)?.message).toContain('“Acme Ltd Period: 1–31 Dec 2026”')
  })

  it('leaves nothing out when a row above the headings holds an address: the file goes to the mapping step', () => {
    const r = readRegistry(csv(`Pay ${ADDR.c} first\nWallet,Amount\n${ADDR.a},10\n`), 'list.csv', USDC)
    expect(r.needs).toBe('mapping')
    expect(notice(r)).toBeUndefined()
  })

  it(`looks no further than ${MAX_TITLE_ROWS} title rows, and not at all when the first row is already a header`, () => {
    const titles = Array.from({ length: MAX_TITLE_ROWS + 1 }, (_, i) => `Line ${i + 1}`).join('\n')
    expect(readRegistry(csv(`${titles}\nWallet,Amount\n${ADDR.a},10\n`), 'long.csv', USDC).needs).toBe('mapping')
    const headed = readRegistry(csv(`Wallet,Amount\n${ADDR.a},10\nWallet,Amount\n`), 'plain.csv', USDC)
    expect(headed.hasHeader).toBe(true)
    expect(notice(headed)).toBeUndefined()
    expect(rowsOf(headed)[0]).toEqual([2, ADDR.a, 10_000_000n])
  })
})
