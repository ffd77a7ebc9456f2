// Runs in: Playwright test runner. Money moving through the real UI on a fresh local chain with
// the emulated Ledger (auto-approve, blind signing on): a single ETH payout drafted in the form,
// and a 20-row TUSD mass payout, each submitted, reviewed (plans, fee, balances), signed and sent,
// followed to Completed with its transactions listed, and every recipient's balance read on chain.
import { getAddress, Wallet } from 'ethers'
import type { Page } from '@playwright/test'
import { test, expect } from '../harness/fixtures'

const LOCAL = 31337
const ETHER = 10n ** 18n
const TUSD_UNIT = 1_000_000n
const MASS_ROWS = 20
/** Payment plus confirmations on a loaded machine: generous, never a timing assertion. */
const SETTLE_TIMEOUT = 45_000

/** A fresh address no one has used, so its balance before the payout is zero. */
const freshAddress = (): string => getAddress(Wallet.createRandom().address)

async function reviewSignAndSend(page: Page, plan: 'batch' | 'per_recipient'): Promise<void> {
  const pay = page.getByTestId('pay-section')
  await expect(pay.getByTestId('review-panel')).toBeVisible()
  // The payer account is read from the Ledger and shown before anything is reviewed.
  await expect(pay.getByTestId('payer-address')).toHaveText(/^0x[0-9a-fA-F]{40}$/)
  await pay.getByTestId('review-payout').click()
  const quote = pay.getByTestId('quote')
  await expect(quote).toBeVisible()
  await expect(quote.getByTestId('plan-row')).toHaveCount(2)
  await expect(quote.getByTestId('plan-fee').first()).toContainText('ETH')
  await expect(quote.getByTestId('shortfall')).toHaveCount(0)
  await quote.getByTestId(`plan-${plan}`).check()
  await quote.getByTestId('sign-and-send').click()

  const dialog = page.getByTestId('signing-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('device-shows')).toBeVisible()
  await expect(dialog.getByTestId('signing-outcome')).toBeVisible({ timeout: SETTLE_TIMEOUT })
  await dialog.getByTestId('signing-close').click()
  await expect(dialog).not.toBeVisible()
}

async function expectCompleted(page: Page, transactions: number): Promise<void> {
  await expect(page.getByTestId('status-badge')).toHaveText('Completed', { timeout: SETTLE_TIMEOUT })
  const status = page.getByTestId('payment-status')
  await expect(status.getByTestId('transaction-row')).toHaveCount(transactions)
  // The local network has no explorer: the full hash is shown, not a link.
  await expect(status.getByTestId('tx-link')).toHaveCount(0)
  for (const hash of await status.getByTestId('tx-hash').allTextContents()) expect(hash).toMatch(/^0x[0-9a-f]{64}$/)
  await expect(page.getByTestId('failed-rows')).toHaveCount(0)
}

test('a single ETH payout is drafted, submitted, reviewed, signed and sent, and ends Completed with its transaction', async ({ chainApp }) => {
  const page = chainApp.page
  const recipient = freshAddress()

  await expect(page.getByTestId('device-panel')).toContainText('Ready — Ethereum app', { timeout: 20_000 })

  await page.getByTestId('new-payout').click()
  await page.getByTestId('new-single').click()
  await page.getByTestId('field-network').selectOption({ label: 'Local development' })
  await page.getByTestId('field-currency').selectOption(`${LOCAL}:native`)
  await page.getByTestId('field-address').fill(recipient)
  await page.getByTestId('field-amount').fill('1.5')
  await page.getByTestId('field-description').fill('Contractor advance')
  await page.getByTestId('save-draft').click()
  await expect(page).toHaveURL(/#\/payouts\/[A-Za-z0-9_-]+$/)
  await expect(page.getByTestId('status-badge')).toHaveText('Draft')

  await page.getByTestId('submit-payout').click()
  await expect(page.getByTestId('status-badge')).toHaveText('In progress')

  await reviewSignAndSend(page, 'per_recipient')
  await expectCompleted(page, 1)
  await expect(page.getByTestId('tally-paid')).toHaveText('1')

  const id = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '')
  const saved = await chainApp.call('getPayout', { id })
  expect(saved.ok && saved.value.items[0]?.txHash).toMatch(/^0x[0-9a-f]{64}$/)
  expect(await chainApp.network.chain.provider.getBalance(recipient)).toBe((3n * ETHER) / 2n)
})

test('a 20-row TUSD mass payout is paid through the UI with the batch plan, every recipient paid on chain', async ({ chainApp }) => {
  const page = chainApp.page
  const assets = await chainApp.call('listAssets', { chainId: LOCAL })
  const tusd = assets.ok ? assets.value.find((a) => a.symbol === 'TUSD') : undefined
  expect(tusd, 'TUSD on the local network is in the catalogue').toBeDefined()

  const recipients = Array.from({ length: MASS_ROWS }, (_, i) => ({ address: freshAddress(), amount: `${i + 1}.25`, name: `Payee ${i + 1}` }))
  const created = await chainApp.call('createPayout', { kind: 'mass', assetId: tusd!.id, description: 'March commissions', recipients })
  expect(created.ok).toBe(true)
  const id = created.ok ? created.value.id : ''

  await page.evaluate((h) => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = h
  }, `#/payouts/${id}`)
  await expect(page.getByTestId('status-badge')).toHaveText('Draft')
  await page.getByTestId('submit-payout').click()
  await expect(page.getByTestId('status-badge')).toHaveText('In progress')

  // The batch plan is proposed for many rows of a token: fewer confirmations than one per recipient.
  const pay = page.getByTestId('pay-section')
  await pay.getByTestId('review-payout').click()
  await expect(pay.locator('[data-testid="plan-row"][data-plan="batch"]')).toContainText('Proposed')
  await expect(pay.getByTestId('quote-total')).toHaveText('215.00 TUSD') // 1.25 + 2.25 + … + 20.25
  await reviewSignAndSend(page, 'batch')
  // One approval of exactly the total, then the batch itself.
  await expectCompleted(page, 1)
  await expect(page.getByTestId('tally-paid')).toHaveText(String(MASS_ROWS))

  for (const [i, r] of recipients.entries()) {
    expect(await chainApp.network.chain.tokenBalance(r.address), `row ${i + 1}`).toBe(BigInt(i + 1) * TUSD_UNIT + TUSD_UNIT / 4n)
  }
})
