// Runs in: Playwright test runner. Paying from a 2-of-3 Safe through the real UI on a fresh local
// chain with real Safe 1.4.1 contracts: the Safe is added in Settings → Treasury accounts (owners,
// threshold, balances shown); an approved TUSD payout is planned from it on the pay screen (options
// with signatures needed and fees); the owner at this desk signs on the emulated Ledger, a second
// owner's signature file (made on another desk) is imported, the Safe transaction is executed and
// the payout ends Completed with every recipient paid on chain; the report lists both signatures.
import { Signature, Wallet, getAddress } from 'ethers'
import { test, expect } from '../harness/fixtures'
import { openHash, submitAcknowledged } from '../harness/policy'
import { shot } from '../harness/shots'
import { deploySafeContracts } from '../../src/test/deploySafe'
import { FUNDED_PATHS } from '../../src/test/devNetwork'

const LOCAL = 31337
const TUSD = '31337:0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512'
const TUSD_UNIT = 1_000_000n
const SETTLE_TIMEOUT = 45_000

test('a TUSD payout is paid from a 2-of-3 Safe: added, planned, signed here and by file, executed', async ({
  chainApp
}) => {
  test.setTimeout(180_000)
  const page = chainApp.page
  const net = chainApp.network
  await expect(page.getByTestId('device-panel')).toContainText('Ready — Ethereum app', { timeout: 20_000 })
  const owner = net.emulator.addressOf(FUNDED_PATHS[0])
  const otherDesk = Wallet.createRandom()
  const safes = await deploySafeContracts(net.chain.deployer, BigInt(LOCAL))
  const safe = await safes.createSafe([owner, otherDesk.address, Wallet.createRandom().address], 2)
  await net.chain.mintToken(safe, 1_000n * TUSD_UNIT)

  await openHash(page, '#/settings')
  const accounts = page.getByTestId('safe-accounts')
  await accounts.getByTestId('safe-network').selectOption({ label: 'Local development' })
  await accounts.getByTestId('safe-address').fill(safe)
  await accounts.getByRole('button', { name: 'Add Safe' }).click()
  const card = accounts.getByTestId('safe-account')
  await expect(card).toContainText('2 of 3 owners must sign')
  await expect(card).toContainText('1,000')
  await shot(page, 'safe-settings', accounts)

  const recipients = [0, 1, 2].map(() => getAddress(Wallet.createRandom().address))
  const created = await chainApp.call('createPayout', {
    kind: 'mass',
    assetId: TUSD,
    description: 'Contractors, paid from the Safe',
    recipients: recipients.map((address, i) => ({ address, amount: `${i + 1}0` }))
  })
  if (!created.ok) throw new Error(created.error.message)
  const id = created.value.id
  await submitAcknowledged(chainApp, id, { accountPath: null, payerAddress: safe })
  await openHash(page, `#/payouts/${id}`)

  const pay = page.getByTestId('pay-section')
  await pay.getByTestId('payer-kind-safe').check()
  await pay.getByTestId('safe-review').click()
  const table = pay.getByTestId('safe-plan-table')
  await expect(table).toContainText('2 (2 of 3 each)')
  await shot(page, 'safe-plan', table)
  await pay.getByTestId('safe-plan').click()
  const tx = pay.getByTestId('safe-tx')
  await expect(tx).toHaveAttribute('data-state', 'awaiting_signatures')
  await expect(tx.getByTestId('safe-tx-signatures')).toContainText('0 of 2')
  await expect(tx.getByTestId('safe-execute')).toBeDisabled()

  await tx.getByTestId('safe-sign').click()
  await expect(tx.getByTestId('safe-tx-signatures')).toContainText('1 of 2')
  await expect(tx.getByTestId('safe-tx-state')).toHaveText('Waiting for owner signatures')

  // The other owner's desk: the exported Safe transaction, signed there, comes back as a file.
  const exported = await chainApp.call('exportSafeTransaction', {
    id,
    safeTxHash: (await tx.getAttribute('data-hash')) ?? ''
  })
  if (!exported.ok) throw new Error(exported.error.message)
  const body = JSON.parse(Buffer.from(exported.value.contentBase64, 'base64').toString('utf8')) as {
    safeTxHash: string
    exportedAt?: string
  }
  const { exportedAt: _at, ...rest } = body
  const signatureFile = {
    ...rest,
    format: 'treasury.safe-signature',
    signer: otherDesk.address,
    signature: Signature.from(otherDesk.signingKey.sign(body.safeTxHash)).serialized,
    mode: 'full',
    signedAt: new Date().toISOString()
  }
  await tx.getByTestId('safe-import-signature').setInputFiles({
    name: 'second-owner-signature.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(signatureFile))
  })
  await expect(tx.getByTestId('safe-tx-signatures')).toContainText('2 of 2')
  await expect(tx).toContainText('second-owner-signature.json')
  await expect(tx.getByTestId('safe-tx-state')).toHaveText('Ready to execute')
  // The Safe's three owners are listed each on one line, the full address on hover.
  await expect(pay.getByTestId('safe-summary').locator('.safe-summary__owners li')).toHaveCount(3)
  await shot(page, 'safe-signed', tx)

  await tx.getByTestId('safe-execute').click()
  await expect(page.getByTestId('status-badge')).toHaveText('Completed', { timeout: SETTLE_TIMEOUT })
  const balances = await Promise.all(recipients.map((r) => net.chain.tokenBalance(r)))
  expect(balances).toEqual([10n, 20n, 30n].map((n) => n * TUSD_UNIT))
  await shot(page, 'safe-completed')
})
