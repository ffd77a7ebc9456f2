// Runs in: Playwright test runner. A payout paid on the local chain ends in the books: its block
// time, fee and rates are read once it completes (the development chain's feeds answer ETH 3,000,
// TUSD 0.9998), the payout shows its values, "Export for accounting" downloads a Xero bank
// statement that is read back column by column, and "Reconcile" reads the chain again and says it
// matches the records.
import { getAddress, Wallet } from 'ethers'
import { test, expect } from '../harness/fixtures'
import { openHash, submitAcknowledged } from '../harness/policy'
import { downloadOf } from '../harness/download'
import { shot } from '../harness/shots'

const LOCAL = 31337
const PAYER_PATH = "44'/60'/0'/0/0"
/** Payment, confirmation and the capture after it, on a loaded machine: generous, never a timing assertion. */
const SETTLE_TIMEOUT = 60_000

test('a paid payout is exported for Xero and reconciled against the chain', async ({ chainApp }) => {
  test.setTimeout(180_000)
  const page = chainApp.page
  const assets = await chainApp.call('listAssets', { chainId: LOCAL })
  const tusd = assets.ok ? assets.value.find((a) => a.symbol === 'TUSD') : undefined
  expect(tusd, 'the development chain lists TUSD').toBeDefined()
  const recipient = getAddress(Wallet.createRandom().address)
  const created = await chainApp.call('createPayout', {
    kind: 'single',
    assetId: tusd!.id,
    description: 'May invoice',
    recipients: [{ address: recipient, amount: '250', name: 'Dana', reference: 'INV-77' }]
  })
  expect(created.ok).toBe(true)
  const id = created.ok ? created.value.id : ''

  // A draft shows what it is worth at the feed's latest round.
  await openHash(page, `#/payouts/${id}`)
  await expect(page.getByTestId('fiat-estimate-total')).toHaveText('249.95 USD')
  await shot(page, 'books-draft-estimate')

  await submitAcknowledged(chainApp, id, { accountPath: null })
  await expect(page.getByTestId('device-panel')).toContainText('Ready — Ethereum app', { timeout: 20_000 })
  const paid = await chainApp.call('executePayout', { id, accountPath: PAYER_PATH, plan: 'per_recipient' })
  expect(paid.ok).toBe(true)
  await expect
    .poll(
      async () => {
        const values = await chainApp.call('getPayoutAccounting', { id, currency: 'USD' })
        return values.ok ? values.value.paymentsValue : null
      },
      { timeout: SETTLE_TIMEOUT }
    )
    .toBe('249.95')

  await page.reload()
  await openHash(page, `#/payouts/${id}`)
  const books = page.getByTestId('books-section')
  await expect(books.getByTestId('books-payments-value')).toHaveText('249.95')
  await expect(books.getByTestId('books-fees-value')).not.toHaveText('—')
  await shot(page, 'books-completed', books)

  await books.getByTestId('open-books-export').click()
  const dialog = page.getByTestId('books-export-dialog')
  await dialog.getByTestId('books-target').selectOption('xero')
  const file = await downloadOf(page, () => dialog.getByTestId('books-export').click())
  const day = new Date().toISOString().slice(0, 10)
  expect(file.name).toBe(`xero-bank-statement_${day}_to_${day}_${id}.csv`)
  await expect(dialog.getByTestId('books-file')).toHaveText(file.name)
  await shot(page, 'books-export-dialog', dialog)
  const [header, ...lines] = file.buffer
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(','))
  expect(header).toEqual(['*Date', '*Amount', 'Payee', 'Description', 'Reference'])
  // The payment and the network fee of its one transaction, both money out.
  expect(lines).toHaveLength(2)
  const [dd, mm, yyyy] = day.split('-').reverse()
  for (const line of lines) {
    expect(line[0]).toBe(`${dd}/${mm}/${yyyy}`)
    expect(line[1]).toMatch(/^-[0-9]+\.[0-9]{2}$/)
  }
  const payment = lines.find((l) => l[1] === '-249.95')
  expect(payment, 'the payment line carries its value at the block').toBeDefined()
  expect(payment![2]).toBe('Dana')
  expect(payment![4]).toBe('INV-77')
  await dialog.getByRole('button', { name: 'Close' }).click()

  await books.getByTestId('reconcile').click()
  const result = books.getByTestId('reconciliation')
  await expect(result).toHaveAttribute('data-outcome', 'matched', { timeout: 30_000 })
  await expect(result.getByTestId('reconciliation-outcome')).toHaveText('The chain matches the records')
  await shot(page, 'books-reconciled', result)
})
