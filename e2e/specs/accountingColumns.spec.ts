// Runs in: Playwright test runner. The accounting columns through the real UI: a category and a cost
// center typed in the mass grid are saved by the draft's autosave, read back from main, shown again
// after a restart, and listed on the payout's detail; the grid's columns are looked at in a finance
// user's window.
import { getAddress, keccak256, toUtf8Bytes } from 'ethers'
import { test, expect } from '../harness/fixtures'
import { usdcOnEthereum } from '../harness/catalogue'
import { cell, editCell, expectSaved, openInGrid } from '../harness/grid'
import { openHash } from '../harness/policy'

const FINANCE_WINDOW = { width: 1440, height: 900 }
const address = (seed: string): string => getAddress(keccak256(toUtf8Bytes(seed)).slice(0, 42))

test('a category and cost center typed in the grid reach main, come back after a restart, and show on the detail', async ({
  app
}, testInfo) => {
  let page = app.page
  await page.setViewportSize(FINANCE_WINDOW)
  const usdc = await usdcOnEthereum(app)
  const created = await app.call('createPayout', {
    kind: 'mass',
    assetId: usdc,
    description: 'May payroll',
    recipients: [
      { address: address('ann'), amount: '1250', name: 'Ann Lee', reference: 'PAY-1', note: 'May' },
      { address: address('bo'), amount: '980.5', name: 'Bo Park', reference: 'PAY-2', category: '6100 Salaries' }
    ]
  })
  expect(created.ok).toBe(true)
  const id = created.ok ? created.value.id : ''
  await openInGrid(page, id)
  await expect(page.locator('.ag-header-cell[col-id="category"]')).toContainText('Category')
  await expect(page.locator('.ag-header-cell[col-id="costCenter"]')).toContainText('Cost center')
  await expect(cell(page, 1, 'category')).toHaveText('6100 Salaries')
  await page.screenshot({ path: testInfo.outputPath('grid-opened.png') })

  await editCell(page, 0, 'category', '6200 Contractors')
  await editCell(page, 0, 'costCenter', 'Engineering')
  await editCell(page, 1, 'costCenter', 'Sales')
  await expectSaved(page)
  await page.screenshot({ path: testInfo.outputPath('grid-accounting-columns.png') })

  const labels = async (): Promise<string[][]> => {
    const saved = await app.call('getPayout', { id, limit: 10 })
    return saved.ok ? saved.value.items.map((it) => [it.category, it.costCenter, it.note]) : []
  }
  expect(await labels()).toEqual([
    ['6200 Contractors', 'Engineering', 'May'],
    ['6100 Salaries', 'Sales', '']
  ])

  // A refused character is named in its own cell, and nothing already typed is lost.
  await editCell(page, 1, 'category', 'Bad\u202ename')
  await expectSaved(page)
  await expect(cell(page, 1, 'category')).toHaveClass(/cell--error/)
  await expect(cell(page, 1, 'costCenter')).not.toHaveClass(/cell--error/)
  await editCell(page, 1, 'category', '6100 Salaries')
  await expectSaved(page)
  await expect(cell(page, 1, 'category')).not.toHaveClass(/cell--error/)

  await app.restart()
  page = app.page
  await page.setViewportSize(FINANCE_WINDOW)
  await openInGrid(page, id)
  await expect(cell(page, 0, 'category')).toHaveText('6200 Contractors')
  await expect(cell(page, 0, 'costCenter')).toHaveText('Engineering')
  await expect(cell(page, 1, 'costCenter')).toHaveText('Sales')

  await openHash(page, `#/payouts/${id}`)
  // The history names what each edit changed.
  await expect(page.getByText('Row 1 cost center: (empty) -> “Engineering”')).toBeVisible()
  await expect(page.getByTestId('recipient-category')).toHaveText(['6200 Contractors', '6100 Salaries'])
  await expect(page.getByTestId('recipient-cost-center')).toHaveText(['Engineering', 'Sales'])
  await page.screenshot({ path: testInfo.outputPath('detail-accounting-columns.png'), fullPage: true })
})
