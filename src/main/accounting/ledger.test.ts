// Runs in: tests (plain Node, Vitest). The ledger of payouts really paid on anvil and recorded in a
// real SQLite file: block times, fees and rates captured from the chain, values exact in USD and
// EUR, typed rates where no feed exists, and the choice of one payout or a range of dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ACCOUNTING_CHAIN_START_MS,
  startAccountingChain,
  type AccountingChain,
  type PaidPayout
} from '../../test/paidPayoutFixture'
import { createFeedDirectory } from '../domain/priceFeeds'
import { transactionFacts } from '../store/accountingRepo'
import { captureAccounting, CAPTURE_GAP } from './capture'
import { exactText, fiatValue, ratio, ratioOfDecimal, sameRatio } from './exact'
import { buildLedger, type LedgerEntry, type LedgerFiat } from './ledger'
import { setTypedRate } from './valuation'

const ETH_RATE = 3_000_123_456_78n // 3000.12345678
const TUSD_RATE = 99_985_000n // 0.99985
const EUR_RATE = 108_000_000n // 1.08
const rate8 = (units: bigint) => ratioOfDecimal({ units, scale: 8 })

let chain: AccountingChain
let tokenPayout: PaidPayout
let nativePayout: PaidPayout

const deps = (directory = chain.directory) => ({
  db: chain.db,
  rpc: chain.fx.rpc,
  catalogue: chain.catalogue,
  feeds: directory,
  now: () => new Date()
})
const fiat = (e: LedgerEntry): LedgerFiat => {
  if ('missing' in e.fiat) throw new Error(`no value: ${e.fiat.missing}`)
  return e.fiat
}

beforeAll(async () => {
  chain = await startAccountingChain()
  await chain.setRates({ eth: ETH_RATE, tusd: TUSD_RATE, eur: EUR_RATE })
  tokenPayout = await chain.pay({
    id: 'PO-TOKEN',
    asset: 'token',
    plan: 'batch',
    description: 'May contractors',
    rows: [
      { amount: 1_500_000n, name: 'Alice', reference: 'INV-1', note: 'May', category: '6100', costCenter: 'Eng' },
      { amount: 250_000_000n, name: 'Bob', reference: 'INV-2', category: '6100', costCenter: 'Sales' },
      { amount: 1n, name: 'Carol', reference: 'INV-3' }
    ]
  })
  nativePayout = await chain.pay({
    id: 'PO-NATIVE',
    asset: 'native',
    plan: 'per_recipient',
    rows: [{ amount: 10n ** 16n, name: 'Dan', reference: 'B-1' }]
  })
}, ACCOUNTING_CHAIN_START_MS)
afterAll(async () => {
  await chain?.stop()
})

describe('capturing what the books need', () => {
  it('records each final transaction block time and receipt fee, and rates at its block, once', async () => {
    const first = await captureAccounting(deps(), tokenPayout.payoutId, { currencies: ['USD', 'EUR'] })
    expect(first).toMatchObject({ transactions: 2, factsRead: 2, gaps: [], warnings: [] })
    // approve: ETH and EUR; batch payment: TUSD, ETH and EUR.
    expect(first.ratesRead).toBe(5)
    const again = await captureAccounting(deps(), tokenPayout.payoutId, { currencies: ['USD', 'EUR'] })
    expect(again).toMatchObject({ factsRead: 0, ratesRead: 0 })
  })

  it('says which rates it could not have, and why', async () => {
    const noEth = createFeedDirectory([
      { chainId: chain.chainId, source: 't', feeds: [chain.feeds.tusd.located('TUSD', 3_600, chain.chainId)] }
    ])
    const result = await captureAccounting(deps(noEth), nativePayout.payoutId)
    expect(result.gaps.map((g) => [g.base, g.code])).toEqual([['ETH', CAPTURE_GAP.noFeed]])
    expect(result.gaps[0]!.message).toMatch(/No price feed for ETH on Local development/)
  })
})

describe('the ledger of one payout', () => {
  it('has one entry per payment and per fee, each with its block time, parties, accounting columns and exact value', () => {
    const ledger = buildLedger(chain.db, chain.catalogue, { payoutId: tokenPayout.payoutId })
    expect(ledger.warnings).toEqual([])
    expect(ledger.entries.map((e) => [e.kind, e.row])).toEqual([
      ['fee', null],
      ['payment', 1],
      ['payment', 2],
      ['payment', 3],
      ['fee', null]
    ])
    const [approveFee, alice, bob, carol, batchFee] = ledger.entries as [
      LedgerEntry,
      LedgerEntry,
      LedgerEntry,
      LedgerEntry,
      LedgerEntry
    ]
    expect(alice).toMatchObject({
      payoutId: 'PO-TOKEN',
      payoutDescription: 'May contractors',
      network: 'Local development',
      from: chain.fx.payer.address,
      to: tokenPayout.recipients[0],
      payee: 'Alice',
      amount: 1_500_000n,
      asset: { symbol: 'TUSD', decimals: 6 },
      memo: 'May',
      reference: 'INV-1',
      category: '6100',
      costCenter: 'Eng',
      feeSource: null
    })
    const facts = transactionFacts(chain.db.read, alice.txHash)!
    expect(alice.dateUtc).toBe(new Date(facts.blockTimestamp * 1000).toISOString().replace('.000Z', 'Z'))
    expect(exactText(fiat(alice).value)).toBe('1.499775')
    expect(fiat(alice).cents).toBe(150n)
    expect(fiat(alice)).toMatchObject({ currency: 'USD', rateSource: 'chainlink', rateBasis: 'at_block' })
    expect(fiat(alice).rateDescription).toMatch(
      /^Chainlink TUSD \/ USD feed 0x[0-9a-fA-F]{40}, round \d+ published \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ: read at the payment's block$/
    )
    expect(bob.costCenter).toBe('Sales')
    expect(fiat(carol).value).toEqual(ratio(99_985_000n, 10n ** 14n))
    expect(fiat(carol).cents).toBe(0n)
    for (const fee of [approveFee, batchFee]) {
      expect(fee).toMatchObject({
        payee: 'Local development network fee',
        asset: { symbol: 'ETH' },
        feeSource: 'receipt'
      })
      expect(fee.amount).toBe(transactionFacts(chain.db.read, fee.txHash)!.feePaid)
      expect(sameRatio(fiat(fee).value, fiatValue(fee.amount, 18, rate8(ETH_RATE)))).toBe(true)
    }
    expect(batchFee.txHash).toBe(alice.txHash)
    expect(approveFee.memo).toBe('Network fee (approve)')
  })

  it('values in EUR through the EUR/USD feed read at the same block, exactly', () => {
    const ledger = buildLedger(chain.db, chain.catalogue, { payoutId: tokenPayout.payoutId }, 'EUR')
    const alice = ledger.entries[1]!
    // 1.5 TUSD x 0.99985 USD / 1.08 USD per EUR: not a finite decimal, so kept as a fraction.
    expect(fiat(alice).value).toEqual(ratio(1_500_000n * TUSD_RATE, 1_000_000n * EUR_RATE))
    expect(exactText(fiat(alice).value)).toBe('19997/14400')
    expect(fiat(alice).cents).toBe(139n)
    expect(fiat(alice).rateDescription).toMatch(/divided by Chainlink EUR \/ USD/)
  })

  it('says a value is missing where no feed exists, and uses the rate a person typed for the payout', () => {
    const before = buildLedger(chain.db, chain.catalogue, { payoutId: nativePayout.payoutId })
    expect(before.entries.every((e) => 'missing' in e.fiat)).toBe(true)
    expect(before.warnings).toEqual([
      'Payout PO-NATIVE: 2 entries have no USD value. No ETH rate in USD: no feed on this network; type the rate used for this payout.'
    ])
    const typed = setTypedRate(
      chain.db,
      chain.catalogue,
      {
        payoutId: nativePayout.payoutId,
        base: 'ETH',
        currency: 'USD',
        rate: '2999.5',
        enteredBy: 'Alice Auditor',
        note: 'desk rate'
      },
      () => new Date('2026-06-01T09:00:00Z')
    )
    expect(typed.auditDetail).toBe('Rate typed by Alice Auditor: 1 ETH = 2999.5 USD (desk rate)')
    const after = buildLedger(chain.db, chain.catalogue, { payoutId: nativePayout.payoutId })
    expect(after.warnings).toEqual([])
    const payment = after.entries.find((e) => e.kind === 'payment')!
    expect(exactText(fiat(payment).value)).toBe('29.995')
    expect(fiat(payment)).toMatchObject({ rateSource: 'manual', rateBasis: 'manual' })
    expect(fiat(payment).rateDescription).toBe(
      'typed by Alice Auditor at 2026-06-01T09:00:00.000Z: 1 ETH = 2999.5 USD (desk rate)'
    )
  })

  it('refuses a typed rate that is not an exact positive decimal, or for an asset the payout does not use', () => {
    const input = { payoutId: nativePayout.payoutId, base: 'ETH', currency: 'USD' as const, enteredBy: 'A' }
    const now = () => new Date()
    expect(() => setTypedRate(chain.db, chain.catalogue, { ...input, rate: '2,999.5' }, now)).toThrow(/plain decimal/)
    expect(() => setTypedRate(chain.db, chain.catalogue, { ...input, rate: '0' }, now)).toThrow(/zero/)
    expect(() => setTypedRate(chain.db, chain.catalogue, { ...input, base: 'BTC', rate: '1' }, now)).toThrow(
      /pays nothing in BTC/
    )
    expect(() => setTypedRate(chain.db, chain.catalogue, { ...input, enteredBy: ' ', rate: '1' }, now)).toThrow(
      /who typed it/
    )
  })
})

describe('the ledger of a range of dates', () => {
  it('holds every payout paid in the range and nothing from other days', () => {
    const day = buildLedger(chain.db, chain.catalogue, { payoutId: tokenPayout.payoutId }).from!
    const ledger = buildLedger(chain.db, chain.catalogue, { from: day, to: day })
    expect(ledger.payoutIds).toEqual(['PO-TOKEN', 'PO-NATIVE'])
    expect(ledger.entries).toHaveLength(7)
    const dayBefore = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
    expect(buildLedger(chain.db, chain.catalogue, { from: dayBefore, to: dayBefore }).entries).toEqual([])
  })

  it('refuses dates that do not exist or run backwards', () => {
    expect(() => buildLedger(chain.db, chain.catalogue, { from: '2026-02-30', to: '2026-03-01' })).toThrow(/not a date/)
    expect(() => buildLedger(chain.db, chain.catalogue, { from: '2026-03-02', to: '2026-03-01' })).toThrow(
      /before it starts/
    )
  })
})
