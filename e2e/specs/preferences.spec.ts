// Runs in: Playwright test runner. The desk's preferences are kept by the app, not by the page: the
// grid's column layout arranged on one payout follows the desk to the next payout and through a
// restart until "Reset layout"; the payer account chosen for a network is proposed again after a
// restart, with the address read from the Ledger.
import type { Page } from '@playwright/test'
import { getAddress, keccak256, toUtf8Bytes } from 'ethers'
import { test, expect } from '../harness/fixtures'
import type { AppUnderTest } from '../harness/launch'
import { usdcOnEthereum } from '../harness/catalogue'
import { openInGrid } from '../harness/grid'
import { SHOT_VIEWPORT } from '../harness/shots'

const LOCAL = 31337
const SECOND_ACCOUNT = "44'/60'/1'/0/0"
const address = (seed: string): string => getAddress(keccak256(toUtf8Bytes(seed)).slice(0, 42))

async function draft(app: AppUnderTest, description: string): Promise<string> {
  const created = await app.call('createPayout', {
    kind: 'mass',
    assetId: await usdcOnEthereum(app),
    description,
    recipients: [{ address: address(description), amount: '10', name: 'Someone', note: 'a note' }]
  })
  if (!created.ok) throw new Error(created.error.message)
  return created.value.id
}

const header = (page: Page, colId: string) => page.locator(`.ag-header-cell[col-id="${colId}"]`)

async function toggleColumn(page: Page, label: string): Promise<void> {
  await page.getByTestId('grid-columns').click()
  await page.getByRole('group', { name: 'Visible columns' }).getByLabel(label, { exact: true }).click()
  await page.getByTestId('grid-columns').click()
}

test('a column layout arranged on one payout follows the desk to the next one and through a restart', async ({
  app
}, testInfo) => {
  const page = app.page
  await page.setViewportSize(SHOT_VIEWPORT)
  const first = await draft(app, 'September contractors')
  const second = await draft(app, 'October contractors')

  await openInGrid(page, first)
  await expect(header(page, 'note')).toBeVisible()
  await toggleColumn(page, 'Note')
  await expect(header(page, 'note')).toHaveCount(0)
  await expect
    .poll(async () => {
      const saved = await app.call('getPreferences', {})
      return saved.ok ? saved.value.gridColumns?.find((c) => c.colId === 'note')?.hidden : undefined
    })
    .toBe(true)

  await openInGrid(page, second)
  await expect(header(page, 'note')).toHaveCount(0)
  await expect(header(page, 'name')).toBeVisible()

  await app.restart()
  await app.page.setViewportSize(SHOT_VIEWPORT)
  await openInGrid(app.page, second)
  await expect(header(app.page, 'note')).toHaveCount(0)
  await app.page.screenshot({ path: testInfo.outputPath('grid-layout-after-restart.png') })

  await app.page.getByTestId('grid-columns').click()
  await app.page.getByRole('button', { name: 'Reset layout' }).click()
  await expect(header(app.page, 'note')).toBeVisible()
  await openInGrid(app.page, first)
  await expect(header(app.page, 'note')).toBeVisible()
})

test('the payer account chosen for a network is proposed again after a restart', async ({ chainApp }, testInfo) => {
  const page = chainApp.page
  const second = chainApp.network.emulator.addressOf(SECOND_ACCOUNT)
  await expect(page.getByTestId('device-panel')).toContainText('Ready — Ethereum app', { timeout: 20_000 })

  const chooseOnLocal = async (p: Page) => {
    await p.getByTestId('device-accounts').click()
    const dialog = p.getByTestId('accounts-dialog')
    await dialog.getByTestId('accounts-network').selectOption(String(LOCAL))
    return dialog
  }
  let dialog = await chooseOnLocal(page)
  await expect(dialog.getByTestId('payer-account').locator('option')).toHaveCount(5)
  await dialog.getByTestId('payer-account').selectOption(SECOND_ACCOUNT)
  await expect(dialog.getByTestId('payer-address')).toHaveText(second)
  await expect
    .poll(async () => {
      const saved = await chainApp.call('getPreferences', {})
      return saved.ok ? saved.value.payerAccounts[String(LOCAL)] : undefined
    })
    .toBe(SECOND_ACCOUNT)

  await chainApp.restart()
  await chainApp.page.setViewportSize(SHOT_VIEWPORT)
  await expect(chainApp.page.getByTestId('device-panel')).toContainText('Ready — Ethereum app', { timeout: 20_000 })
  dialog = await chooseOnLocal(chainApp.page)
  await expect(dialog.getByTestId('payer-account')).toHaveValue(SECOND_ACCOUNT)
  await expect(dialog.getByTestId('payer-address')).toHaveText(second)
  await chainApp.page.screenshot({ path: testInfo.outputPath('payer-after-restart.png') })
})
