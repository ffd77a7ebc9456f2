// Runs in: Playwright test runner. A Safe payout across three desks, each its own app on its own
// data folder, sharing one local chain with real Safe 1.4.1 contracts and the emulated Ledger
// (each owner is an account of it: Ana 0, Boris 1, Chen 2). Ana's desk submits a TUSD payout naming
// a 2-of-3 Safe as its paying account, Boris approves it, Ana plans it from the Safe and exports the
// Safe transaction; Boris's and Chen's desks add the Safe, import the
// file, check what it pays, sign on their own Ledger accounts and export signature files; Ana's desk
// imports both, executes, the payout ends Completed with every recipient paid on chain, and the
// report names each owner's signature.
import type { Browser, Page } from '@playwright/test'
import { Wallet, getAddress } from 'ethers'
import { test, expect } from '../harness/fixtures'
import { downloadOf, type DownloadedFile } from '../harness/download'
import { electronBinary } from '../harness/electronBinary'
import { launchApp, type AppUnderTest } from '../harness/launch'
import { ANA_PATH, BORIS_PATH, CHEN_PATH, adoptPolicy, openHash, submitThroughDialog } from '../harness/policy'
import { shot } from '../harness/shots'
import { deploySafeContracts } from '../../src/test/deploySafe'
import type { DevNetwork } from '../../src/test/devNetwork'

const LOCAL = 31337
const LOCAL_NAME = 'Local development'
const TUSD = '31337:0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512'
const TUSD_UNIT = 1_000_000n
/** Device round trips and settlement on a loaded 2-core machine: generous, never a timing assertion. */
const DEVICE_TIMEOUT = 30_000
const SETTLE_TIMEOUT = 45_000
/** Three apps, a local chain and several device round trips. */
const FLOW_TIMEOUT = 300_000

const TEAM = [
  { name: 'Ana', path: ANA_PATH, approver: false },
  { name: 'Boris', path: BORIS_PATH, approver: true },
  { name: 'Chen', path: CHEN_PATH, approver: true }
]

function value<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

/** Adds the Safe in Settings → Treasury accounts, as each desk's user does. */
async function addSafe(page: Page, safe: string): Promise<void> {
  await openHash(page, '#/settings')
  const accounts = page.getByTestId('safe-accounts')
  await accounts.getByTestId('safe-network').selectOption({ label: LOCAL_NAME })
  await accounts.getByTestId('safe-address').fill(safe)
  await accounts.getByRole('button', { name: 'Add Safe' }).click()
  await expect(accounts.getByTestId('safe-account')).toContainText('2 of 3 owners must sign')
}

/**
 * An owner's desk: adopts the team's policy from its file (the roster names the owners), adds the
 * Safe, imports the Safe transaction file, signs it on the owner's own Ledger account and saves the
 * signature file.
 */
async function signAtOwnerDesk(
  browser: Browser,
  network: DevNetwork,
  desk: { readonly name: string; readonly path: string },
  files: { readonly policy: DownloadedFile; readonly transaction: DownloadedFile },
  safe: string,
  opened: AppUnderTest[]
): Promise<DownloadedFile> {
  const app = await launchApp(electronBinary().path === null ? browser : null, {
    devNetwork: network,
    hash: '#/settings'
  })
  // Kept open until the end: the desks share the emulated Ledger, and closing one disconnects it.
  opened.push(app)
  const page = app.page
  await page.getByTestId('import-policy-input').setInputFiles(files.policy)
  await page.getByTestId('adopt-confirm').click()
  await expect(page.getByTestId('policy-in-force')).toHaveAttribute('data-sequence', '1')
  await addSafe(page, safe)

  const accounts = page.getByTestId('safe-accounts')
  await accounts.getByTestId('safe-import-transaction').setInputFiles(files.transaction)
  const tx = accounts.getByTestId('safe-tx')
  await expect(tx).toHaveAttribute('data-state', 'awaiting_signatures')
  await expect(tx).toContainText('Pays 3 recipients: 60.00 TUSD')
  await expect(tx.getByTestId('safe-tx-signatures')).toContainText('0 of 2')
  // The owner reads every row before signing: the desk never saw the payout, the file carries them.
  await expect(tx.getByTestId('safe-tx-recipient')).toHaveCount(3)
  await expect(tx.getByTestId('safe-tx-recipient').nth(2)).toContainText('30.00')

  // The owner signs with their own account of the Ledger, chosen beside the Sign button.
  const signer = accounts.getByTestId('safe-signer')
  await signer.getByTestId('payer-account').selectOption(desk.path)
  await expect(signer.getByTestId('payer-address')).toHaveText(network.emulator.addressOf(desk.path))
  await expect(signer.getByTestId('safe-signer-owner')).toContainText(`${desk.name} is an owner of this Safe`)
  await shot(page, `safe-desks-${desk.name.toLowerCase()}-import`, tx)
  await tx.getByTestId('safe-sign').click()
  await expect(tx.getByTestId('safe-tx-signatures')).toContainText('1 of 2', { timeout: DEVICE_TIMEOUT })
  await expect(tx.locator('.safe-tx__signatures li')).toContainText(desk.name)
  await shot(page, `safe-desks-${desk.name.toLowerCase()}-signed`, tx)
  return downloadOf(page, () => tx.getByTestId('safe-export-signature').click())
}

test('a Safe payout is drafted on one desk, signed on two others by file, executed, and the report names each owner', async ({
  chainApp,
  browser
}) => {
  test.setTimeout(FLOW_TIMEOUT)
  const page = chainApp.page
  const net = chainApp.network
  await expect(page.getByTestId('device-panel')).toContainText('Ready — Ethereum app', { timeout: 20_000 })
  const owners = TEAM.map((m) => net.emulator.addressOf(m.path))
  const safes = await deploySafeContracts(net.chain.deployer, BigInt(LOCAL))
  const safe = await safes.createSafe(owners, 2)
  await net.chain.mintToken(safe, 1_000n * TUSD_UNIT)
  await adoptPolicy(chainApp, TEAM, { threshold: 1 })

  // Ana's desk: the payout is drafted, submitted with the Safe as its paying account and approved by
  // Boris (the team's four-eyes rule), then planned from the Safe and exported for the owners.
  await addSafe(page, safe)
  const policy = await downloadOf(page, () => page.getByTestId('export-policy').click())
  const recipients = [0, 1, 2].map(() => getAddress(Wallet.createRandom().address))
  const created = value(
    await chainApp.call('createPayout', {
      kind: 'mass',
      assetId: TUSD,
      description: 'Contractors, paid from the Safe',
      recipients: recipients.map((address, i) => ({ address, amount: `${i + 1}0` }))
    })
  )
  const id = created.id
  await openHash(page, `#/payouts/${id}`)
  // Ana names the Safe as the paying account in the submission: the approvers approve paying from it.
  await submitThroughDialog(page, { accountPath: ANA_PATH }, async (dialog) => {
    await dialog.getByTestId('submit-payer-safe').check()
    await expect(dialog.getByTestId('submit-payer-safe-choice')).toHaveValue(safe)
    await expect(dialog.getByTestId('submit-payer-safe-owners')).toContainText('2 of its 3 owners (Ana, Boris, Chen)')
    await shot(page, 'safe-desks-submit', dialog.getByTestId('submit-payer'))
  })
  await expect(page.getByTestId('status-badge')).toHaveText('Pending')
  const approval = page.getByTestId('approval-section')
  await expect(approval.getByTestId('payer-address-approved')).toHaveAttribute('data-address', safe)
  await approval.getByTestId('approve-path').fill(BORIS_PATH)
  await approval.getByTestId('approve-on-ledger').click()
  await expect(page.getByTestId('status-badge')).toHaveText('In progress', { timeout: DEVICE_TIMEOUT })
  const pay = page.getByTestId('pay-section')
  await pay.getByTestId('payer-kind-safe').check()
  await pay.getByTestId('safe-review').click()
  await expect(pay.getByTestId('safe-plan-table')).toContainText('2 (2 of 3 each)')
  await expect(pay.getByTestId('safe-option-explanation').first()).toContainText(
    'One Safe transaction pays all 3 rows: 2 of the 3 owners sign it once'
  )
  await shot(page, 'safe-desks-plan', pay.getByTestId('safe-plan-table'))
  await pay.getByTestId('safe-plan').click()
  const tx = pay.getByTestId('safe-tx')
  await expect(tx).toHaveAttribute('data-state', 'awaiting_signatures')
  const transaction = await downloadOf(page, () => tx.getByTestId('safe-export').click())
  expect(transaction.name).toMatch(/\.json$/)

  const opened: AppUnderTest[] = []
  try {
    const fromBoris = await signAtOwnerDesk(browser, net, TEAM[1]!, { policy, transaction }, safe, opened)
    const fromChen = await signAtOwnerDesk(browser, net, TEAM[2]!, { policy, transaction }, safe, opened)
    expect(fromBoris.name).not.toBe(fromChen.name)

    // Back on Ana's desk: both signature files are checked against the owners on chain.
    await tx.getByTestId('safe-import-signature').setInputFiles(fromBoris)
    await expect(tx.getByTestId('safe-tx-signatures')).toContainText('1 of 2')
    await tx.getByTestId('safe-import-signature').setInputFiles(fromChen)
    await expect(tx.getByTestId('safe-tx-signatures')).toContainText('2 of 2')
    await expect(tx.getByTestId('safe-tx-state')).toHaveText('Ready to execute')
    const signedBy = tx.locator('.safe-tx__signatures li')
    await expect(signedBy).toHaveCount(2)
    await expect(signedBy.nth(0)).toContainText('Boris')
    await expect(signedBy.nth(0)).toContainText(fromBoris.name)
    await expect(signedBy.nth(1)).toContainText('Chen')
    await shot(page, 'safe-desks-collected', tx)

    await tx.getByTestId('safe-execute').click()
    await expect(page.getByTestId('status-badge')).toHaveText('Completed', { timeout: SETTLE_TIMEOUT })
    const balances = await Promise.all(recipients.map((r) => net.chain.tokenBalance(r)))
    expect(balances).toEqual([10n, 20n, 30n].map((n) => n * TUSD_UNIT))
    expect(await net.chain.tokenBalance(safe)).toBe(940n * TUSD_UNIT)

    // The report lists the Safe transaction and each owner's signature, by name and address.
    await page.getByTestId('open-report').click()
    const report = page.getByTestId('payout-report')
    await expect(report.getByTestId('report-status')).toHaveText('Completed')
    const signatures = report.getByTestId('report-safe-signature')
    await expect(signatures).toHaveCount(2)
    await expect(signatures.nth(0)).toContainText('Boris')
    await expect(signatures.nth(0)).toContainText(owners[1]!)
    await expect(signatures.nth(1)).toContainText('Chen')
    await expect(signatures.nth(1)).toContainText(owners[2]!)
    await expect(report.getByTestId('report-safe-signature-bytes')).toHaveText([
      /^0x[0-9a-f]{130}$/i,
      /^0x[0-9a-f]{130}$/i
    ])
    await shot(page, 'safe-desks-report', report.getByTestId('report-safe'))
  } finally {
    for (const app of opened) await app.close()
  }
})
