// Runs in: Playwright test runner. Automation set up the way a finance user does it, in Settings:
// the REST API switched on, a token created and shown once. Another program then drafts a payout
// over HTTP (twice, with the same Idempotency-Key) and the open payouts list shows it, marked as
// drafted by that token, without a reload; the draft waits for a person to submit it.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from '../harness/fixtures'
import { usdcOnEthereum } from '../harness/catalogue'
import { freePort } from '../../src/test/automation'

const WINDOW = { width: 1440, height: 900 }
const SCREENSHOTS = join(__dirname, '../../test-results/automation')
const ADDRESS_A = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const ADDRESS_B = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'
const TOKEN_NAME = 'ERP payroll'

test('a draft made through the API appears in the open payouts list without a reload', async ({ app }) => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const usdc = await usdcOnEthereum(app)
  const page = app.page
  await page.setViewportSize(WINDOW)

  // Settings > Automation: switch the API on at a chosen port.
  await page.getByTestId('nav-settings').click()
  const settings = page.getByTestId('automation-settings')
  await settings.scrollIntoViewIfNeeded()
  await expect(page.getByTestId('api-state')).toHaveAttribute('data-state', 'off')
  const port = await freePort()
  await page.getByTestId('api-enabled').check()
  await page.getByTestId('api-port').fill(String(port))
  await page.getByTestId('api-save').click()
  await expect(page.getByTestId('api-state')).toHaveAttribute('data-state', 'running')
  const url = `http://127.0.0.1:${port}`

  // A token with a name, to draft and read: its secret is shown once.
  await page.getByTestId('token-name').fill(TOKEN_NAME)
  await expect(page.getByTestId('token-scope-payouts:draft')).toBeChecked()
  await page.getByTestId('token-create').click()
  const secret = (await page.getByTestId('secret-value').textContent()) ?? ''
  expect(secret.length).toBeGreaterThan(20)
  await page.getByTestId('secret-once').scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(SCREENSHOTS, 'token-shown-once.png') })
  await page.getByTestId('secret-done').click()
  await expect(page.getByTestId('secret-once')).toHaveCount(0)
  await expect(page.getByText(secret)).toHaveCount(0)
  await expect(page.getByTestId('token-row')).toContainText(TOKEN_NAME)
  await page.getByTestId('automation-tokens').scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(SCREENSHOTS, 'automation-settings.png') })

  // The payouts list is open and empty; mark the page so a reload would show.
  await page.getByTestId('nav-payouts').click()
  await expect(page.getByTestId('empty-state')).toBeVisible()
  await page.evaluate(() => ((globalThis as unknown as { sameDocument: boolean }).sameDocument = true))

  // Another program drafts over HTTP, and retries the same request.
  const draft = (): Promise<Response> =>
    fetch(`${url}/v1/payouts`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${secret}`,
        'content-type': 'application/json',
        'idempotency-key': 'payroll-2026-05'
      },
      body: JSON.stringify({
        kind: 'mass',
        assetId: usdc,
        description: 'May payroll',
        externalId: 'erp-run-5',
        recipients: [
          { address: ADDRESS_A, amount: '334.969' },
          { address: ADDRESS_B, amount: '1200' }
        ]
      })
    })
  const first = await draft()
  expect(first.status).toBe(201)
  const made = (await first.json()) as { id: string; status: string }
  expect(made.status).toBe('draft')
  const retried = await draft()
  expect(((await retried.json()) as { id: string }).id).toBe(made.id)

  const row = page.getByTestId('payout-row')
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('May payroll')
  await expect(row.getByTestId('payout-total')).toHaveText('1,534.969 USDC')
  await expect(row.getByTestId('status-badge')).toHaveText('Draft')
  const source = row.getByTestId('payout-source')
  await expect(source).toHaveAttribute('data-source', 'api')
  await expect(source).toContainText(TOKEN_NAME)
  expect(await page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true)
  await page.screenshot({ path: join(SCREENSHOTS, 'payouts-list-api-draft.png') })

  // Automation only drafts: the payout waits for a person, and the token cannot submit it.
  const submit = await fetch(`${url}/v1/payouts/${made.id}/submit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}` }
  })
  expect(submit.status).toBe(404)
  const saved = await app.call('getPayout', { id: made.id })
  expect(saved.ok && saved.value.status).toBe('draft')
})
