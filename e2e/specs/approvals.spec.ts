// Runs in: Playwright test runner. Four-eyes control through the real UI on a local chain with
// the emulated Ledger (auto-approve): the operator Ana turns approval on and adds the manager
// Boris, whose address is read from the Ledger's account 1; Ana's payout waits as Pending until
// Boris signs its digest on the Ledger, then goes In progress with his signature listed; a second
// payout rejected with a reason ends Cancelled; the audit log verifies; the printable report lists
// the recipient and Boris's signature.
import { readFileSync } from 'node:fs'
import { getAddress, Wallet } from 'ethers'
import type { Page } from '@playwright/test'
import { test, expect } from '../harness/fixtures'
import { electronBinary } from '../harness/electronBinary'
import { launchApp } from '../harness/launch'

const NATIVE = '31337:native'
const BORIS_PATH = "44'/60'/1'/0/0"
/** Device round trips on a loaded machine: generous, never a timing assertion. */
const DEVICE_TIMEOUT = 30_000
/** A local chain, one or two apps and several device round trips: more than the default on a loaded 2-core machine. */
const FLOW_TIMEOUT = 180_000

interface DownloadedFile {
  readonly name: string
  readonly mimeType: string
  readonly buffer: Buffer
}

/** What a click downloads, held in memory: the file outlives the page (and app) that produced it. */
async function downloadOf(page: Page, click: () => Promise<void>): Promise<DownloadedFile> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()])
  const path = await download.path()
  if (path === null) throw new Error('The download was not saved')
  return { name: download.suggestedFilename(), mimeType: 'application/json', buffer: readFileSync(path) }
}

const freshAddress = (): string => getAddress(Wallet.createRandom().address)

async function openHash(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = h
  }, hash)
}

test('a payout waits for a manager, is approved on his Ledger, a rejected one is cancelled, and the report shows the signature', async ({
  chainApp
}) => {
  test.setTimeout(FLOW_TIMEOUT)
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
  const created = await chainApp.call('createPayout', {
    kind: 'single',
    assetId: NATIVE,
    description: 'Consultant fee',
    recipients: [{ address: recipient, amount: '0.25', name: 'Consultant' }]
  })
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
  const second = await chainApp.call('createPayout', {
    kind: 'single',
    assetId: NATIVE,
    description: 'Duplicate invoice',
    recipients: [{ address: freshAddress(), amount: '1' }]
  })
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

test('an approval travels by file: exported on the creator desktop, signed on the manager desktop, imported back', async ({
  chainApp,
  browser
}) => {
  test.setTimeout(FLOW_TIMEOUT)
  const creator = chainApp.page
  const borisAddress = chainApp.network.emulator.addressOf(BORIS_PATH)
  await expect(creator.getByTestId('device-panel')).toContainText('Ready — Ethereum app', { timeout: 20_000 })
  const setup = [
    await chainApp.call('updateSettings', { operatorName: 'Ana', requireApproval: true }),
    await chainApp.call('addApprover', { name: 'Boris', path: BORIS_PATH })
  ]
  for (const r of setup) if (!r.ok) throw new Error(r.error.message)
  const recipient = freshAddress()
  const created = await chainApp.call('createPayout', {
    kind: 'single',
    assetId: NATIVE,
    description: 'Office rent',
    recipients: [{ address: recipient, amount: '3', reference: 'INV-7' }]
  })
  if (!created.ok) throw new Error(created.error.message)
  const id = created.value.id
  const submitted = await chainApp.call('submitPayout', { id })
  expect(submitted.ok && submitted.value.status).toBe('pending')

  await openHash(creator, `#/payouts/${id}`)
  const requestFile = await downloadOf(creator, () => creator.getByTestId('export-for-approval').click())
  expect(requestFile.name).toBe(`${id}-approval-request.json`)

  // The manager's desktop: its own data folder, the same local chain and emulated Ledger.
  const manager = await launchApp(electronBinary().path === null ? browser : null, {
    devNetwork: chainApp.network,
    hash: '#/approvals'
  })
  // Closed at the end: both apps share the emulated Ledger, and closing one disconnects it.
  try {
    const page = manager.page
    await expect(page.getByTestId('no-requests')).toBeVisible()
    await page.getByTestId('import-request-input').setInputFiles(requestFile)
    const review = page.getByTestId('imported-review')
    await expect(review).toBeVisible()
    await expect(review.getByTestId('imported-recipient')).toHaveCount(1)
    await expect(review.getByTestId('imported-recipient')).toContainText(recipient)
    await expect(review.getByTestId('imported-total')).toContainText('3.00 ETH')
    await expect(review.getByTestId('approval-message')).toContainText('3 ETH to 1 recipient')
    await review.getByTestId('imported-path').fill(BORIS_PATH)
    await review.getByTestId('approve-imported').click()
    await expect(review.getByTestId('imported-signed')).toContainText(borisAddress, { timeout: DEVICE_TIMEOUT })
    const approvalFile = await downloadOf(page, () => review.getByTestId('export-approval').click())
    expect(approvalFile.name).toBe(`${id}-approval.json`)

    // Back on the creator's desktop: the signature in the file is checked and the payout moves on.
    await creator.getByTestId('import-approval-input').setInputFiles(approvalFile)
    await expect(creator.getByTestId('status-badge')).toHaveText('In progress')
    const approvals = creator.getByTestId('approval-section').getByTestId('approval-row')
    await expect(approvals).toHaveCount(1)
    await expect(approvals.getByTestId('approval-signer')).toHaveText(borisAddress)
  } finally {
    await manager.close()
  }
})
