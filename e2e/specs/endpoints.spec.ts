// Runs in: Playwright test runner. Network connections in Settings on a local chain: the demo's
// custom endpoint is listed masked and checked online, and which endpoints cross-check payments; an address that does not answer is refused
// with the reason and changes nothing; "Use default" and a new address are shown at once and are
// what the screen reads again when it is opened later.
import type { Page } from '@playwright/test'
import { test, expect } from '../harness/fixtures'
import { SHOT_VIEWPORT } from '../harness/shots'

const LOCAL = 31337
/** The discard port: nothing answers there. */
const SILENT_URL = 'http://127.0.0.1:9/'

async function openSettings(page: Page): Promise<void> {
  await page.evaluate(() => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = '#/settings'
  })
  await expect(page.getByTestId('endpoints-table')).toBeVisible()
}

test('an endpoint is checked, refused when silent, reset to the default and set again from Settings', async ({
  chainApp
}, testInfo) => {
  const page = chainApp.page
  await page.setViewportSize(SHOT_VIEWPORT)
  await openSettings(page)
  const row = page.locator(`[data-testid="endpoint-row"][data-chain="${LOCAL}"]`)
  await expect(row.getByTestId('endpoint-source')).toHaveText('Custom')
  // A public network's payments are cross-checked with its second public endpoint; a local chain's
  // listed address is another chain with the same id, so it is no witness of the desk's own node.
  const ethereum = page.locator('[data-testid="endpoint-row"][data-chain="1"]')
  await expect(ethereum.getByTestId('endpoint-witnesses')).toHaveText('Payments are cross-checked with eth.drpc.org')
  await expect(row.getByTestId('endpoint-witnesses')).toHaveCount(0)
  // A team that does not want a public endpoint to see its payments' hashes turns it off.
  await ethereum.getByTestId('endpoint-second-opinion').uncheck()
  await expect(ethereum.getByTestId('endpoint-witnesses')).toHaveText('Cross-check payments with eth.drpc.org')
  const off = await chainApp.call('listEndpoints', {})
  expect(off.ok && off.value.find((e) => e.chainId === 1)?.secondOpinion).toBe(false)
  await ethereum.getByTestId('endpoint-second-opinion').check()
  await expect(ethereum.getByTestId('endpoint-second-opinion')).toBeChecked()
  await row.getByTestId('endpoint-check').click()
  await expect(row.getByTestId('endpoint-health').locator('[data-online="true"]')).toContainText('Online · block')

  await row.getByTestId('endpoint-change').click()
  await row.getByTestId('endpoint-url').fill(SILENT_URL)
  await row.getByTestId('endpoint-save').click()
  await expect(row.getByTestId('error-alert')).toContainText('was not saved')
  await expect(row.getByTestId('endpoint-source')).toHaveText('Custom')
  await page.screenshot({ path: testInfo.outputPath('endpoint-refused.png') })

  await row.getByRole('button', { name: 'Cancel' }).click()
  await row.getByTestId('endpoint-reset').click()
  await expect(row.getByTestId('endpoint-source')).toHaveText('Default')
  await expect(row.getByTestId('endpoint-reset')).toHaveCount(0)

  await page.getByTestId('nav-payouts').click()
  await openSettings(page)
  await expect(row.getByTestId('endpoint-source')).toHaveText('Default')
  await row.getByTestId('endpoint-change').click()
  await row.getByTestId('endpoint-url').fill(chainApp.network.node.url)
  await row.getByTestId('endpoint-save').click()
  await expect(row.getByTestId('endpoint-source')).toHaveText('Custom')
  await expect(row.getByTestId('endpoint-health').locator('[data-online="true"]')).toBeVisible()
  const listed = await chainApp.call('listEndpoints', {})
  expect(listed.ok && listed.value.find((e) => e.chainId === LOCAL)?.source).toBe('custom')
})
