// Runs in: Playwright test runner. A single payout's life through the real UI: drafted with
// inline validation, listed, reopened after the app restarts on the same data, then cancelled.
import { test, expect } from '../harness/fixtures'
import { usdcOnEthereum } from '../harness/catalogue'
import type { Page } from '@playwright/test'

// A real EIP-55 address, and the same one with one letter's case changed (a broken checksum).
const ADDRESS = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const BAD_CHECKSUM = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD'
const DESCRIPTION = 'Invoice 2026-031, March design work'

async function openPayoutsList(page: Page): Promise<void> {
  await page.getByTestId('nav-payouts').click()
  await expect(page.getByRole('heading', { level: 1, name: 'Payouts' })).toBeVisible()
}

test('a single payout draft is created, survives a restart, and is cancelled', async ({ app }) => {
  const usdc = await usdcOnEthereum(app)

  // A newcomer sees what to do.
  let page = app.page
  await expect(page.getByTestId('empty-state')).toBeVisible()

  // New payout -> Single.
  await page.getByTestId('new-payout').click()
  await page.getByTestId('new-single').click()
  await expect(page.getByRole('heading', { level: 1, name: 'New single payout' })).toBeVisible()

  await page.getByTestId('field-network').selectOption({ label: 'Ethereum' })
  await page.getByTestId('field-currency').selectOption(usdc)

  // A mistyped address is flagged as an error while typing, beside the address field.
  await page.getByTestId('field-address').fill(BAD_CHECKSUM)
  const addressIssues = page.getByTestId('issue-address')
  await expect(addressIssues.locator('[data-severity="error"]')).toContainText(/checksum/i)
  await expect(page.getByTestId('field-address')).toHaveAttribute('aria-invalid', 'true')

  // Fixing it clears the error and shows the checksummed address.
  await page.getByTestId('field-address').fill(ADDRESS)
  await expect(addressIssues).toHaveCount(0)
  await expect(page.getByTestId('address-checksummed')).toHaveText(ADDRESS)
  await expect(page.getByTestId('field-address')).toHaveAttribute('aria-invalid', 'false')

  await page.getByTestId('field-amount').fill('1234.5')
  await expect(page.getByTestId('amount-hint')).toContainText('1,234.50 USDC')
  await expect(page.getByTestId('issue-amount')).toHaveCount(0)
  await page.getByTestId('field-description').fill(DESCRIPTION)
  await page.getByTestId('save-draft').click()

  // The saved draft opens on its own page.
  await expect(page).toHaveURL(/#\/payouts\/PO-[A-Za-z0-9]+$/)
  const id = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!)
  await expectDraftDetail(page)

  // It is in the list with its total, currency and status.
  await openPayoutsList(page)
  const row = page.getByTestId('payout-row')
  await expect(row).toHaveCount(1)
  await expect(row).toContainText(DESCRIPTION)
  await expect(row).toContainText('Ethereum')
  await expect(row.getByTestId('payout-total')).toHaveText('1,234.50 USDC')
  await expect(row.getByTestId('status-badge')).toHaveText('Draft')

  // Restart the app on the same data folder: the draft is still there, unchanged.
  await app.restart()
  page = app.page
  await expect(page.getByTestId('payout-row')).toHaveCount(1)
  await expect(page.getByTestId('payout-row')).toContainText(DESCRIPTION)
  const saved = await app.call('getPayout', { id })
  expect(saved.ok && saved.value.status).toBe('draft')
  expect(saved.ok && saved.value.items[0]?.address).toBe(ADDRESS)
  expect(saved.ok && saved.value.totalBaseUnits).toBe('1234500000')
  await page.getByTestId('payout-link').click()
  await expectDraftDetail(page)

  // Cancel it, with a reason.
  await page.getByTestId('cancel-payout').click()
  const dialog = page.getByTestId('cancel-dialog')
  await expect(dialog).toBeVisible()
  await dialog.getByTestId('cancel-reason').fill('Paid by bank transfer instead')
  await dialog.getByTestId('confirm-cancel').click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('heading', { level: 1 }).getByText(DESCRIPTION)).toBeVisible()
  await expect(page.getByTestId('status-badge')).toHaveText('Cancelled')
  await expect(page.getByTestId('cancel-payout')).toHaveCount(0)
  await expect(page.getByTestId('edit-payout')).toHaveCount(0)
  const cancelled = page.getByTestId('timeline-entry').and(page.locator('[data-action="cancelled"]'))
  await expect(cancelled).toContainText('Draft → Cancelled')
  await expect(cancelled).toContainText('Paid by bank transfer instead')

  // The list shows it as Cancelled, under the Cancelled filter and not under Draft.
  await openPayoutsList(page)
  await expect(page.getByTestId('payout-row').getByTestId('status-badge')).toHaveText('Cancelled')
  await page.getByTestId('status-filter-cancelled').click()
  await expect(page.getByTestId('payout-row')).toHaveCount(1)
  await page.getByTestId('status-filter-draft').click()
  await expect(page.getByTestId('empty-filtered')).toBeVisible()
  await expect(page.getByTestId('payout-row')).toHaveCount(0)
})

async function expectDraftDetail(page: Page): Promise<void> {
  await expect(page.getByTestId('detail-title')).toHaveText(DESCRIPTION)
  await expect(page.getByTestId('status-badge')).toHaveText('Draft')
  await expect(page.getByTestId('detail-network')).toHaveText('Ethereum')
  await expect(page.getByTestId('detail-currency')).toHaveText('USDC')
  await expect(page.getByTestId('detail-total')).toHaveText('1,234.50 USDC')
  await expect(page.getByTestId('recipient-address')).toHaveText(ADDRESS)
  await expect(page.getByTestId('recipient-amount')).toHaveText('1,234.50 USDC')
  await expect(page.getByTestId('timeline-entry').first()).toContainText('Created')
  await expect(page.getByTestId('edit-payout')).toBeVisible()
  await expect(page.getByTestId('cancel-payout')).toBeVisible()
}

test('a draft is edited in the same form, and its page follows changes made elsewhere', async ({ app }) => {
  const usdc = await usdcOnEthereum(app)
  const created = await app.call('createPayout', {
    kind: 'single',
    assetId: usdc,
    description: 'Retainer',
    recipients: [{ address: ADDRESS, amount: '10' }]
  })
  expect(created.ok).toBe(true)
  const id = created.ok ? created.value.id : ''

  const page = app.page
  await page.getByTestId('payout-link').click()
  await expect(page.getByTestId('detail-total')).toHaveText('10.00 USDC')

  // Edit opens the form prefilled; a new amount is saved with updatePayout.
  await page.getByTestId('edit-payout').click()
  await expect(page.getByTestId('field-address')).toHaveValue(ADDRESS)
  await expect(page.getByTestId('field-amount')).toHaveValue('10')
  await expect(page.getByTestId('field-description')).toHaveValue('Retainer')
  await page.getByTestId('field-amount').fill('10.25')
  await page.getByTestId('save-draft').click()
  await expect(page.getByTestId('detail-total')).toHaveText('10.25 USDC')
  await expect(page.getByTestId('timeline-entry').and(page.locator('[data-action="edited"]'))).toHaveCount(1)

  // A change made outside this page (another window, a background step) shows without a reload.
  const renamed = await app.call('updatePayout', { id, description: 'Retainer, April' })
  expect(renamed.ok).toBe(true)
  await expect(page.getByTestId('detail-title')).toHaveText('Retainer, April')
})
