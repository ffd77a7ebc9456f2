// Runs in: Playwright test runner. Four-eyes control through the real UI on a local chain with the
// emulated Ledger (auto-approve; each person is an account of it: Ana 0, Boris 1). Under the team's
// signed policy, Ana submits a payout signed on her Ledger and it waits as Pending, showing her as
// submitter, the paying account and the warning she acknowledged; Boris approves on his Ledger and
// it goes In progress; a second payout is rejected with a reason Boris signs and ends Cancelled;
// the audit log verifies with its anchors; the report and history name who signed. An approval
// also travels by file to a second desk that first adopts the team's policy from its file.
import { getAddress, Wallet } from 'ethers'
import { test, expect } from '../harness/fixtures'
import { electronBinary } from '../harness/electronBinary'
import { downloadOf } from '../harness/download'
import { launchApp } from '../harness/launch'
import { ANA_PATH, BORIS_PATH, adoptPolicy, openHash, submitAcknowledged, submitThroughDialog } from '../harness/policy'

const NATIVE = '31337:native'
/** Device round trips on a loaded machine: generous, never a timing assertion. */
const DEVICE_TIMEOUT = 30_000
/** A local chain, one or two apps and several device round trips: more than the default on a loaded 2-core machine. */
const FLOW_TIMEOUT = 180_000

const freshAddress = (): string => getAddress(Wallet.createRandom().address)
const TEAM = [
  { name: 'Ana', path: ANA_PATH, approver: false },
  { name: 'Boris', path: BORIS_PATH, approver: true }
]

test('a signed submission waits for Boris, who approves on his Ledger; the report and history name who signed', async ({
  chainApp
}) => {
  test.setTimeout(FLOW_TIMEOUT)
  const page = chainApp.page
  const ana = chainApp.network.emulator.addressOf(ANA_PATH)
  const boris = chainApp.network.emulator.addressOf(BORIS_PATH)
  await expect(page.getByTestId('device-panel')).toContainText('Ready — Ethereum app', { timeout: 20_000 })
  await adoptPolicy(chainApp, TEAM, { threshold: 1 })

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

  // Ana submits, signed on her Ledger, naming the account that will pay (her own account 0).
  await submitThroughDialog(page, { accountPath: ANA_PATH }, async (confirm) => {
    await expect(confirm.getByTestId('submit-approval')).toContainText(
      'It waits for 1 approval (team policy version 1)'
    )
    await expect(confirm.getByTestId('submit-payer').getByTestId('payer-address')).toHaveText(ana)
  })
  await expect(page.getByTestId('status-badge')).toHaveText('Pending')

  const section = page.getByTestId('approval-section')
  await expect(section.getByTestId('approval-count')).toHaveText('0 of 1')
  await expect(section.getByTestId('submitted-by')).toContainText('Ana')
  await expect(section.getByTestId('submitter-address')).toHaveAttribute('data-address', ana)
  await expect(section.getByTestId('payer-address-approved')).toHaveAttribute('data-address', ana)
  await expect(section.getByTestId('submission-policy')).toContainText('Version 1')
  await expect(section.getByTestId('acknowledgement')).toHaveText(['First payment to these addresses: row 1'])
  await expect(section.getByTestId('can-still-approve')).toContainText('Boris')
  const digest = await section.getByTestId('approval-digest').getAttribute('data-digest')
  expect(digest).toMatch(/^0x[0-9a-f]{64}$/)

  // Ana cannot approve her own payout, whatever account she uses: main refuses, the section says why.
  await section.getByTestId('approve-path').fill(ANA_PATH)
  await section.getByTestId('approve-on-ledger').click()
  await expect(section.getByTestId('error-alert')).toHaveAttribute('data-code', 'approval_by_creator', {
    timeout: DEVICE_TIMEOUT
  })

  // Boris approves on his Ledger (account 1): the payout moves to In progress with his approval listed.
  await section.getByTestId('approve-path').fill(BORIS_PATH)
  await section.getByTestId('approve-on-ledger').click()
  await expect(page.getByTestId('status-badge')).toHaveText('In progress', { timeout: DEVICE_TIMEOUT })
  const approvals = page.getByTestId('approval-section').getByTestId('approval-row')
  await expect(approvals).toHaveCount(1)
  await expect(approvals.getByTestId('approval-name')).toHaveText('Boris')
  await expect(approvals.getByTestId('approval-signer')).toHaveText(boris)
  const review = await chainApp.call('getApprovalReview', { id })
  if (!review.ok) throw new Error(review.error.message)
  const signature = review.value.approvals[0]?.signature ?? ''
  expect(signature).toMatch(/^0x[0-9a-f]{130}$/i)

  // The history names the signers from the roster, with the address each signed with.
  const submitted = page.locator('[data-testid="timeline-entry"][data-action="submitted"]')
  await expect(submitted.getByTestId('timeline-actor')).toContainText('Ana')
  await expect(submitted.getByTestId('timeline-actor-address')).toHaveAttribute('data-address', ana)
  const approved = page.locator('[data-testid="timeline-entry"][data-action="approved"]')
  await expect(approved.getByTestId('timeline-actor-address')).toHaveAttribute('data-address', boris)
  await expect(
    page.locator('[data-testid="timeline-entry"][data-action="created"]').getByTestId('timeline-actor')
  ).toHaveAttribute('data-signed', 'false')

  // The printable report: recipient, submitter, acknowledgement and Boris's signature.
  await page.getByTestId('open-report').click()
  await expect(page).toHaveURL(new RegExp(`#/payouts/${id}/report$`))
  const report = page.getByTestId('payout-report')
  await expect(report.getByTestId('report-address')).toHaveText([recipient])
  await expect(report.getByTestId('report-status')).toHaveText('In progress')
  await expect(report.getByTestId('submitted-by')).toContainText('Ana')
  await expect(report.getByTestId('acknowledgement')).toHaveText(['First payment to these addresses: row 1'])
  await expect(report.getByTestId('report-approval')).toContainText('Boris')
  await expect(report.getByTestId('report-signature')).toHaveText([signature])
})

test('an approver rejects with a reason signed on his Ledger: the payout is cancelled and the audit log verifies', async ({
  chainApp
}) => {
  test.setTimeout(FLOW_TIMEOUT)
  const page = chainApp.page
  const boris = chainApp.network.emulator.addressOf(BORIS_PATH)
  await expect(page.getByTestId('device-panel')).toContainText('Ready — Ethereum app', { timeout: 20_000 })
  await adoptPolicy(chainApp, TEAM, { threshold: 1 })
  const created = await chainApp.call('createPayout', {
    kind: 'single',
    assetId: NATIVE,
    description: 'Duplicate invoice',
    recipients: [{ address: freshAddress(), amount: '1' }]
  })
  if (!created.ok) throw new Error(created.error.message)
  const id = created.value.id
  await submitAcknowledged(chainApp, id, {
    accountPath: ANA_PATH,
    payerAddress: chainApp.network.emulator.addressOf(ANA_PATH)
  })
  await openHash(page, `#/payouts/${id}`)
  await expect(page.getByTestId('status-badge')).toHaveText('Pending')

  await page.getByTestId('reject-payout').click()
  const dialog = page.getByTestId('reject-dialog')
  await dialog.getByTestId('confirm-reject').click()
  await expect(dialog).toContainText('Say why')
  await dialog.getByTestId('reject-reason').fill('Invoice already paid in March')
  await dialog.getByTestId('reject-path').fill(BORIS_PATH)
  await dialog.getByTestId('confirm-reject').click()
  await expect(page.getByTestId('status-badge')).toHaveText('Cancelled', { timeout: DEVICE_TIMEOUT })
  const rejection = page.getByTestId('rejection')
  await expect(rejection).toContainText('Rejected by Boris')
  await expect(rejection.getByTestId('rejection-reason')).toHaveText('“Invoice already paid in March”')
  await expect(rejection).toContainText(boris)
  const rejected = page.locator('[data-testid="timeline-entry"][data-action="rejected"]')
  await expect(rejected).toContainText('Invoice already paid in March')
  await expect(rejected.getByTestId('timeline-actor-address')).toHaveAttribute('data-address', boris)

  // The hash chain holds and every statement signed here still matches the log it anchored to.
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('verify-audit-log').click()
  await expect(page.getByTestId('audit-result')).toHaveAttribute('data-ok', 'true')
  await expect(page.getByTestId('audit-result')).toContainText('signed statements checked against the log')
})

test('an approval travels by file: the manager desk adopts the team policy from its file, signs, and the approval is imported back', async ({
  chainApp,
  browser
}) => {
  test.setTimeout(FLOW_TIMEOUT)
  const creator = chainApp.page
  const boris = chainApp.network.emulator.addressOf(BORIS_PATH)
  await expect(creator.getByTestId('device-panel')).toContainText('Ready — Ethereum app', { timeout: 20_000 })
  await adoptPolicy(chainApp, TEAM, { threshold: 1 })
  const recipient = freshAddress()
  const created = await chainApp.call('createPayout', {
    kind: 'single',
    assetId: NATIVE,
    description: 'Office rent',
    recipients: [{ address: recipient, amount: '3', reference: 'INV-7' }]
  })
  if (!created.ok) throw new Error(created.error.message)
  const id = created.value.id
  await submitAcknowledged(chainApp, id, {
    accountPath: ANA_PATH,
    payerAddress: chainApp.network.emulator.addressOf(ANA_PATH)
  })

  await openHash(creator, '#/settings')
  const policyFile = await downloadOf(creator, () => creator.getByTestId('export-policy').click())
  await openHash(creator, `#/payouts/${id}`)
  await expect(creator.getByTestId('status-badge')).toHaveText('Pending')
  const requestFile = await downloadOf(creator, () => creator.getByTestId('export-for-approval').click())
  expect(requestFile.name).toBe(`${id}-approval-request.json`)

  // The manager's desk: its own data folder, the same local chain and emulated Ledger.
  const manager = await launchApp(electronBinary().path === null ? browser : null, {
    devNetwork: chainApp.network,
    hash: '#/approvals'
  })
  // Closed at the end: both apps share the emulated Ledger, and closing one disconnects it.
  try {
    const page = manager.page
    // Without the team's policy the request cannot be checked: the desk says to import it first.
    await page.getByTestId('import-request-input').setInputFiles(requestFile)
    await expect(page.getByTestId('error-alert')).toHaveAttribute('data-code', 'policy_adopt_confirm')
    await openHash(page, '#/settings')
    await page.getByTestId('import-policy-input').setInputFiles(policyFile)
    await expect(page.getByTestId('adopt-member')).toHaveCount(2)
    await page.getByTestId('adopt-confirm').click()
    await expect(page.getByTestId('policy-in-force')).toHaveAttribute('data-sequence', '1')

    await openHash(page, '#/approvals')
    await expect(page.getByTestId('no-requests')).toBeVisible()
    await page.getByTestId('import-request-input').setInputFiles(requestFile)
    const review = page.getByTestId('imported-review')
    await expect(review).toBeVisible()
    await expect(review.getByTestId('imported-recipient')).toHaveCount(1)
    await expect(review.getByTestId('imported-recipient')).toContainText(recipient)
    await expect(review.getByTestId('imported-total')).toContainText('3.00 ETH')
    await expect(review.getByTestId('submitted-by')).toContainText('Ana')
    await expect(review.getByTestId('acknowledgement')).toHaveText(['First payment to these addresses: row 1'])
    await expect(review.getByTestId('imported-approvers')).toContainText('1 of the approvers of version 1: Boris')
    await expect(review.getByTestId('approval-message')).toContainText('3 ETH to 1 recipient')
    await review.getByTestId('imported-path').fill(BORIS_PATH)
    await review.getByTestId('approve-imported').click()
    await expect(review.getByTestId('imported-signed')).toContainText(boris, { timeout: DEVICE_TIMEOUT })
    const approvalFile = await downloadOf(page, () => review.getByTestId('export-approval').click())
    expect(approvalFile.name).toBe(`${id}-approval.json`)

    // Back on the submitting desk: the signature in the file is checked and the payout moves on.
    await creator.getByTestId('import-approval-input').setInputFiles(approvalFile)
    await expect(creator.getByTestId('status-badge')).toHaveText('In progress')
    const approvals = creator.getByTestId('approval-section').getByTestId('approval-row')
    await expect(approvals).toHaveCount(1)
    await expect(approvals.getByTestId('approval-signer')).toHaveText(boris)
  } finally {
    await manager.close()
  }
})
