// Runs in: Playwright test runner. A draft too large to read in one go: the grid shows its first
// rows, the others arrive a page at a time and reach the grid in slices while it stays editable,
// and in the end it holds every row, in order, with the exact total, and offers select-all.
import { getAddress, id as keccakText } from 'ethers'
import { test, expect } from '../harness/fixtures'
import { usdcOnEthereum } from '../harness/catalogue'
import { cell, editCell, expectSaved, openInGrid } from '../harness/grid'
import { shot } from '../harness/shots'

/** More than two pages of rows after the first page (1,000 rows, then pages of 10,000). */
const ROWS = 25_000
const HEADER_ROWS = 1

const recipient = (i: number) => ({
  address: getAddress(keccakText(`recipient ${i}`).slice(0, 42)),
  amount: `${(i % 97) + 1}.${String(i % 100).padStart(2, '0')}`,
  name: `Employee ${i + 1}`
})

test('a large draft fills the grid while it stays editable, and ends with every row, the exact total and select-all', async ({
  app
}) => {
  test.setTimeout(180_000)
  const page = app.page
  const recipients = Array.from({ length: ROWS }, (_, i) => recipient(i))
  const cents = recipients.reduce((sum, r) => sum + Number(r.amount.replace('.', '')), 0)
  const created = await app.call('createPayout', {
    kind: 'mass',
    assetId: await usdcOnEthereum(app),
    description: 'Everyone',
    recipients
  })
  expect(created.ok).toBe(true)
  const id = created.ok ? created.value.id : ''

  await openInGrid(page, id)
  await expect(cell(page, 0, 'name')).toHaveText('Employee 1')
  // Straight away, while the other rows are still on their way.
  await editCell(page, 0, 'name', 'Edited early')
  await shot(page, 'large-draft-loading')

  await expect(page.locator('[aria-rowcount]').first()).toHaveAttribute('aria-rowcount', String(ROWS + HEADER_ROWS), {
    timeout: 60_000
  })
  await expect(page.getByTestId('mass-loading-rest')).toHaveCount(0)
  await expect(page.getByTestId('totals-count')).toHaveText(ROWS.toLocaleString('en-US'))
  const total = (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })
  await expect(page.getByTestId('totals-sum')).toHaveText(`${total} USDC`)
  // Main's checks came with their rows: the rows it warned about (read here as getPayout shows
  // them) are the ones the grid's warning filter shows.
  const warned: string[] = []
  for (let offset = 0; offset < ROWS; offset += 10_000) {
    const page = await app.call('getPayout', { id, offset, limit: 10_000 })
    if (page.ok) for (const item of page.value.items) if (item.issues.length > 0) warned.push(String(item.row))
  }
  expect(warned.length).toBeGreaterThan(1)
  await expect(page.getByTestId('totals-warnings')).toHaveText(`${warned.length} rows`)
  await page.getByTestId('totals-warnings').click()
  await expect(page.locator('.ag-row [col-id="row"]')).toHaveText(warned)
  await page.getByTestId('grid-filter-clear').click()
  await expect(page.locator('.ag-header-select-all')).toBeVisible()
  await expect(cell(page, 0, 'name')).toHaveText('Edited early')

  // The last rows are the payout's last recipients, numbered as main numbers them.
  await cell(page, 0, 'name').click()
  await page.keyboard.press('Control+End')
  await expect(cell(page, ROWS - 1, 'name')).toHaveText(`Employee ${ROWS}`)
  await expect(cell(page, ROWS - 1, 'row')).toHaveText(String(ROWS))
  await expect(cell(page, ROWS - 1, 'address')).toHaveText(recipients[ROWS - 1]!.address)
  await shot(page, 'large-draft-loaded')

  await expectSaved(page)
  const saved = await app.call('getPayout', { id, limit: 1 })
  expect(saved.ok && [saved.value.recipientCount, saved.value.items[0]!.name]).toEqual([ROWS, 'Edited early'])
})
