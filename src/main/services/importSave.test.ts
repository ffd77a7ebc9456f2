// Runs in: tests (plain Node, a real SQLite file and the real registry worker).
// An import saved by its id stores exactly what saving the same rows sent back one by one stores:
// every row's text, exact amount, issues (worded with the payout's row numbers), duplicates found
// over the whole payout, the totals and counts; and it keeps the problems found in the file's
// cells (a formula, a split row) on their rows, which rows sent back as text no longer carry. Main
// stores its kept rows only when they are the rows the window holds, once, for the currency they
// were read for; anything else is refused with nothing stored. The preview answers with the first
// rows and hands out the others a page at a time.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  PREVIEW_FIRST_ROWS,
  type PayoutDetail,
  type PayoutItem,
  type RegistryPreview,
  type RegistryPreviewRow
} from '../../shared/api'
import { isBlankRecipient } from '../../shared/blankRow'
import { claimOf } from '../../shared/rowsDigest'
import { tempDir } from '../../test/tempDir'
import { dispatch } from '../dispatch'
import { isCellProblem } from '../registry/table'
import { ADDR, binaryFixtures, filteredPayroll, formulaXlsx, largeCsv, textFixtures, USDC } from '../registry/fixtures'
import { createTreasury, type Treasury } from '../treasury'
import type { ImportClaim } from './importedRows'

const USDC_ID = `1:${USDC.tokenAddress}`
const ETH_ID = '1:native'
const PAGE = 10_000
const RUNS = 25

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64')

async function preview(t: Treasury, fileName: string, bytes: Uint8Array, assetId = USDC_ID): Promise<RegistryPreview> {
  return t.previewRegistry({ fileName, contentBase64: base64(bytes), assetId })
}

/** Every row of a preview, the others read a page at a time as the import panel reads them. */
async function allRows(t: Treasury, p: RegistryPreview): Promise<RegistryPreviewRow[]> {
  const rows = [...p.rows]
  while (rows.length < p.totals.rows) {
    const page = await t.readImportRows({ importId: p.importId!, offset: rows.length, limit: PAGE })
    expect(page.offset).toBe(rows.length)
    expect(page.rows.length).toBeGreaterThan(0)
    rows.push(...page.rows)
  }
  return rows
}

const recipientsOf = (rows: readonly RegistryPreviewRow[]) =>
  rows.map((r) => ({
    address: r.address,
    amount: r.amount,
    name: r.name,
    reference: r.reference,
    note: r.note,
    category: r.category,
    costCenter: r.costCenter
  }))

/** What a save names for a preview's rows: the import's id and the claim over every row the window read. */
async function importOf(t: Treasury, p: RegistryPreview): Promise<ImportClaim> {
  return { importId: p.importId!, ...claimOf(await allRows(t, p)) }
}

/** A new mass draft of a preview's rows, saved by the import's id. */
async function saveImport(t: Treasury, p: RegistryPreview, description: string): Promise<PayoutDetail> {
  return t.createPayout({ kind: 'mass', assetId: USDC_ID, description, recipients: [], imported: await importOf(t, p) })
}

/** Every stored item of a payout, read a page at a time. */
async function itemsOf(t: Treasury, id: string): Promise<PayoutItem[]> {
  const first = await t.getPayout({ id, limit: PAGE })
  const items = [...first.items]
  while (items.length < first.recipientCount)
    items.push(...(await t.getPayout({ id, offset: items.length, limit: PAGE })).items)
  return items
}

/** Saves the file's rows both ways (sent back; by import id) and returns both payouts' items and summaries. */
async function saveBothWays(t: Treasury, fileName: string, bytes: Uint8Array) {
  const sent = await preview(t, fileName, bytes)
  const rows = await allRows(t, sent)
  const bySending = await t.createPayout({
    kind: 'mass',
    assetId: USDC_ID,
    description: 'sent back',
    recipients: recipientsOf(rows)
  })
  const kept = await preview(t, fileName, bytes)
  const byImport = await saveImport(t, kept, 'by import')
  return { bySending, byImport, sentItems: await itemsOf(t, bySending.id), keptItems: await itemsOf(t, byImport.id) }
}

const summaryOf = (p: {
  totalBaseUnits: string
  recipientCount: number
  errorCount: number
  warningCount: number
}) => ({
  total: p.totalBaseUnits,
  count: p.recipientCount,
  errors: p.errorCount,
  warnings: p.warningCount
})

describe('saving an import by its id', () => {
  const t = createTreasury({ dataDir: tempDir() })

  it("stores what sending every row back stores, for every kind of file and problem, and keeps the cells' problems", async () => {
    const split = new TextEncoder().encode(`address,amount\n${ADDR.a},1,200\n${ADDR.b},3\n`)
    const files = {
      ...textFixtures(),
      ...binaryFixtures(),
      'formulas.xlsx': formulaXlsx(),
      'filtered.xlsx': filteredPayroll(),
      'split.csv': split
    }
    let rowsWithCellProblems = 0
    for (const [name, bytes] of Object.entries(files)) {
      const p = await preview(t, name, bytes)
      if (p.importId === null) continue // a file that needs a sheet or a mapping first
      const saved = (await allRows(t, p)).filter((r) => !isBlankRecipient(r))
      const { bySending, byImport, sentItems, keptItems } = await saveBothWays(t, name, bytes)
      expect(keptItems.length, name).toBe(sentItems.length)
      let extraErrors = 0
      keptItems.forEach((kept, i) => {
        const found = saved[i]!.issues.filter(isCellProblem)
        if (found.length === 0) return expect(kept, `${name} row ${i + 1}`).toEqual(sentItems[i])
        rowsWithCellProblems++
        // The preview's findings, worded with the payout's row number; an amount with one pays nothing.
        const renumbered = found.map((f) => ({ ...f, message: f.message.replace(/^Row [0-9]+: /, `Row ${i + 1}: `) }))
        expect(kept.issues.filter(isCellProblem), name).toEqual(renumbered)
        if (found.some((f) => f.field === 'amount')) {
          expect([kept.amount, kept.amountBaseUnits], name).toEqual(['', null])
          expect(sentItems[i]!.amountBaseUnits, name).toBeNull()
        }
        if (!sentItems[i]!.issues.some((issue) => issue.severity === 'error')) extraErrors++
      })
      expect(summaryOf(byImport), name).toEqual({
        ...summaryOf(bySending),
        errors: summaryOf(bySending).errors + extraErrors
      })
    }
    expect(rowsWithCellProblems).toBeGreaterThanOrEqual(3)
  })

  it('keeps the error of a row hidden in the workbook through the save, until the row is edited', async () => {
    const p = await preview(t, 'filtered.xlsx', filteredPayroll())
    const saved = await saveImport(t, p, 'approved staff')
    expect(saved.errorCount).toBe(2)
    const items = await itemsOf(t, saved.id)
    const hidden = (issues: PayoutItem['issues']) => issues.find((i) => i.code === 'cell_row_hidden')
    expect(items.map((it) => [it.name, hidden(it.issues) !== undefined])).toEqual([
      ['Ann', false],
      ['Ben', true],
      ['Cy', false],
      ['DEE', true],
      ['Eve', false]
    ])
    // Worded with the payout's row, still naming the sheet's.
    expect(hidden(items[1]!.issues)?.message).toMatch(/^Row 2: this row is hidden in the workbook \(sheet row 3,/)
    const ben = items[1]!
    const edited = await t.patchPayoutRows({
      id: saved.id,
      rows: [{ row: 2, address: ben.address, amount: ben.amount, name: 'Ben' }]
    })
    expect(edited.rows.find((r) => r.row === 2)!.issues).toEqual([])
    expect(edited.payout.errorCount).toBe(1)
  })

  it('stores what sending them back stores, for any mix of valid, repeated, unchecked and broken rows', async () => {
    const address = fc.constantFrom(ADDR.a, ADDR.b, ADDR.c.toLowerCase(), ADDR.d, `${ADDR.e.slice(0, -1)}0`, '', 'x')
    const amount = fc.constantFrom('1', '2.50', '1,234.56', '1.234', '0', '-3', '0.1234567', '', '1e3')
    const text = fc.constantFrom('', 'Ann', 'REF-1', 'ref-1 ', 'Bob\u202e', ' ')
    const row = fc.tuple(address, amount, text, text).map((cells) => cells.map((c) => `"${c}"`).join(','))
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 12 }), async (lines) => {
        const bytes = new TextEncoder().encode(['address,amount,name,reference', ...lines].join('\n'))
        const p = await preview(t, 'mixed.csv', bytes)
        if (p.importId === null) return
        const { bySending, byImport, sentItems, keptItems } = await saveBothWays(t, 'mixed.csv', bytes)
        expect(keptItems).toEqual(sentItems)
        expect(summaryOf(byImport)).toEqual(summaryOf(bySending))
      }),
      { numRuns: RUNS }
    )
  })

  it("keeps each row's category and cost center, in the preview and in what is stored either way", async () => {
    const csv = ['address,amount,Account Code,Cost Centre', `${ADDR.a},1,6100 Salaries,Eng`, `${ADDR.b},2,,`].join('\n')
    const bytes = new TextEncoder().encode(csv)
    const p = await preview(t, 'books.csv', bytes)
    expect(p.rows.map((r) => [r.category, r.costCenter])).toEqual([
      ['6100 Salaries', 'Eng'],
      ['', '']
    ])
    const { sentItems, keptItems } = await saveBothWays(t, 'books.csv', bytes)
    expect(keptItems.map((i) => [i.category, i.costCenter])).toEqual([
      ['6100 Salaries', 'Eng'],
      ['', '']
    ])
    expect(keptItems).toEqual(sentItems)
  })

  it('answers a large file with its first rows and hands out the rest a page at a time', async () => {
    const count = PREVIEW_FIRST_ROWS + PAGE + 500
    const p = await preview(t, 'large.csv', largeCsv(count))
    expect(p.rows).toHaveLength(PREVIEW_FIRST_ROWS)
    expect(p.totals.rows).toBe(count)
    const rows = await allRows(t, p)
    expect(rows.map((r) => r.sourceRow)).toEqual(Array.from({ length: count }, (_, i) => i + 2))
    const { sentItems, keptItems } = await saveBothWays(t, 'large.csv', largeCsv(count))
    expect(keptItems).toHaveLength(count)
    expect(keptItems).toEqual(sentItems)
  })

  it('leaves out rows that hold only asset cells, as sending the rows back does', async () => {
    // A Safe-style file: a row with nothing but its token columns is read (its cells are not all
    // blank) but pays nobody, so saving drops it and numbers the rows after it one less.
    const token = `erc20,${USDC.tokenAddress}`
    const lines = ['token_type,token_address,receiver,amount,id']
    for (let i = 1; i <= 2_500; i++)
      lines.push(
        [1, 998, 1_000, 1_001, 2_500].includes(i) ? `${token},,,` : `${token},${i % 2 === 0 ? ADDR.a : ADDR.b},${i}.5,`
      )
    const bytes = new TextEncoder().encode(lines.join('\n'))
    const p = await preview(t, 'safe.csv', bytes)
    expect(p.totals.rows).toBe(2_500)
    const { bySending, byImport, sentItems, keptItems } = await saveBothWays(t, 'safe.csv', bytes)
    expect(byImport.recipientCount).toBe(2_495)
    expect(keptItems.map((i) => i.amount)).toEqual(sentItems.map((i) => i.amount))
    expect(keptItems).toEqual(sentItems)
    expect(summaryOf(byImport)).toEqual(summaryOf(bySending))
  })

  it('adds the imported rows after the rows sent with them, as an import below the grid does', async () => {
    const typed = [{ address: ADDR.a, amount: '5', reference: 'INV-001' }]
    const bytes = textFixtures()['excel-bom-crlf.csv']!
    const draft = await t.createPayout({ kind: 'mass', assetId: USDC_ID, description: 'append', recipients: typed })
    const p = await preview(t, 'excel-bom-crlf.csv', bytes)
    const rows = await allRows(t, p)
    const appended = await t.updatePayout({
      id: draft.id,
      recipients: typed,
      imported: { importId: p.importId!, ...claimOf(rows) }
    })
    const sent = await t.createPayout({
      kind: 'mass',
      assetId: USDC_ID,
      description: 'append',
      recipients: [...typed, ...recipientsOf(rows)]
    })
    expect(await itemsOf(t, appended.id)).toEqual(await itemsOf(t, sent.id))
    expect(summaryOf(appended)).toEqual(summaryOf(sent))
    // The typed row's reference is repeated by the file: found across both parts.
    expect((await itemsOf(t, appended.id))[0]!.issues.map((i) => i.code)).toContain('reference_duplicate')
  })

  it("keeps in the payout's history what the import left out of its file: a title above the headings, a total line", async () => {
    const bytes = new TextEncoder().encode(
      `Contractor payouts — December 2026\n\nWallet,Amount\n${ADDR.a},10\n${ADDR.b},2.5\nTotal,12.50\n`
    )
    const history = async (id: string) => (await t.getPayout({ id })).timeline.map((e) => e.detail).join('\n')
    const first = await preview(t, 'titled.csv', bytes)
    const created = await saveImport(t, first, 'titled')
    expect(created.recipientCount).toBe(2)
    expect(await history(created.id)).toContain(
      "From the imported file: Row 1 above the column headings (row 3) was left out as the file's title: “Contractor payouts — December 2026”."
    )
    expect(await history(created.id)).toContain('From the imported file: Row 6 (“Total”, 12.50 USDC)')
    // Imported below the rows of an existing draft: its edit entry says it too.
    const again = await preview(t, 'titled.csv', bytes)
    const draft = await t.createPayout({ kind: 'mass', assetId: USDC_ID, description: 'below', recipients: [] })
    await t.updatePayout({ id: draft.id, recipients: [], imported: await importOf(t, again) })
    expect(await history(draft.id)).toContain('From the imported file: Row 6 (“Total”, 12.50 USDC)')
  })

  it('refuses rows that are not the ones on screen, and stores nothing', async () => {
    const bytes = textFixtures()['excel-bom-crlf.csv']!
    const before = (await t.listPayouts({ offset: 0, limit: 1 })).total
    const claims = async () => {
      const p = await preview(t, 'a.csv', bytes)
      return { importId: p.importId!, claim: claimOf(await allRows(t, p)) }
    }
    const changed = [
      (c: { rows: number; totalBaseUnits: string; digest: string }) => ({ ...c, rows: c.rows - 1 }),
      (c: { rows: number; totalBaseUnits: string; digest: string }) => ({
        ...c,
        totalBaseUnits: `${c.totalBaseUnits}0`
      }),
      (c: { rows: number; totalBaseUnits: string; digest: string }) => ({ ...c, digest: '0'.repeat(16) })
    ]
    for (const change of changed) {
      const { importId, claim } = await claims()
      const imported = { importId, ...change(claim) }
      const r = await dispatch(t, 'createPayout', {
        kind: 'mass',
        assetId: USDC_ID,
        description: 'x',
        recipients: [],
        imported
      })
      expect(r).toMatchObject({ ok: false, error: { code: 'import_changed' } })
      // Taken by the refused save: the window sends its rows instead.
      const again = await dispatch(t, 'createPayout', {
        kind: 'mass',
        assetId: USDC_ID,
        description: 'x',
        recipients: [],
        imported: { importId, ...claim }
      })
      expect(again).toMatchObject({ ok: false, error: { code: 'import_expired' } })
    }
    expect((await t.listPayouts({ offset: 0, limit: 1 })).total).toBe(before)
  })

  it('stores an import once, for its currency, with an earlier preview still held beside a later one', async () => {
    const bytes = textFixtures()['headerless.csv']!
    const first = await preview(t, 'h.csv', bytes)
    const claim = claimOf(await allRows(t, first))
    const latest = await preview(t, 'h.csv', bytes)
    const save = (importId: string, assetId = USDC_ID) =>
      dispatch(t, 'createPayout', {
        kind: 'mass',
        assetId,
        description: 'x',
        recipients: [],
        imported: { importId, ...claim }
      })
    expect(await save(first.importId!)).toMatchObject({ ok: true, value: { recipientCount: 3 } })
    expect(await save(first.importId!)).toMatchObject({ ok: false, error: { code: 'import_expired' } })
    expect(await dispatch(t, 'readImportRows', { importId: first.importId!, offset: 0, limit: 10 })).toMatchObject({
      ok: false,
      error: { code: 'import_expired' }
    })
    expect(await save(latest.importId!, ETH_ID)).toMatchObject({ ok: false, error: { code: 'import_changed' } })
    const other = await preview(t, 'h.csv', bytes)
    expect(await save(other.importId!)).toMatchObject({ ok: true, value: { recipientCount: 3 } })
    expect(await save(other.importId!)).toMatchObject({ ok: false, error: { code: 'import_expired' } })
  })

  it('keeps nothing for a file that needs a sheet or a mapping first', async () => {
    const p = await preview(t, 'unknown-header.csv', textFixtures()['unknown-header.csv']!)
    expect(p.needs).toBe('mapping')
    expect(p.importId).toBeNull()
  })
})
