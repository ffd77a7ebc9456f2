// Runs in: Playwright test runner. A mass payout through the real UI: a CSV with two bad rows is
// imported, its problems shown and fixed in the grid, three rows pasted from a spreadsheet, the
// draft autosaved, the app restarted and the grid reopened unchanged, then exported to CSV and
// the export imported again giving the same rows.
import { readFileSync } from 'node:fs'
import { getAddress } from 'ethers'
import { test, expect } from '../harness/fixtures'
import { usdcOnEthereum } from '../harness/catalogue'
import { cell, editCell, expectSaved } from '../harness/grid'

const address = (n: number): string => getAddress(`0x${n.toString(16).padStart(4, '0').repeat(10)}`)
const [A, B, C, D, E, F] = [0x1a2b, 0x3c4d, 0x5e6f, 0x7a8b, 0x9cad, 0xbecf].map(address) as [
  string,
  string,
  string,
  string,
  string,
  string
]
/** B with one letter's case flipped: a broken checksum. */
const B_BAD_CHECKSUM = flipCase(B)

const CSV = [
  'address,amount,name,reference',
  `${A},10.5,Alice,R1`,
  `${B_BAD_CHECKSUM},20,Bob,R2`,
  `${C},12abc,Carol,R3`,
  `${D},5,Dan,R4`,
  ''
].join('\r\n')
// As a spreadsheet puts it on the clipboard: tab-separated, CRLF, a quoted cell holding a tab (in
// the note: a name is one line of plain text, and a tab in it would be an error on the row).
const PASTED = [`${E}\t1.25\tEve\tR5`, `${F}\t2\tFrank\tR6\t"net\t30 days"`, `${A}\t3\tAlice again\tR7`, ''].join(
  '\r\n'
)

function flipCase(addr: string): string {
  const i = [...addr].findIndex((ch, k) => k > 1 && /[a-fA-F]/.test(ch))
  const ch = addr[i]!
  return addr.slice(0, i) + (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase()) + addr.slice(i + 1)
}

test('a mass payout is imported, fixed, pasted into, reopened after a restart, exported and re-imported', async ({
  app
}, testInfo) => {
  let page = app.page
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true })

  // New payout -> Mass payout: network, currency, purpose.
  await page.getByTestId('new-payout').click()
  await page.getByTestId('new-mass').click()
  await expect(page.getByRole('heading', { level: 1, name: 'New mass payout' })).toBeVisible()
  await page.getByTestId('field-network').selectOption({ label: 'Ethereum' })
  const usdc = await usdcOnEthereum(app)
  await page.getByTestId('field-currency').selectOption(usdc)
  await page.getByTestId('field-description').fill('March affiliates')

  // Import a CSV with two bad rows: the preview names both problems.
  await page.getByTestId('grid-import').click()
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'affiliates.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') })
  await expect(page.getByTestId('import-rows')).toHaveText('4 rows read')
  await expect(page.getByTestId('import-errors')).toContainText('2 rows with errors')
  await expect(page.getByTestId('import-errors-note')).toBeVisible()
  const previewRows = page.getByTestId('import-preview-row')
  await expect(previewRows.nth(1).locator('[data-severity="error"]')).toContainText(/checksum/i)
  await expect(previewRows.nth(2).locator('[data-severity="error"]')).not.toHaveCount(0)
  await shot('1-import-preview')
  await page.getByTestId('import-confirm').click()

  // In the grid: saved as a draft, the two bad rows marked and explained.
  await expectSaved(page)
  await expect(page.getByTestId('totals-count')).toHaveText('4')
  await expect(page.getByTestId('totals-errors')).toHaveText('2 rows')
  await expect(page.getByTestId('mass-cannot-submit')).toBeVisible()
  await expect(cell(page, 1, 'status')).toContainText(/checksum/i)
  await expect(cell(page, 1, 'address')).toHaveClass(/cell--error/)
  await expect(cell(page, 2, 'amount')).toHaveClass(/cell--error/)
  await cell(page, 2, 'amount').click()
  await expect(page.getByTestId('row-panel-issues')).toContainText(
    'Error: Amount "12abc" is in abc, but this payout pays USDC'
  )
  await shot('2-grid-with-errors')
  expect(new URL(page.url()).hash).toMatch(/^#\/payouts\/[A-Za-z0-9_-]+\/edit$/)
  const id = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!)

  // Fix both in place.
  await editCell(page, 1, 'address', B)
  await editCell(page, 2, 'amount', '12')
  await expectSaved(page)
  await expect(page.getByTestId('totals-errors')).toHaveText('0 rows')
  await expect(cell(page, 1, 'address')).not.toHaveClass(/cell--error/)
  await expect(page.getByTestId('totals-sum')).toHaveText('47.50 USDC')

  // Paste three rows copied from a spreadsheet into a new row: the grid grows to fit.
  await page.getByTestId('grid-add-row').click()
  await expect(cell(page, 4, 'address')).toBeFocused()
  await page.evaluate((text) => {
    const target = document.activeElement ?? document.body
    const data = new DataTransfer()
    data.setData('text/plain', text)
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, PASTED)
  await expect(page.getByTestId('totals-count')).toHaveText('7')
  await expectSaved(page)
  await expect(page.getByTestId('totals-sum')).toHaveText('53.75 USDC')
  await expect(cell(page, 5, 'name')).toHaveText('Frank')
  // The same address twice is a warning on both rows.
  await expect(page.getByTestId('totals-warnings')).toHaveText('2 rows')
  await shot('3-after-paste')

  // Delete a row, then undo: it comes back (structural history); a cell edit undoes with Ctrl+Z.
  await cell(page, 6, 'name').click()
  await page.getByTestId('grid-delete').click()
  await expect(page.getByTestId('totals-count')).toHaveText('6')
  await page.getByTestId('grid-undo').click()
  await expect(page.getByTestId('totals-count')).toHaveText('7')
  await expect(cell(page, 6, 'name')).toHaveText('Alice again')
  // A name holding an invisible direction override is an error in its cell, kept until fixed.
  await editCell(page, 3, 'name', 'Dan\u202Eleinad')
  await expectSaved(page)
  await expect(cell(page, 3, 'name')).toHaveClass(/cell--error/)
  await expect(page.getByTestId('totals-errors')).toHaveText('1 row')
  await cell(page, 3, 'amount').click()
  await expect(page.getByTestId('row-panel')).toContainText('U+202E (right-to-left override)')
  await shot('3b-name-with-override')
  await editCell(page, 3, 'name', 'Dan')
  await expectSaved(page)
  await expect(page.getByTestId('totals-errors')).toHaveText('0 rows')
  await editCell(page, 3, 'name', 'Daniel')
  await expect(cell(page, 3, 'name')).toHaveText('Daniel')
  await cell(page, 3, 'name').click()
  await page.keyboard.press('Control+z')
  await expect(cell(page, 3, 'name')).toHaveText('Dan')
  await expectSaved(page)

  const saved = await app.call('getPayout', { id, limit: 100 })
  expect(saved.ok).toBe(true)
  const rows = saved.ok ? saved.value.items.map((it) => [it.address, it.amount, it.name, it.reference]) : []
  expect(saved.ok && saved.value.items[5]!.note).toBe('net\t30 days')
  expect(rows).toEqual([
    [A, '10.5', 'Alice', 'R1'],
    [B, '20', 'Bob', 'R2'],
    [C, '12', 'Carol', 'R3'],
    [D, '5', 'Dan', 'R4'],
    [E, '1.25', 'Eve', 'R5'],
    [F, '2', 'Frank', 'R6'],
    [A, '3', 'Alice again', 'R7']
  ])

  // Restart on the same data: the draft opens in the grid with the same rows.
  await app.restart()
  page = app.page
  await page.getByTestId('payout-link').click()
  await expect(page.getByTestId('mass-grid')).toBeVisible()
  await expect(page.getByTestId('totals-count')).toHaveText('7')
  // Amounts shown to the asset's decimals, at least two: the exact text stays what was saved.
  const shown = ['10.50', '20.00', '12.00', '5.00', '1.25', '2.00', '3.00']
  for (const [i, [addr, , name]] of rows.entries()) {
    await expect(cell(page, i, 'address')).toHaveText(addr!)
    await expect(cell(page, i, 'amount')).toHaveText(shown[i]!)
    await expect(cell(page, i, 'name')).toHaveText(name!)
  }
  await expect(page.getByTestId('field-description')).toHaveValue('March affiliates')

  // Export CSV, then import the export: the same rows.
  const download = page.waitForEvent('download')
  await page.getByTestId('export-csv').click()
  const file = await download
  const exported = readFileSync((await file.path())!)
  expect(exported.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  await page.getByTestId('grid-import').click()
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: file.suggestedFilename(), mimeType: 'text/csv', buffer: exported })
  await expect(page.getByTestId('import-rows')).toHaveText('7 rows read')
  await expect(page.getByTestId('import-errors')).toContainText('0 rows with errors')
  await page.getByTestId('import-replace').click()
  await expect(page.getByTestId('import-replace-dialog')).toContainText('The 7 rows now in the grid will be removed')
  await page.getByTestId('import-replace-confirm').click()
  await expectSaved(page)
  await expect(page.getByTestId('totals-count')).toHaveText('7')
  const again = await app.call('getPayout', { id, limit: 100 })
  expect(again.ok && again.value.items.map((it) => [it.address, it.amount, it.name, it.reference])).toEqual(rows)
  await shot('4-reimported')

  // A template for new users, offered where files are imported, downloads as a CSV the import reads.
  await page.getByTestId('grid-import').click()
  const templateDownload = page.waitForEvent('download')
  await page.getByTestId('download-template').click()
  const template = await templateDownload
  expect(template.suggestedFilename()).toMatch(/\.csv$/)
  await page.getByTestId('import-file').setInputFiles({
    name: template.suggestedFilename(),
    mimeType: 'text/csv',
    buffer: readFileSync((await template.path())!)
  })
  await expect(page.getByTestId('import-result')).toBeVisible()
})
