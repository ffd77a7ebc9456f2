// Runs in: Playwright test runner. Money moving through the real UI on a fresh local chain with
// the emulated Ledger (auto-approve, blind signing on): a single ETH payout drafted in the form,
// and a 20-row TUSD mass payout, each submitted through the confirmation (first payments
// acknowledged), reviewed (plans, fee, balances), signed and sent with the device's screen shown
// before the device asks, followed to Completed with its transactions listed, and every
// recipient's balance read on chain.
// With mining paused on the node, a waiting transaction is sped up, or cancelled and its row
// retried, from the payment status; the recipient is paid exactly once either way. Behind an
// endpoint that serves no receipt, a paid row needs checking: it is shown with its transaction,
// nothing offers to pay it again, and releasing it takes a reason that the history keeps.
import { getAddress, Wallet } from 'ethers'
import type { Page } from '@playwright/test'
import { test, expect } from '../harness/fixtures'
import type { AppUnderTest } from '../harness/launch'
import { submitAcknowledged, submitThroughDialog } from '../harness/policy'
import { shot } from '../harness/shots'
import type { DevNetwork } from '../../src/test/devNetwork'
import { startRpcFaultProxy } from '../../src/test/rpcFaultProxy'

const LOCAL = 31337
const ETHER = 10n ** 18n
const TUSD_UNIT = 1_000_000n
const MASS_ROWS = 20
/** Payment plus confirmations on a loaded machine: generous, never a timing assertion. */
const SETTLE_TIMEOUT = 45_000

/** A fresh address no one has used, so its balance before the payout is zero. */
const freshAddress = (): string => getAddress(Wallet.createRandom().address)

async function reviewSignAndSend(page: Page, plan: 'batch' | 'per_recipient'): Promise<void> {
  await startSigning(page, plan)
  await finishSigning(page)
}

async function startSigning(page: Page, plan: 'batch' | 'per_recipient'): Promise<void> {
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
  await expect(page.getByTestId('signing-dialog')).toBeVisible()
}

async function finishSigning(page: Page): Promise<void> {
  const dialog = page.getByTestId('signing-dialog')
  await expect(dialog.getByTestId('signing-outcome')).toBeVisible({ timeout: SETTLE_TIMEOUT })
  // What the device showed stays on screen for the last transaction it asked about.
  await expect(dialog.getByTestId('device-screen')).toBeVisible()
  await dialog.getByTestId('signing-close').click()
  await expect(dialog).not.toBeVisible()
}

async function expectCompleted(page: Page, transactions: number): Promise<void> {
  await expect(page.getByTestId('status-badge')).toHaveText('Completed', { timeout: SETTLE_TIMEOUT })
  const status = page.getByTestId('payment-status')
  await expect(status.getByTestId('transaction-row')).toHaveCount(transactions)
  await expect(status.locator('[data-testid="transaction-row"][data-state="confirmed"]')).toHaveCount(transactions, {
    timeout: SETTLE_TIMEOUT
  })
  for (const fee of await status.getByTestId('tx-fee').allTextContents()) expect(fee).toContain('ETH')
  // The local network has no explorer: the full hash is shown, not a link.
  await expect(status.getByTestId('tx-link')).toHaveCount(0)
  for (const hash of await status.getByTestId('tx-hash').allTextContents()) expect(hash).toMatch(/^0x[0-9a-f]{64}$/)
  await expect(page.getByTestId('failed-rows')).toHaveCount(0)
}

test('a single ETH payout is drafted, submitted, reviewed, signed and sent, and ends Completed with its transaction', async ({
  chainApp
}) => {
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
  await expect(page).toHaveURL(/#\/payouts\/PO-[A-Za-z0-9]+$/)
  await expect(page.getByTestId('status-badge')).toHaveText('Draft')

  // No team policy: the confirmation lists the first payment, says no approval is needed, and submits unsigned.
  await page.getByTestId('submit-payout').click()
  const confirm = page.getByTestId('submit-dialog')
  await expect(confirm.getByTestId('submit-approval')).toContainText('No approval needed')
  await expect(
    confirm.locator('[data-testid="submit-warning"][data-kind="first_payment"]').getByTestId('submit-warning-rows')
  ).toHaveAttribute('data-rows', '1')
  await expect(confirm.getByTestId('submit-confirm')).toBeDisabled()
  await confirm.getByTestId('ack-first_payment').check()
  await confirm.getByTestId('submit-confirm').click()
  await expect(page.getByTestId('status-badge')).toHaveText('In progress')

  // The device waits on its screen: the dialog already shows exactly what it displays, before anyone confirms.
  chainApp.network.emulator.setManual(true)
  try {
    await startSigning(page, 'per_recipient')
    const screen = page.getByTestId('signing-dialog').getByTestId('device-screen')
    await expect(screen).toHaveAttribute('data-waiting', 'true', { timeout: SETTLE_TIMEOUT })
    await expect(screen.locator('[data-label="Amount"]')).toContainText('1.5 ETH')
    await expect(screen.locator('[data-label="To"]')).toContainText(recipient)
    await expect(screen.getByTestId('device-screen-check')).toContainText('One transfer')
    await expect(screen.getByTestId('device-screen-check')).not.toContainText('batch')
    expect(chainApp.network.emulator.pendingConfirmation, 'the device is still asking').not.toBeNull()
    await shot(page, 'signing-device-screen')
    expect(chainApp.network.emulator.confirm()).toBe(true)
  } finally {
    chainApp.network.emulator.approveAll()
  }
  await finishSigning(page)
  await expectCompleted(page, 1)
  await expect(page.getByTestId('tally-paid')).toHaveText('1')

  const id = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '')
  const saved = await chainApp.call('getPayout', { id })
  expect(saved.ok && saved.value.items[0]?.txHash).toMatch(/^0x[0-9a-f]{64}$/)
  expect(await chainApp.network.chain.provider.getBalance(recipient)).toBe((3n * ETHER) / 2n)
})

test('a 20-row TUSD mass payout is paid through the UI with the batch plan, every recipient paid on chain', async ({
  chainApp
}) => {
  const page = chainApp.page
  const assets = await chainApp.call('listAssets', { chainId: LOCAL })
  const tusd = assets.ok ? assets.value.find((a) => a.symbol === 'TUSD') : undefined
  expect(tusd, 'TUSD on the local network is in the catalogue').toBeDefined()

  const recipients = Array.from({ length: MASS_ROWS }, (_, i) => ({
    address: freshAddress(),
    amount: `${i + 1}.25`,
    name: `Payee ${i + 1}`
  }))
  const created = await chainApp.call('createPayout', {
    kind: 'mass',
    assetId: tusd!.id,
    description: 'March commissions',
    recipients
  })
  expect(created.ok).toBe(true)
  const id = created.ok ? created.value.id : ''

  await page.evaluate((h) => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = h
  }, `#/payouts/${id}`)
  await expect(page.getByTestId('status-badge')).toHaveText('Draft')
  await submitThroughDialog(page, 'unsigned')
  await expect(page.getByTestId('status-badge')).toHaveText('In progress')

  // The batch plan is proposed for many rows of a token: fewer confirmations than one per recipient.
  const pay = page.getByTestId('pay-section')
  await pay.getByTestId('review-payout').click()
  await expect(pay.locator('[data-testid="plan-row"][data-plan="batch"]')).toContainText('Proposed')
  await expect(pay.getByTestId('quote-total')).toHaveText('215.00 TUSD') // 1.25 + 2.25 + … + 20.25
  await startSigning(page, 'batch')
  const dialog = page.getByTestId('signing-dialog')
  await expect(dialog.getByTestId('signing-outcome')).toBeVisible({ timeout: SETTLE_TIMEOUT })
  // The batch is blind-signed: its hash was shown in groups of four, and the words say it is the batch.
  const screen = dialog.getByTestId('device-screen')
  await expect(screen).toHaveAttribute('data-blind', 'true')
  await expect(screen.getByTestId('device-screen-hash').locator('span')).toHaveCount(16)
  await expect(screen.getByTestId('device-screen-check')).toContainText('This is the batch payment')
  await shot(page, 'signing-batch-blind')
  await dialog.getByTestId('signing-close').click()
  // One approval of exactly the total, then the batch itself.
  await expectCompleted(page, 2)
  await expect(page.locator('[data-testid="transaction-row"][data-purpose="approve"]')).toHaveCount(1)
  await expect(page.getByTestId('tally-paid')).toHaveText(String(MASS_ROWS))

  for (const [i, r] of recipients.entries()) {
    expect(await chainApp.network.chain.tokenBalance(r.address), `row ${i + 1}`).toBe(
      BigInt(i + 1) * TUSD_UNIT + TUSD_UNIT / 4n
    )
  }
})

/** Pauses or resumes anvil's mining on every transaction, so a sent transaction can wait unmined. */
async function setAutomine(url: string, on: boolean): Promise<void> {
  await rpc(url, 'evm_setAutomine', [on])
}

async function rpc(url: string, method: string, params: readonly unknown[]): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params })
  })
  const body = (await response.json()) as { readonly error?: { readonly message: string } }
  if (body.error !== undefined) throw new Error(`${method}: ${body.error.message}`)
}

type ChainApp = AppUnderTest & { readonly network: DevNetwork }

/**
 * A single ETH payout created, submitted and signed through the UI with mining paused, so its
 * transaction waits unmined in the node's pool. Returns the payout's id.
 */
async function sendWithMiningPaused(chainApp: ChainApp, recipient: string): Promise<string> {
  const page = chainApp.page
  await expect(page.getByTestId('device-panel')).toContainText('Ready — Ethereum app', { timeout: 20_000 })
  const created = await chainApp.call('createPayout', {
    kind: 'single',
    assetId: `${LOCAL}:native`,
    description: 'Held in the pool',
    recipients: [{ address: recipient, amount: '1.5' }]
  })
  expect(created.ok).toBe(true)
  const id = created.ok ? created.value.id : ''
  await submitAcknowledged(chainApp, id, { accountPath: null })
  await page.evaluate((h) => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = h
  }, `#/payouts/${id}`)
  await expect(page.getByTestId('status-badge')).toHaveText('In progress')
  await setAutomine(chainApp.network.node.url, false)
  await reviewSignAndSend(page, 'per_recipient')
  const row = page.getByTestId('transaction-row')
  await expect(row).toHaveCount(1)
  await expect(row).toHaveAttribute('data-state', 'broadcast')
  // Sent: the payout as a whole can no longer be cancelled, only this transaction.
  await expect(page.getByTestId('cancel-payout')).toHaveCount(0)
  await expect(page.getByTestId('cancel-after-send-hint')).toBeVisible()
  return id
}

/** Opens the speed-up or cancel dialog of the one transaction still waiting and confirms it. */
async function replaceWaitingTransaction(page: Page, kind: 'speed-up' | 'cancel'): Promise<void> {
  const waiting = page.locator('[data-testid="transaction-row"][data-state="broadcast"]')
  await waiting.getByTestId(`tx-${kind}`).click()
  const dialog = page.getByTestId('replace-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('replace-explanation').first()).toContainText('same nonce')
  await expect(dialog.getByTestId('replace-explanation').last()).toContainText('Ledger')
  // The payer chosen is the account that sent it: nothing blocks signing.
  await expect(dialog.getByTestId('payer-address')).toHaveText(/^0x[0-9a-fA-F]{40}$/)
  await expect(dialog.getByTestId('replace-signer-mismatch')).toHaveCount(0)
  await dialog.getByTestId('replace-confirm').click()
  await expect(dialog).not.toBeVisible({ timeout: SETTLE_TIMEOUT })
  await expect(page.getByTestId('replace-sent')).toBeVisible()
  await expect(page.getByTestId('transaction-row')).toHaveCount(2)
  // Only the newest of the nonce can be acted on.
  await expect(page.getByTestId(`tx-speed-up`)).toHaveCount(1)
}

async function resumeMining(chainApp: ChainApp): Promise<void> {
  await setAutomine(chainApp.network.node.url, true)
  await rpc(chainApp.network.node.url, 'evm_mine', [])
}

test('a transaction waiting unmined is sped up from the payment status; the faster one pays the row once', async ({
  chainApp
}) => {
  const page = chainApp.page
  const recipient = freshAddress()
  try {
    await sendWithMiningPaused(chainApp, recipient)
    await replaceWaitingTransaction(page, 'speed-up')
  } finally {
    await resumeMining(chainApp)
  }
  await expect(page.getByTestId('status-badge')).toHaveText('Completed', { timeout: SETTLE_TIMEOUT })
  await expect(page.locator('[data-testid="transaction-row"][data-state="replaced"]')).toHaveCount(1, {
    timeout: SETTLE_TIMEOUT
  })
  await expect(page.locator('[data-testid="transaction-row"][data-state="confirmed"]')).toHaveCount(1, {
    timeout: SETTLE_TIMEOUT
  })
  await expect(page.getByTestId('tally-paid')).toHaveText('1')
  expect(await chainApp.network.chain.provider.getBalance(recipient)).toBe((3n * ETHER) / 2n)
})

test('a cancelled transaction leaves its row failed with the reason; retrying pays only that row, once', async ({
  chainApp
}) => {
  const page = chainApp.page
  const recipient = freshAddress()
  try {
    await sendWithMiningPaused(chainApp, recipient)
    await replaceWaitingTransaction(page, 'cancel')
  } finally {
    await resumeMining(chainApp)
  }
  await expect(page.getByTestId('status-badge')).toHaveText('Failed', { timeout: SETTLE_TIMEOUT })
  await expect(page.locator('[data-testid="transaction-row"][data-purpose="cancel"]')).toHaveAttribute(
    'data-state',
    'confirmed',
    { timeout: SETTLE_TIMEOUT }
  )
  await expect(page.getByTestId('tally-failed')).toHaveText('1 failed')
  await expect(page.locator('[data-testid="failed-row"][data-row="1"]').getByTestId('failed-reason')).toContainText(
    'cancelled'
  )
  expect(await chainApp.network.chain.provider.getBalance(recipient)).toBe(0n)

  await page.getByTestId('retry-failed').click()
  const dialog = page.getByTestId('retry-dialog')
  await expect(dialog).toContainText('never paid again')
  await dialog.getByTestId('retry-confirm').click()
  await expect(page.getByTestId('status-badge')).toHaveText('In progress')
  await reviewSignAndSend(page, 'per_recipient')
  await expect(page.getByTestId('status-badge')).toHaveText('Completed', { timeout: SETTLE_TIMEOUT })
  await expect(page.getByTestId('tally-paid')).toHaveText('1')
  await expect(page.getByTestId('failed-rows')).toHaveCount(0)
  expect(await chainApp.network.chain.provider.getBalance(recipient)).toBe((3n * ETHER) / 2n)
})

test('behind an endpoint that serves no receipt, the paid row needs checking and is released only with a reason', async ({
  chainApp
}) => {
  const page = chainApp.page
  const recipient = freshAddress()
  const proxy = await startRpcFaultProxy(chainApp.network.node.url)
  try {
    proxy.addFault({
      method: 'eth_getTransactionReceipt',
      mode: 'null_without_forward',
      times: Number.POSITIVE_INFINITY
    })
    expect((await chainApp.call('setEndpoint', { chainId: LOCAL, url: proxy.url })).ok).toBe(true)
    await expect(page.getByTestId('device-panel')).toContainText('Ready — Ethereum app', { timeout: 20_000 })
    const created = await chainApp.call('createPayout', {
      kind: 'single',
      assetId: `${LOCAL}:native`,
      description: 'Behind a lagging endpoint',
      recipients: [{ address: recipient, amount: '1.5' }]
    })
    const id = created.ok ? created.value.id : ''
    expect((await submitAcknowledged(chainApp, id, { accountPath: null })).status).toBe('in_progress')
    await page.evaluate((h) => {
      ;(globalThis as unknown as { location: { hash: string } }).location.hash = h
    }, `#/payouts/${id}`)
    await reviewSignAndSend(page, 'per_recipient')
    // The node makes blocks only with transactions: the judgement waits for one more block.
    const checking = page.getByTestId('needs-check-rows')
    for (let i = 0; i < 60 && !(await checking.isVisible()); i++) {
      await rpc(chainApp.network.node.url, 'evm_mine', [])
      await page.waitForTimeout(250)
    }
    await expect(checking).toContainText('1 row needs checking')
    await expect(page.getByTestId('status-badge')).toHaveText('In progress')
    await expect(page.getByTestId('tally-needs-check')).toHaveText('1 needs checking')
    await expect(page.locator('[data-testid="transaction-row"][data-state="unverified"]')).toHaveCount(1)
    const hash = (await page.getByTestId('check-hash').textContent()) ?? ''
    expect(hash).toMatch(/^0x[0-9a-f]{64}$/)
    // Nothing offers to pay it again.
    await expect(page.getByTestId('review-panel')).toHaveCount(0)
    await expect(page.getByTestId('retry-failed')).toHaveCount(0)
    await expect(page.getByTestId('cancel-payout')).toHaveCount(0)

    await page.getByTestId('confirm-not-paid').click()
    const dialog = page.getByTestId('confirm-not-paid-dialog')
    await expect(dialog).toContainText('paid twice')
    await dialog.getByTestId('confirm-not-paid-submit').click()
    await expect(dialog.getByTestId('not-paid-reason-problem')).toBeVisible()
    await dialog.getByTestId('not-paid-reason').fill('Checked with the recipient: nothing arrived')
    await dialog.getByTestId('confirm-not-paid-submit').click()
    await expect(dialog).not.toBeVisible()
    await expect(page.getByTestId('needs-check-rows')).toHaveCount(0)
    await expect(page.getByTestId('tally-to-send')).toContainText('1 still to send')
    await expect(page.getByTestId('timeline')).toContainText('Checked with the recipient: nothing arrived')
    // The one transaction did pay: the recipient holds the amount once.
    expect(await chainApp.network.chain.provider.getBalance(recipient)).toBe((3n * ETHER) / 2n)
  } finally {
    await proxy.stop()
  }
})
