// Runs in: Playwright test runner. Whoever sits at the desk edits the SQLite file while the app
// runs, and the app says what it found before anyone reaches for the device: rows changed after
// Boris approved them (approval_not_verified), a paid payout whose transactions were deleted from
// the journal and its rows queued again (journal_incomplete), a paid row queued again after its
// transaction's link was moved to another row (journal_altered), and the team policy deleted
// (policy_chain_broken, when submitting), and the file put back from a copy taken before a payment
// (unrecorded_sends: the chain shows the transaction that paid). Nothing is sent, each recipient
// holds exactly what was approved, and the history records each refused payment.
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { getAddress, Wallet } from 'ethers'
import type { Page } from '@playwright/test'
import { test, expect } from '../harness/fixtures'
import { ANA_PATH, BORIS_PATH, adoptPolicy, openHash, submitAcknowledged, submitThroughDialog } from '../harness/policy'
import { shot } from '../harness/shots'
import { DATABASE_FILE } from '../../src/main/treasury'
import type { AppUnderTest } from '../harness/launch'
import type { DevNetwork } from '../../src/test/devNetwork'

const NATIVE = '31337:native'
const ETHER = 10n ** 18n
/** Device round trips and confirmations on a loaded machine: generous, never a timing assertion. */
const DEVICE_TIMEOUT = 30_000
const FLOW_TIMEOUT = 180_000

const freshAddress = (): string => getAddress(Wallet.createRandom().address)

/** The desk's own database file, edited the way anyone holding it could: a second connection. */
function editDatabase(app: AppUnderTest, edit: (db: Database.Database) => void): void {
  const db = new Database(join(app.dataDir, DATABASE_FILE))
  try {
    db.pragma('foreign_keys = OFF')
    edit(db)
  } finally {
    db.close()
  }
}

async function deviceReady(app: AppUnderTest): Promise<void> {
  await expect(app.page.getByTestId('device-panel')).toContainText('Ready — Ethereum app', { timeout: 20_000 })
}

/** How many payments of the payout were refused, by its history. */
async function refusalsOnRecord(app: AppUnderTest, id: string): Promise<number> {
  const detail = await app.call('getPayout', { id })
  if (!detail.ok) throw new Error(detail.error.message)
  return detail.value.timeline.filter((t) => t.action === 'payment_refused').length
}

/** Once the device is ready: Ana prepares, Boris approves, one approval per payout. */
async function adoptTeamPolicy(app: AppUnderTest & { readonly network: DevNetwork }): Promise<void> {
  await deviceReady(app)
  await adoptPolicy(
    app,
    [
      { name: 'Ana', path: ANA_PATH, approver: false },
      { name: 'Boris', path: BORIS_PATH, approver: true }
    ],
    { threshold: 1 }
  )
}

async function createSingle(app: AppUnderTest, recipient: string, amount: string): Promise<string> {
  const created = await app.call('createPayout', {
    kind: 'single',
    assetId: NATIVE,
    description: 'Consultant fee',
    recipients: [{ address: recipient, amount, name: 'Consultant' }]
  })
  if (!created.ok) throw new Error(created.error.message)
  return created.value.id
}

/** Submitted without a team policy, paid one transaction per row, and shown Completed. */
async function paidPayout(
  app: AppUnderTest,
  recipients: ReadonlyArray<{ address: string; amount: string; name: string }>
): Promise<{ id: string; signed: readonly string[] }> {
  const created = await app.call('createPayout', {
    kind: recipients.length === 1 ? 'single' : 'mass',
    assetId: NATIVE,
    description: recipients.length === 1 ? 'Consultant fee' : 'Referral fees',
    recipients: [...recipients]
  })
  if (!created.ok) throw new Error(created.error.message)
  const id = created.value.id
  await submitAcknowledged(app, id, { accountPath: null })
  const paid = await app.call('executePayout', { id, accountPath: ANA_PATH, plan: 'per_recipient' })
  if (!paid.ok) throw new Error(paid.error.message)
  await openHash(app.page, `#/payouts/${id}`)
  await expect(app.page.getByTestId('status-badge')).toHaveText('Completed', { timeout: DEVICE_TIMEOUT })
  return { id, signed: paid.value.signed }
}

/** Opens the payout afresh (the edit happened behind the screen) and asks for the payment review. */
async function reviewRefused(page: Page, id: string, code: string) {
  await page.reload()
  await openHash(page, `#/payouts/${id}`)
  await expect(page.getByTestId('status-badge')).toHaveText('In progress')
  const pay = page.getByTestId('pay-section')
  await pay.getByTestId('review-payout').click()
  const alert = pay.getByTestId('error-alert')
  await expect(alert).toHaveAttribute('data-code', code, { timeout: DEVICE_TIMEOUT })
  await expect(pay.getByTestId('quote')).toHaveCount(0)
  await expect(pay.getByTestId('sign-and-send')).toHaveCount(0)
  return alert
}

test('rows changed in the database after approval: the payment review refuses and says why', async ({ chainApp }) => {
  test.setTimeout(FLOW_TIMEOUT)
  const page = chainApp.page
  await adoptTeamPolicy(chainApp)
  const recipient = freshAddress()
  const id = await createSingle(chainApp, recipient, '0.25')
  await openHash(page, `#/payouts/${id}`)
  await submitThroughDialog(page, { accountPath: ANA_PATH })
  const section = page.getByTestId('approval-section')
  await section.getByTestId('approve-path').fill(BORIS_PATH)
  await section.getByTestId('approve-on-ledger').click()
  await expect(page.getByTestId('status-badge')).toHaveText('In progress', { timeout: DEVICE_TIMEOUT })

  // Boris approved 0.25 ETH; the file now says 25.
  editDatabase(chainApp, (db) =>
    db
      .prepare("UPDATE payout_items SET amount = ?, amount_input = '25' WHERE payout_id = ?")
      .run((25n * ETHER).toString(), id)
  )

  const alert = await reviewRefused(page, id, 'approval_not_verified')
  // The submitter's signature is checked first: Ana did not sign these rows either.
  await expect(alert).toContainText(
    `it is not signed by Ana (${chainApp.network.emulator.addressOf(ANA_PATH)}) as it is now`
  )
  await expect(alert).toContainText('submit its rows again as a new payout')
  // The approval section no longer counts Boris's signature: it covered other contents.
  await expect(section.getByTestId('approval-count')).toHaveText('0 of 1')
  await shot(page, 'pay-refused-rows-changed-after-approval', alert)

  expect(await chainApp.network.chain.provider.getBalance(recipient)).toBe(0n)
  expect(await refusalsOnRecord(chainApp, id)).toBe(1)
})

test('a paid payout queued again after its transactions left the journal: the review refuses, naming them', async ({
  chainApp
}) => {
  test.setTimeout(FLOW_TIMEOUT)
  const page = chainApp.page
  await deviceReady(chainApp)
  const recipient = freshAddress()
  const { id, signed } = await paidPayout(chainApp, [{ address: recipient, amount: '0.5', name: 'Consultant' }])
  const [hash] = signed

  editDatabase(chainApp, (db) => {
    db.prepare('DELETE FROM transaction_items WHERE payout_id = ?').run(id)
    db.prepare('DELETE FROM transactions WHERE payout_id = ?').run(id)
    db.prepare("UPDATE payout_items SET status = 'queued', tx_hash = NULL, failure = NULL WHERE payout_id = ?").run(id)
    db.prepare("UPDATE payouts SET status = 'in_progress' WHERE id = ?").run(id)
  })

  const alert = await reviewRefused(page, id, 'journal_incomplete')
  await expect(alert).toContainText(`a transaction that this app's payment journal no longer holds: ${hash}`)
  await expect(alert).toContainText('before paying anything')
  await shot(page, 'pay-refused-journal-incomplete', alert)

  expect(await chainApp.network.chain.provider.getBalance(recipient)).toBe(ETHER / 2n)
  expect(await refusalsOnRecord(chainApp, id)).toBe(1)
})

test('a paid row queued again after its link to the transaction that paid it was moved to another row: the review refuses', async ({
  chainApp
}) => {
  test.setTimeout(FLOW_TIMEOUT)
  const page = chainApp.page
  await deviceReady(chainApp)
  const [first, second] = [freshAddress(), freshAddress()]
  const { id, signed } = await paidPayout(chainApp, [
    { address: first, amount: '0.25', name: 'Referrer one' },
    { address: second, amount: '0.3', name: 'Referrer two' }
  ])
  const [hash] = signed

  // Row 1's transaction now claims to have paid row 2; row 1 is queued as if never paid.
  editDatabase(chainApp, (db) => {
    db.prepare('UPDATE transaction_items SET row = 2 WHERE tx_hash = ?').run(hash)
    db.prepare(
      "UPDATE payout_items SET status = 'queued', tx_hash = NULL, failure = NULL WHERE payout_id = ? AND row = 1"
    ).run(id)
    db.prepare("UPDATE payouts SET status = 'in_progress' WHERE id = ?").run(id)
  })

  const alert = await reviewRefused(page, id, 'journal_altered')
  await expect(alert).toContainText(
    `its payment 1 (0.25 ETH to ${first}) is linked to row 2, which pays 0.30 ETH to ${second}`
  )
  await expect(alert).toContainText('before paying anything')
  await shot(page, 'pay-refused-journal-altered', alert)

  expect(await chainApp.network.chain.provider.getBalance(first)).toBe(ETHER / 4n)
  expect(await refusalsOnRecord(chainApp, id)).toBe(1)
})

test("a paid row's recipient rewritten after it was paid: the payout's screen and its report say what the transaction paid", async ({
  chainApp
}) => {
  test.setTimeout(FLOW_TIMEOUT)
  const page = chainApp.page
  await deviceReady(chainApp)
  const [first, second, other] = [freshAddress(), freshAddress(), freshAddress()]
  const { id } = await paidPayout(chainApp, [
    { address: first, amount: '0.25', name: 'Referrer one' },
    { address: second, amount: '0.3', name: 'Referrer two' }
  ])
  await expect(page.getByTestId('detail-paid-rows')).toHaveText('All 2 match what was paid')
  await expect(page.getByTestId('paid-rows-notice')).toHaveCount(0)
  // In a 1,280 px window the check reads on one line.
  await page.setViewportSize({ width: 1280, height: 800 })
  const lines = await page.getByTestId('detail-paid-rows').evaluate((el) => {
    const range = document.createRange()
    range.selectNodeContents(el)
    return range.getClientRects().length
  })
  expect(lines).toBe(1)

  // Row 2 now says its money went to someone else, as if they had been paid.
  editDatabase(chainApp, (db) => {
    db.prepare('UPDATE payout_items SET address = ?, address_input = ? WHERE payout_id = ? AND row = 2').run(
      other,
      other,
      id
    )
  })
  await openHash(page, '#/payouts')
  await openHash(page, `#/payouts/${id}`)
  const notice = page.getByTestId('paid-rows-notice')
  await expect(notice).toContainText('1 of 2 paid rows does not show what was paid')
  await expect(notice.getByTestId('paid-row-mismatches-row')).toHaveText(
    new RegExp(
      `^Row 2, marked paid by .*: its payment 1 sent 0\\.30 ETH to ${second}; the row now says 0\\.30 ETH to ${other}\\.$`
    )
  )
  await expect(page.getByTestId('detail-paid-rows')).toHaveText('1 of 2 differ from what was paid')
  const marks = page.getByTestId('recipient-row').getByTestId('recipient-paid-differs')
  await expect(marks).toHaveCount(1)
  await expect(page.getByTestId('recipient-row').nth(1).getByTestId('recipient-paid-differs')).toBeVisible()
  await shot(page, 'paid-row-rewritten', notice)

  await openHash(page, `#/payouts/${id}/report`)
  await expect(page.getByTestId('payout-report').getByTestId('paid-rows-notice')).toContainText(
    `the row now says 0.30 ETH to ${other}`
  )
  await expect(page.getByTestId('report-row').nth(1).getByTestId('report-paid-differs')).toHaveAttribute(
    'title',
    `its payment 1 sent 0.30 ETH to ${second}; the row now says 0.30 ETH to ${other}`
  )
  await expect(page.getByTestId('report-paid-differs')).toHaveCount(1)
  // No file carries the rewritten row as a payment.
  await page.getByTestId('report-csv').click()
  await expect(page.getByText('The report was not written: row 2 of payout')).toBeVisible()
})

test('the team policy deleted from the database: submitting is refused, saying to import the team file', async ({
  chainApp
}) => {
  test.setTimeout(FLOW_TIMEOUT)
  const page = chainApp.page
  await adoptTeamPolicy(chainApp)
  const id = await createSingle(chainApp, freshAddress(), '0.25')
  // With no policy stored, nothing would need approval.
  editDatabase(chainApp, (db) =>
    db.exec(
      'DROP TRIGGER policy_versions_are_append_only_delete; DELETE FROM policy_signatures; DELETE FROM policy_versions;'
    )
  )
  await page.reload()
  await openHash(page, `#/payouts/${id}`)
  await expect(page.getByTestId('status-badge')).toHaveText('Draft')
  await page.getByTestId('submit-payout').click()
  const dialog = page.getByTestId('submit-dialog')
  const alert = dialog.getByTestId('error-alert')
  await expect(alert).toHaveAttribute('data-code', 'policy_chain_broken', { timeout: DEVICE_TIMEOUT })
  await expect(alert).toContainText('so no policy would be in force')
  await expect(alert).toContainText("until the team's policy file is imported")
  await shot(page, 'submit-refused-policy-deleted', alert)
  await expect(dialog.getByTestId('submit-confirm')).toHaveCount(0)
  const detail = await chainApp.call('getPayout', { id })
  expect(detail.ok && detail.value.status).toBe('draft')
})

test('the data file put back from a copy taken before a payment: the review names the transaction that paid, and a statement is asked before paying', async ({
  chainApp
}) => {
  test.setTimeout(FLOW_TIMEOUT)
  const page = chainApp.page
  await deviceReady(chainApp)
  const recipient = freshAddress()
  const id = await createSingle(chainApp, recipient, '0.5')
  await submitAcknowledged(chainApp, id, { accountPath: null })
  // The backup: SQLite's own online copy, taken while the app runs, before the payment.
  const live = join(chainApp.dataDir, DATABASE_FILE)
  const copy = join(chainApp.dataDir, 'before-payment.sqlite')
  const source = new Database(live, { readonly: true })
  try {
    await source.backup(copy)
  } finally {
    source.close()
  }
  const paid = await chainApp.call('executePayout', { id, accountPath: ANA_PATH, plan: 'per_recipient' })
  if (!paid.ok) throw new Error(paid.error.message)
  const [hash] = paid.value.signed
  await openHash(page, `#/payouts/${id}`)
  await expect(page.getByTestId('status-badge')).toHaveText('Completed', { timeout: DEVICE_TIMEOUT })

  // The copy is put back in place of the file, and the app opened on it: the payment is not recorded there.
  const restored = new Database(copy, { readonly: true })
  try {
    await restored.backup(live)
  } finally {
    restored.close()
  }
  await chainApp.restart()
  const reopened = chainApp.page
  const alert = await reviewRefused(reopened, id, 'unrecorded_sends')
  const payer = chainApp.network.emulator.addressOf(ANA_PATH)
  await expect(alert).toContainText(`this is the first payment this app makes from ${payer}`)
  await expect(alert).toContainText(`Transaction ${hash} (number 0) paid the recipient of row 1 its amount`)
  const statement = reopened.getByTestId('unrecorded-sends')
  await expect(statement).toContainText("with this payout's rows, row 1 first")
  await shot(reopened, 'pay-refused-unrecorded-sends', reopened.getByTestId('review-panel'))
  expect(await chainApp.network.chain.provider.getBalance(recipient)).toBe(ETHER / 2n)
  expect(await refusalsOnRecord(chainApp, id)).toBe(1)

  // Someone looked the account up and says so: the review is asked again, and signing is offered.
  await expect(statement.getByTestId('unrecorded-sends-confirm')).toBeDisabled()
  await statement.getByTestId('unrecorded-sends-sure').check()
  await statement.getByTestId('unrecorded-sends-confirm').click()
  await expect(reopened.getByTestId('pay-section').getByTestId('quote')).toBeVisible({ timeout: DEVICE_TIMEOUT })
  await expect(reopened.getByTestId('unrecorded-sends')).toHaveCount(0)
  await expect(reopened.locator('[data-testid="timeline-entry"][data-action="account_history_checked"]')).toContainText(
    `signed by ${payer}: its transactions up to number 0`
  )
  await expect(reopened.getByTestId('pay-section').getByTestId('error-alert')).toHaveCount(0)
})
