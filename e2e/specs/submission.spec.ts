// Runs in: Playwright test runner. Nothing flagged leaves Draft without someone saying so, through
// the real UI on a local chain with the emulated Ledger (Ana 0 submits; Boris 1 and Chen 2
// approve, two needed). A registry with the same address twice (1,500 and 75 TUSD to John Smith)
// and two addresses without a checksum is submitted: the confirmation lists each kind with its
// rows, Submit stays disabled until every kind is ticked, and the approver sees what was
// acknowledged. Editing a payout waiting for approval asks first and returns it to Draft, from the
// single payout form and from the grid editor.
import { getAddress, Wallet } from 'ethers'
import { test, expect } from '../harness/fixtures'
import { cell, editCell, expectSaved } from '../harness/grid'
import { ANA_PATH, BORIS_PATH, CHEN_PATH, adoptPolicy, openHash, submitAcknowledged } from '../harness/policy'
import { shot } from '../harness/shots'

const LOCAL = 31337
/** Device round trips on a loaded machine: generous, never a timing assertion. */
const DEVICE_TIMEOUT = 30_000
const FLOW_TIMEOUT = 180_000
const TEAM = [
  { name: 'Ana', path: ANA_PATH, approver: false },
  { name: 'Boris', path: BORIS_PATH, approver: true },
  { name: 'Chen', path: CHEN_PATH, approver: true }
]
const fresh = (): string => getAddress(Wallet.createRandom().address)

test('warnings are listed by kind, each acknowledged before Submit, and shown to the approver', async ({
  chainApp
}) => {
  test.setTimeout(FLOW_TIMEOUT)
  const page = chainApp.page
  await expect(page.getByTestId('device-panel')).toContainText('Ready — Ethereum app', { timeout: 20_000 })
  await adoptPolicy(chainApp, TEAM, { threshold: 2 })
  const assets = await chainApp.call('listAssets', { chainId: LOCAL })
  const tusd = assets.ok ? assets.value.find((a) => a.symbol === 'TUSD') : undefined
  expect(tusd, 'TUSD on the local network is in the catalogue').toBeDefined()
  const john = fresh()
  const created = await chainApp.call('createPayout', {
    kind: 'mass',
    assetId: tusd!.id,
    description: 'April payroll',
    recipients: [
      { address: john, amount: '1500', name: 'John Smith' },
      { address: john, amount: '75', name: 'John Smith' },
      { address: fresh().toLowerCase(), amount: '320', name: 'Maria Lopez' },
      { address: fresh().toLowerCase(), amount: '410', name: 'Kim Park' }
    ]
  })
  if (!created.ok) throw new Error(created.error.message)
  const id = created.value.id
  await openHash(page, `#/payouts/${id}`)
  await expect(page.getByTestId('status-badge')).toHaveText('Draft')

  await page.getByTestId('submit-payout').click()
  const dialog = page.getByTestId('submit-dialog')
  const rowsOf = (kind: string) =>
    dialog.locator(`[data-testid="submit-warning"][data-kind="${kind}"]`).getByTestId('submit-warning-rows')
  await expect(dialog.getByTestId('submit-total')).toHaveText('2,305.00 TUSD')
  await expect(dialog.getByTestId('submit-warning-title')).toHaveText([
    'Same address on several rows',
    'Addresses without a checksum',
    'First payment to these addresses'
  ])
  await expect(rowsOf('duplicate_address')).toHaveAttribute('data-rows', '1,2')
  await expect(rowsOf('no_checksum')).toHaveAttribute('data-rows', '3,4')
  await expect(rowsOf('first_payment')).toHaveAttribute('data-rows', '1,2,3,4')
  await expect(dialog.getByTestId('submit-approval')).toContainText('It waits for 2 approvals (team policy version 1)')
  await expect(dialog.getByTestId('submit-payer').getByTestId('payer-address')).toHaveText(
    chainApp.network.emulator.addressOf(ANA_PATH)
  )
  await expect(dialog.getByTestId('submit-signer-name')).toHaveText('Signs as Ana (team policy).')
  await shot(page, 'submit-dialog-warnings', dialog.getByTestId('submit-warnings'))
  const submit = dialog.getByTestId('submit-confirm')
  for (const kind of ['duplicate_address', 'no_checksum', 'first_payment']) {
    await expect(submit).toBeDisabled()
    await dialog.getByTestId(`ack-${kind}`).check()
  }
  await expect(dialog.getByTestId('submit-blockers')).toHaveCount(0)
  await expect(submit).toBeEnabled()
  await shot(page, 'submit-dialog-ready', submit)
  await submit.click()
  await expect(page.getByTestId('status-badge')).toHaveText('Pending', { timeout: DEVICE_TIMEOUT })

  // The approver's desk: the waiting payout is listed and opened in place, with what was acknowledged.
  await openHash(page, '#/approvals')
  await page.locator(`[data-testid="local-pending-row"][data-payout-id="${id}"]`).getByTestId('open-local').click()
  const review = page.getByTestId('local-review')
  await expect(review.getByTestId('acknowledgement')).toHaveText([
    'Same address on several rows: rows 1, 2',
    'Addresses without a checksum: rows 3, 4',
    'First payment to these addresses: rows 1–4'
  ])
  await expect(review.getByTestId('submitted-by')).toContainText('Ana')
  await review.getByTestId('approve-path').fill(BORIS_PATH)
  await review.getByTestId('approve-on-ledger').click()
  await expect(review.getByTestId('approval-count')).toHaveText('1 of 2', { timeout: DEVICE_TIMEOUT })
  await shot(page, 'approval-section', review.getByTestId('approval-section'))

  // An edit in the grid asks first, then returns the payout to Draft and voids Boris's approval.
  await openHash(page, `#/payouts/${id}/edit`)
  await expect(cell(page, 1, 'amount')).toHaveText('75.00')
  await editCell(page, 1, 'amount', '80')
  const ask = page.getByTestId('reopen-dialog')
  await expect(ask.getByTestId('reopen-question')).toHaveText(
    'This payout is waiting for approval. Editing returns it to Draft and voids 1 approval. Continue?'
  )
  await ask.getByTestId('reopen-confirm').click()
  await expectSaved(page)
  await openHash(page, `#/payouts/${id}`)
  await expect(page.getByTestId('status-badge')).toHaveText('Draft')
  await expect(page.getByTestId('reopened-reason')).toContainText('Edited after submission')
  await expect(page.getByTestId('approvals-voided')).toContainText('1 approval was voided')
})

test('editing a single payout waiting for approval asks first; saying no keeps it pending and the edit in the form', async ({
  chainApp
}) => {
  test.setTimeout(FLOW_TIMEOUT)
  const page = chainApp.page
  await expect(page.getByTestId('device-panel')).toContainText('Ready — Ethereum app', { timeout: 20_000 })
  await adoptPolicy(chainApp, TEAM, { threshold: 2 })
  const created = await chainApp.call('createPayout', {
    kind: 'single',
    assetId: `${LOCAL}:native`,
    description: 'Design work',
    recipients: [{ address: fresh(), amount: '2' }]
  })
  if (!created.ok) throw new Error(created.error.message)
  const id = created.value.id
  await submitAcknowledged(chainApp, id, {
    accountPath: ANA_PATH,
    payerAddress: chainApp.network.emulator.addressOf(ANA_PATH)
  })
  const approved = await chainApp.call('approvePayout', { id, accountPath: CHEN_PATH })
  expect(approved.ok && approved.value.approvals.length).toBe(1)

  await openHash(page, `#/payouts/${id}`)
  await expect(page.getByTestId('status-badge')).toHaveText('Pending')
  await page.getByTestId('edit-payout').click()
  await expect(page.getByTestId('edit-pending-notice')).toBeVisible()
  await page.getByTestId('field-amount').fill('2.5')
  await page.getByTestId('save-draft').click()
  const ask = page.getByTestId('reopen-dialog')
  await expect(ask.getByTestId('reopen-question')).toContainText('voids 1 approval')
  await ask.getByTestId('reopen-keep').click()
  await expect(page.getByTestId('error-alert')).toHaveAttribute('data-code', 'reopen_confirmation_required')
  await expect(page.getByTestId('field-amount')).toHaveValue('2.5')
  const still = await chainApp.call('getPayout', { id })
  expect(still.ok && [still.value.status, still.value.items[0]?.amount]).toEqual(['pending', '2'])

  await page.getByTestId('save-draft').click()
  await ask.getByTestId('reopen-confirm').click()
  await expect(page).toHaveURL(new RegExp(`#/payouts/${id}$`))
  await expect(page.getByTestId('status-badge')).toHaveText('Draft')
  await expect(page.getByTestId('reopened-notice')).toContainText('Back in Draft')
  await expect(page.getByTestId('reopened-reason')).toContainText('Edited after submission: approvals voided')
  await expect(page.locator('[data-testid="timeline-entry"][data-action="reopened"]')).toHaveCount(1)
  await expect(page.getByTestId('detail-total')).toContainText('2.50 ETH')
})
