// Runs in: Playwright test runner. Four-eyes control through the real UI on a local chain with
// the emulated Ledger (auto-approve): the operator Ana turns approval on and adds the manager
// Boris, whose address is read from the Ledger's account 1; Ana's payout waits as Pending until
// Boris signs its digest on the Ledger, then goes In progress with his signature listed; a second
// payout rejected with a reason ends Cancelled; the audit log verifies; the printable report lists
// the recipient and Boris's signature.
import { getAddress, Wallet } from 'ethers'
import type { Page } from '@playwright/test'
import { test, expect } from '../harness/fixtures'

const NATIVE = '31337:native'
const BORIS_PATH = "44'/60'/1'/0/0"
/** Device round trips on a loaded machine: generous, never a timing assertion. */
const DEVICE_TIMEOUT = 30_000

const freshAddress = (): string => getAddress(Wallet.createRandom().address)

async function openHash(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = h
  }, hash)
}

test('a payout waits for a manager, is approved on his Ledger, a rejected one is cancelled, and the report shows the signature', async ({ chainApp }) => {
  const page = chainApp.page
  const borisAddress = chainApp.network.emulator.addressOf(BORIS_PATH)
  await expect(page.getByTestId('device-panel')).toContainText('Ready — Ethereum app', { timeout: 20_000 })

  // Settings: operator Ana, approval required.
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('field-operator').fill('Ana')
  await page.getByTestId('field-require-approval').check()
  await page.getByTestId('save-settings').click()
  await expect(page.getByTestId('settings-status')).toHaveText('Settings saved.')
  await expect(page.getByTestId('policy-required')).toContainText('wait for approval')

  // Boris is added with the address his Ledger shows on account 1.
  const policy = page.getByTestId('approval-policy')
  await expect(policy.getByTestId('no-approvers')).toBeVisible()
  await policy.getByTestId('approver-name-input').fill('Boris')
  await policy.getByTestId('approver-path').fill(BORIS_PATH)
  await policy.getByTestId('add-approver').click()
  await expect(policy.getByTestId('approver-name')).toHaveText(['Boris'], { timeout: DEVICE_TIMEOUT })
  await expect(policy.getByTestId('approver-address')).toHaveText([borisAddress])
  await expect(policy.getByTestId('threshold-summary')).toContainText('of 1 approver')

  // Ana's payout is submitted and waits as Pending with its digest and the message Boris's Ledger will sign.
  const recipient = freshAddress()
  const created = await chainApp.call('createPayout', { kind: 'single', assetId: NATIVE, description: 'Consultant fee', recipients: [{ address: recipient, amount: '0.25', name: 'Consultant' }] })
  if (!created.ok) throw new Error(created.error.message)
  const id = created.value.id
  await openHash(page, `#/payouts/${id}`)
  await expect(page.getByTestId('status-badge')).toHaveText('Draft')
  await expect(page.getByTestId('recipient-safety').getByTestId('first-payment')).toHaveCount(1)
  await page.getByTestId('submit-payout').click()
  await expect(page.getByTestId('status-badge')).toHaveText('Pending')
  const section = page.getByTestId('approval-section')
  await expect(section.getByTestId('approval-count')).toHaveText('0 of 1')
  await expect(section.getByTestId('approval-message')).toContainText('Approve Treasury payout')
  await expect(section.getByTestId('approval-message')).toContainText('0.25 ETH to 1 recipient')
  const digest = await section.getByTestId('approval-digest').getAttribute('data-digest')
  expect(digest).toMatch(/^0x[0-9a-f]{64}$/)
  await expect(section.getByTestId('approval-message')).toContainText(`Digest ${digest ?? ''}`)
  await expect(section.getByTestId('can-still-approve')).toContainText('Boris')

  // Boris approves on his Ledger (account 1): the payout moves to In progress with his approval listed.
  await section.getByTestId('approve-path').fill(BORIS_PATH)
  await section.getByTestId('approve-on-ledger').click()
  await expect(page.getByTestId('status-badge')).toHaveText('In progress', { timeout: DEVICE_TIMEOUT })
  const approvals = page.getByTestId('approval-section').getByTestId('approval-row')
  await expect(approvals).toHaveCount(1)
  await expect(approvals.getByTestId('approval-name')).toHaveText('Boris')
  await expect(approvals.getByTestId('approval-signer')).toHaveText(borisAddress)
  const review = await chainApp.call('getApprovalReview', { id })
  if (!review.ok) throw new Error(review.error.message)
  const signature = review.value.approvals[0]?.signature ?? ''
  expect(signature).toMatch(/^0x[0-9a-f]{130}$/i)
  await expect(approvals.getByTestId('approval-signature')).toHaveText(signature)

  // A second payout is rejected with a reason and ends Cancelled.
  const second = await chainApp.call('createPayout', { kind: 'single', assetId: NATIVE, description: 'Duplicate invoice', recipients: [{ address: freshAddress(), amount: '1' }] })
  if (!second.ok) throw new Error(second.error.message)
  await openHash(page, `#/payouts/${second.value.id}`)
  await expect(page.getByTestId('detail-title')).toHaveText('Duplicate invoice')
  await page.getByTestId('submit-payout').click()
  await expect(page.getByTestId('status-badge')).toHaveText('Pending')
  await page.getByTestId('reject-payout').click()
  const dialog = page.getByTestId('reject-dialog')
  await dialog.getByTestId('confirm-reject').click()
  await expect(dialog).toContainText('Say why')
  await dialog.getByTestId('reject-by').fill('Boris')
  await dialog.getByTestId('reject-reason').fill('Invoice already paid in March')
  await dialog.getByTestId('confirm-reject').click()
  await expect(page.getByTestId('status-badge')).toHaveText('Cancelled')
  await expect(page.getByTestId('timeline-entry').filter({ hasText: 'Invoice already paid in March' })).toHaveCount(1)

  // The audit log's hash chain holds.
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('verify-audit-log').click()
  await expect(page.getByTestId('audit-result')).toHaveAttribute('data-ok', 'true')
  await expect(page.getByTestId('audit-result')).toContainText('OK')

  // The printable report of the approved payout: recipient, status and Boris's signature.
  await openHash(page, `#/payouts/${id}`)
  await page.getByTestId('open-report').click()
  await expect(page).toHaveURL(new RegExp(`#/payouts/${id}/report$`))
  const report = page.getByTestId('payout-report')
  await expect(report.getByTestId('report-address')).toHaveText([recipient])
  await expect(report.getByTestId('report-status')).toHaveText('In progress')
  await expect(report.getByTestId('report-approval')).toContainText('Boris')
  await expect(report.getByTestId('report-signature')).toHaveText([signature])
  await expect(report.getByTestId('print-report')).toBeVisible()
})
