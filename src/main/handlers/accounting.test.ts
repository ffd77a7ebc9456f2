// Runs in: tests (plain Node, Vitest). The books through the contract, on payouts really paid on
// anvil and valued from the project's AggregatorV3 test feeds: exports named after target and
// range and read back column by column, reconciliation stored and in the history, a rate typed
// where the network has no feed, the estimate of a draft, Repeat, and schedules that draft once
// (also after the app was closed over their date) and never submit.
import { dirname } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ACCOUNTING_CHAIN_START_MS,
  startAccountingChain,
  type AccountingChain,
  type PaidPayout
} from '../../test/paidPayoutFixture'
import { captureAccounting } from '../accounting/capture'
import { createFeedDirectory, type FeedDirectory } from '../domain/priceFeeds'
import { createSessionSecretStore, type SecretStore } from '../secrets'
import { dispatch } from '../dispatch'
import { createTreasury, type Treasury } from '../treasury'

const ETH_RATE = 2_000_00000000n
const TUSD_RATE = 99_990_000n // 0.9999
const EUR_RATE = 1_25000000n // 1.25
const HOUR = 3_600

let chain: AccountingChain
let paid: PaidPayout
/** The local chain's feeds without ETH: fees need a typed rate. */
let noEthFeeds: FeedDirectory
let secrets: SecretStore
let dataDir: string
let treasury: Treasury
let clock = new Date('2026-06-10T09:00:00Z')

function open(): Treasury {
  return createTreasury({ dataDir, secrets, feeds: noEthFeeds, now: () => clock })
}

beforeAll(async () => {
  chain = await startAccountingChain('treasury.sqlite')
  noEthFeeds = createFeedDirectory([
    {
      chainId: chain.chainId,
      source: 'test feeds deployed on the local chain',
      feeds: [
        chain.feeds.tusd.located('TUSD', HOUR, chain.chainId),
        chain.feeds.eur.located('EUR', HOUR, chain.chainId)
      ]
    }
  ])
  await chain.setRates({ eth: ETH_RATE, tusd: TUSD_RATE, eur: EUR_RATE })
  paid = await chain.pay({
    id: 'PO-BOOKS',
    asset: 'token',
    plan: 'batch',
    description: 'June contractors',
    rows: [
      { amount: 1_500_000n, name: 'Alice', reference: 'INV-1', category: '6100', costCenter: 'Eng' },
      { amount: 20_000_000n, name: 'Bob', reference: 'INV-2' }
    ]
  })
  await captureAccounting(
    { db: chain.db, rpc: chain.fx.rpc, catalogue: chain.catalogue, feeds: noEthFeeds, now: () => new Date() },
    paid.payoutId,
    { currencies: ['USD', 'EUR'] }
  )
  dataDir = dirname(chain.db.write.name)
  secrets = createSessionSecretStore()
  treasury = open()
  await treasury.setEndpoint({ chainId: chain.chainId, url: chain.fx.node.url })
}, ACCOUNTING_CHAIN_START_MS)
afterAll(async () => {
  await treasury?.close()
  await chain?.stop()
})

const csvRows = (base64: string): string[][] =>
  Buffer.from(base64, 'base64')
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(','))
const actions = async (id: string) => (await treasury.getPayout({ id })).timeline.map((e) => e.action)

describe('a rate typed where the network has no feed', () => {
  it('lists the missing rate, refuses a fiat-only export until it is typed, then values the fees with it', async () => {
    const before = await treasury.getPayoutAccounting({ id: paid.payoutId, currency: 'USD' })
    expect(before.captured).toBe(true)
    expect(before.missingRates.map((m) => m.base)).toEqual(['ETH'])
    expect(before.entries.filter((e) => e.kind === 'payment').map((e) => e.value)).toEqual(['1.50', '20.00'])
    const refused = await dispatch(treasury, 'exportAccounting', {
      scope: { payoutId: paid.payoutId },
      target: 'xero',
      currency: 'USD'
    })
    expect(refused.ok).toBe(false)

    const after = await treasury.setTypedRate({ id: paid.payoutId, base: 'ETH', currency: 'USD', rate: '2500.125' })
    expect(after.missingRates).toEqual([])
    const fee = after.entries.find((e) => e.kind === 'fee')!
    expect(fee.rate).toBe('2500.125')
    expect(fee.rateDescription).toMatch(/^typed by Operator at 2026-06-10T09:00:00.000Z: 1 ETH = 2500.125 USD/)
    const typed = (await treasury.getPayout({ id: paid.payoutId })).timeline.find((e) => e.action === 'rate_typed')
    expect(typed).toMatchObject({ actor: 'Operator', detail: 'Rate typed by Operator: 1 ETH = 2500.125 USD' })
  })

  it('refuses a rate that is not a plain positive decimal, saying so', async () => {
    const r = await dispatch(treasury, 'setTypedRate', { id: paid.payoutId, base: 'ETH', currency: 'USD', rate: '1e3' })
    expect(r).toMatchObject({ ok: false })
  })
})

describe('exports for the books', () => {
  it('writes a Xero statement for one payout, named after target, dates and payout, amounts negative', async () => {
    const out = await treasury.exportAccounting({ scope: { payoutId: paid.payoutId }, target: 'xero', currency: 'USD' })
    expect(out.files).toHaveLength(1)
    const day = new Date().toISOString().slice(0, 10)
    expect(out.files[0]!.fileName).toBe(`xero-bank-statement_${day}_to_${day}_${paid.payoutId}.csv`)
    const [header, ...lines] = csvRows(out.files[0]!.contentBase64)
    expect(header).toEqual(['*Date', '*Amount', 'Payee', 'Description', 'Reference'])
    // Two payments and the fees of the approve and the batch transaction.
    expect(lines).toHaveLength(4)
    expect(lines.map((l) => l[1])).toEqual(expect.arrayContaining(['-1.50', '-20.00']))
    for (const l of lines) expect(l[0]).toMatch(/^[0-9]{2}\/[0-9]{2}\/[0-9]{4}$/)
    expect(await actions(paid.payoutId)).toContain('exported_for_books')
  })

  it('writes no books and no report file while a paid row says other than what was paid, and names the row', async () => {
    const edit = chain.db.write.prepare('UPDATE payout_items SET amount = ? WHERE payout_id = ? AND row = 2')
    edit.run('20000001', paid.payoutId)
    try {
      const day = new Date().toISOString().slice(0, 10)
      for (const scope of [{ payoutId: paid.payoutId }, { from: day, to: day }]) {
        const books = await dispatch(treasury, 'exportAccounting', { scope, target: 'ledger_csv', currency: 'USD' })
        expect(books).toMatchObject({ ok: false, error: { code: 'paid_rows_altered' } })
        if (!books.ok)
          expect(books.error.message).toBe(
            `The export for the books was not written: row 2 of payout ${paid.payoutId} is marked paid, but its payment 2 sent 20.00 TUSD to ${paid.recipients[1]}; the row now says 20.000001 TUSD to ${paid.recipients[1]}. The file would record payments that did not happen. The payout's screen names each row and what its transaction paid; tell whoever audits your payments.`
          )
      }
      const report = await dispatch(treasury, 'exportPayoutReport', { id: paid.payoutId, format: 'csv' })
      expect(report).toMatchObject({ ok: false, error: { code: 'paid_rows_altered' } })
    } finally {
      edit.run('20000000', paid.payoutId)
    }
    expect(await dispatch(treasury, 'exportPayoutReport', { id: paid.payoutId, format: 'csv' })).toMatchObject({
      ok: true
    })
  })

  it('exports a date range in EUR as the plain ledger', async () => {
    const day = new Date().toISOString().slice(0, 10)
    const out = await treasury.exportAccounting({
      scope: { from: day, to: day },
      target: 'ledger_csv',
      currency: 'EUR'
    })
    expect(out.files[0]!.fileName).toBe(`treasury-ledger_${day}_to_${day}.csv`)
    expect(Buffer.from(out.files[0]!.contentBase64, 'base64').toString('utf8')).toContain(paid.payoutId)
  })
})

describe('reconciliation through the contract', () => {
  it('stores the result, shows it with the payout values and writes it to the history', async () => {
    const r = await treasury.reconcilePayouts({ scope: { payoutId: paid.payoutId } })
    expect(r).toMatchObject({ outcome: 'matched', rowsChecked: 2, differences: [], runBy: 'Operator' })
    const values = await treasury.getPayoutAccounting({ id: paid.payoutId, currency: 'USD' })
    expect(values.reconciliation?.id).toBe(r.id)
    expect(await actions(paid.payoutId)).toContain('reconciled')
  })
})

describe('repeat and schedules', () => {
  it('estimates a draft in fiat from the feed latest round', async () => {
    const draft = await treasury.createPayout({
      kind: 'single',
      assetId: paid.assetId,
      description: 'estimate',
      recipients: [{ address: paid.recipients[0]!, amount: '100' }]
    })
    const usd = await treasury.estimatePayoutFiat({ id: draft.id, currency: 'USD' })
    expect(usd).toMatchObject({ total: '99.99', rate: '0.9999', reason: null })
    const eur = await treasury.estimatePayoutFiat({ id: draft.id, currency: 'EUR' })
    expect(eur.total).toBe('79.99') // 99.99 / 1.25 = 79.992
  })

  it('repeats a payout as a new draft with the same rows, purpose and columns', async () => {
    const again = await treasury.repeatPayout({ id: paid.payoutId })
    expect(again).toMatchObject({ status: 'draft', description: 'June contractors', recipientCount: 2 })
    expect(again.id).not.toBe(paid.payoutId)
    expect(again.items.map((i) => [i.address, i.amountBaseUnits, i.reference])).toEqual([
      [paid.recipients[0], '1500000', 'INV-1'],
      [paid.recipients[1], '20000000', 'INV-2']
    ])
    expect(again.timeline.map((e) => e.action)).toEqual(['created', 'repeated'])
  })

  it('drafts a schedule that fell while the app was closed once at the next start, and never submits it', async () => {
    const drafts = async () => (await treasury.listPayouts({ status: 'draft', offset: 0, limit: 50 })).items
    const before = (await drafts()).length
    const s = await treasury.createSchedule({
      templatePayoutId: paid.payoutId,
      cadence: 'monthly',
      day: 25,
      timeZone: 'Europe/Berlin'
    })
    expect(s).toMatchObject({ active: true, description: 'Monthly on the 25th', startsOn: '2026-06-11', lastRun: null })
    await treasury.close()
    clock = new Date('2026-08-02T09:00:00Z')
    treasury = open()
    const [listed] = await treasury.listSchedules({})
    expect(listed!.lastRun).toMatchObject({ dueOn: '2026-07-25', missed: ['2026-06-25'] })
    expect((await drafts()).length).toBe(before + 1)
    expect((await treasury.getNotices({})).map((n) => n.code)).toContain('schedule_drafted')
    const drafted = await treasury.getPayout({ id: listed!.lastRun!.payoutId })
    expect(drafted.status).toBe('draft')
    await treasury.close()
    treasury = open()
    expect((await drafts()).length).toBe(before + 1)

    expect((await treasury.setScheduleActive({ id: s.id, active: false })).active).toBe(false)
    expect(await treasury.deleteSchedule({ id: s.id })).toEqual([])
  })
})
