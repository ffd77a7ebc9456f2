// Runs in: Playwright test runner. The way from a draft to a submitted payout and back through its
// history, as a finance person walks it: Submit sits with the totals on the grid editor (refused
// while a row has an error) and opens the submission confirmation, whose rows lead back to the grid;
// the payout page lists only the recipients that need attention, compactly; the history names each
// edit's row, field and old -> new value in the asset's units; the report's XLSX sums to the total.
import * as XLSX from '@e965/xlsx'
import { getAddress, keccak256, toUtf8Bytes } from 'ethers'
import { test, expect } from '../harness/fixtures'
import type { AppUnderTest } from '../harness/launch'
import { usdcOnEthereum } from '../harness/catalogue'
import { cell, editCell, expectSaved, openInGrid } from '../harness/grid'
import { downloadOf } from '../harness/download'
import { openHash } from '../harness/policy'
import { shot } from '../harness/shots'

const FINANCE_WINDOW = { width: 1440, height: 900 }
const address = (seed: string): string => getAddress(keccak256(toUtf8Bytes(seed)).slice(0, 42))

async function draft(app: AppUnderTest): Promise<string> {
  const usdc = await usdcOnEthereum(app)
  const same = address('twice')
  const created = await app.call('createPayout', {
    kind: 'mass',
    assetId: usdc,
    description: 'May affiliates',
    recipients: [
      { address: same, amount: '1250', name: 'Ana Silva', reference: 'AFF-1001' },
      { address: address('kim'), amount: '980.5', name: 'Kim Park', reference: 'AFF-1002' },
      { address: same, amount: '75.25', name: 'Ana Silva', reference: 'AFF-1003' }
    ]
  })
  if (!created.ok) throw new Error(created.error.message)
  return created.value.id
}

test('Submit is always in view on the grid editor and opens the submission confirmation', async ({ app }) => {
  const page = app.page
  await page.setViewportSize(FINANCE_WINDOW)
  const id = await draft(app)
  await openInGrid(page, id)
  const submit = page.getByTestId('editor-submit')
  await expect(submit).toBeInViewport()
  await expect(submit).toBeEnabled()

  await editCell(page, 1, 'amount', 'abc')
  await expect(submit).toBeDisabled()
  await expectSaved(page)
  await expect(page.getByTestId('mass-cannot-submit')).toContainText('1 row has errors')
  await editCell(page, 1, 'amount', '980.5')
  await expectSaved(page)
  await expect(submit).toBeEnabled()
  await shot(page, 'editor-submit')

  await submit.click()
  const dialog = page.getByTestId('submit-dialog')
  await expect(dialog.getByTestId('submit-total')).toHaveText('2,305.75 USDC')
  const duplicates = dialog.locator('[data-testid="submit-warning"][data-kind="duplicate_address"]')
  await expect(duplicates.getByTestId('submit-warning-rows')).toHaveAttribute('data-rows', '1,3')
  await shot(page, 'editor-submit-dialog')
  // A row in the confirmation leads to it in the grid.
  await duplicates.getByRole('button', { name: 'Go to row 3' }).click()
  await expect(dialog).not.toBeVisible()
  await expect(cell(page, 2, 'address')).toHaveClass(/ag-cell-focus/)

  await submit.click()
  for (const box of await dialog.locator('[data-testid^="ack-"]').all()) await box.check()
  await expect(dialog.getByTestId('submit-confirm')).toBeEnabled()
  await dialog.getByTestId('submit-confirm').click()
  await expect(page).toHaveURL(new RegExp(`#/payouts/${id}$`))
  await expect(page.getByTestId('status-badge')).not.toHaveText('Draft')

  // The history names each edit's row, field and old -> new value in USDC; base units on request.
  const history = page.getByTestId('timeline')
  await expect(history).toContainText('Row 2 amount: 980.50 USDC -> “abc” (not an amount)')
  await expect(history).toContainText('Row 2 amount: “abc” (not an amount) -> 980.50 USDC')
  await expect(history).toContainText('Total 2,305.75 USDC -> 1,325.25 USDC')
  const exact = history.getByTestId('timeline-exact').last()
  await expect(exact).toBeHidden()
  await history.locator('.timeline__exact summary').last().click()
  await expect(exact).toContainText('Total: 1325250000 -> 2305750000 base units')
  await shot(page, 'history', history)
})

test('Recipient safety lists only the rows that need attention, filtered by kind, each look-alike acknowledged', async ({
  app
}) => {
  const page = app.page
  await page.setViewportSize(FINANCE_WINDOW)
  const usdc = await usdcOnEthereum(app)
  const known = getAddress('0x1234' + '5'.repeat(32) + 'abcd')
  const poison = getAddress('0x1234' + '9'.repeat(32) + 'abcd')
  expect((await app.call('setAddressLabel', { address: known, label: 'Northwind Ltd' })).ok).toBe(true)
  const recipients = [
    { address: known, amount: '500', name: 'Northwind', reference: 'INV-1' },
    { address: poison, amount: '500', name: 'Northwind', reference: 'INV-2' },
    ...Array.from({ length: 8 }, (_, i) => ({
      address: address(`payee ${i}`),
      amount: '10',
      name: `Payee ${i + 1}`,
      reference: `R-${i + 1}`
    }))
  ]
  const created = await app.call('createPayout', { kind: 'mass', assetId: usdc, description: 'Suppliers', recipients })
  if (!created.ok) throw new Error(created.error.message)
  await openHash(page, `#/payouts/${created.value.id}`)
  const panel = page.getByTestId('recipient-safety')
  // Row 1 is a known payee paid for the first time; row 2 imitates it; rows 3-10 are first payments.
  await expect(panel.getByTestId('safety-row')).toHaveCount(10)
  await expect(panel.getByTestId('safety-row').first()).toHaveAttribute('data-row', '2')
  await expect(panel.getByTestId('safety-blocker')).toContainText('row 2')
  await panel.getByTestId('safety-filter-lookalike').click()
  await expect(panel.getByTestId('safety-row')).toHaveCount(1)
  await expect(panel.getByTestId('safety-compare')).toHaveText(poison)
  await shot(page, 'recipient-safety', panel)
  await panel.getByTestId('safety-filter-all').click()
  await panel.getByTestId('safety-search').fill('7')
  await expect(panel.getByTestId('safety-row')).toHaveCount(1)
  await expect(panel.getByTestId('safety-row')).toHaveAttribute('data-row', '7')
  await panel.getByTestId('safety-search').fill('')
  await panel.getByTestId('ack-lookalike-2').click()
  await expect(panel.getByTestId('lookalike-checked')).toBeVisible()
  await expect(panel.getByTestId('safety-blocker')).toHaveCount(0)
})

test('the report’s XLSX, downloaded from the report screen, has amounts SheetJS sums to the payout’s total', async ({
  app
}) => {
  const page = app.page
  const id = await draft(app)
  await openHash(page, `#/payouts/${id}/report`)
  await expect(page.getByTestId('report-total')).toContainText('2,305.75')
  const file = await downloadOf(page, () => page.getByTestId('report-xlsx').click())
  expect(file.name).toMatch(/\.xlsx$/)
  const sheet = XLSX.read(file.buffer, { type: 'buffer', cellNF: true }).Sheets['Recipients']!
  const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true })
  const header = rows[0] as string[]
  const amounts = rows.slice(1).map((r) => r[header.indexOf('amount')])
  expect(amounts.every((a) => typeof a === 'number')).toBe(true)
  const sum = (amounts as number[]).reduce((a, b) => a + b, 0)
  expect(sum.toFixed(6)).toBe('2305.750000')
  expect(rows.slice(1).map((r) => r[header.indexOf('amount_base_units')])).toEqual([
    '1250000000',
    '980500000',
    '75250000'
  ])
  expect(sheet['E2']?.z).toBe('#,##0.000000')
})
