// Runs in: Playwright test runner. An amount the import accepted once the file's decimal separator
// is chosen ("1.234" with "." is 1.234 USDC) stays accepted in the grid: after the autosave, after
// another cell of its row is edited, and after the app restarts and the grid sends it back again.
import { getAddress } from 'ethers'
import type { Page } from '@playwright/test'
import { test, expect } from '../harness/fixtures'
import { usdcOnEthereum } from '../harness/catalogue'
import { cell, editCell, expectSaved } from '../harness/grid'

const address = (n: number): string => getAddress(`0x${n.toString(16).padStart(4, '0').repeat(10)}`)
const [A, B, C] = [0x2b3c, 0x4d5e, 0x6f7a].map(address) as [string, string, string]

const CSV = ['address,amount,name', `${A},1.234,Ann`, `${B},12.500,Ben`, `${C},7,Cy`, ''].join('\r\n')
const BASE_UNITS = ['1234000', '12500000', '7000000']

async function expectAllValid(page: Page): Promise<void> {
  await expect(page.getByTestId('totals-errors')).toHaveText('0 rows')
  await expect(page.getByTestId('totals-sum')).toHaveText('20.734 USDC')
  // Shown as its value (the text main keeps, "1.2340", is written so it cannot be read as thousands).
  await expect(cell(page, 0, 'amount')).toHaveText('1.234')
  await expect(cell(page, 0, 'amount')).not.toHaveClass(/cell--error/)
}

test('an amount read with the chosen decimal separator is not flagged once it is in the grid', async ({
  app
}, testInfo) => {
  let page = app.page
  await page.getByTestId('new-payout').click()
  await page.getByTestId('new-mass').click()
  await page.getByTestId('field-network').selectOption({ label: 'Ethereum' })
  const usdc = await usdcOnEthereum(app)
  await page.getByTestId('field-currency').selectOption(usdc)
  await page.getByTestId('field-description').fill('Three decimals')

  // "1.234" and "12.500" could be thousands: refused until the file's separator is chosen.
  await page.getByTestId('grid-import').click()
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'amounts.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') })
  await expect(page.getByTestId('import-rows')).toHaveText('3 rows read')
  await expect(page.getByTestId('import-errors')).toContainText('2 rows with errors')
  await expect(page.getByTestId('import-preview-row').first().locator('[data-severity="error"]')).toContainText(
    'Write 1234 if it separates thousands, or 1.2340 if it separates decimals'
  )
  // Nothing is chosen yet, so choosing the point is a change a click makes.
  await expect(page.getByTestId('import-decimal')).toHaveValue('')
  await page.getByTestId('import-decimal').selectOption('.')
  await expect(page.getByTestId('import-errors')).toContainText('0 rows with errors')
  await page.getByTestId('import-confirm').click()

  // Saved by the grid as text, read again by main without the file's separator: still valid.
  await expectSaved(page)
  await expectAllValid(page)
  const id = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!)
  const saved = await app.call('getPayout', { id, limit: 10 })
  expect(saved.ok && saved.value.items.map((it) => [it.amountBaseUnits, it.issues])).toEqual(
    BASE_UNITS.map((b) => [b, []])
  )

  // Editing another cell of the row sends its amount text back.
  await editCell(page, 0, 'name', 'Anna')
  await expectSaved(page)
  await expectAllValid(page)

  // Reopened after a restart, edited again.
  await app.restart()
  page = app.page
  await page.getByTestId('payout-link').click()
  await expect(page.getByTestId('mass-grid')).toBeVisible()
  await expectAllValid(page)
  await editCell(page, 0, 'name', 'Ann')
  await expectSaved(page)
  await expectAllValid(page)
  const again = await app.call('getPayout', { id, limit: 10 })
  expect(again.ok && again.value.items.map((it) => [it.amountBaseUnits, it.issues, it.name])).toEqual(
    BASE_UNITS.map((b, i) => [b, [], ['Ann', 'Ben', 'Cy'][i]])
  )
  await page.screenshot({ path: testInfo.outputPath('grid-after-restart.png'), fullPage: true })
})
