// Runs in: tests (plain Node, Vitest). Capturing a settled payout's accounting facts in the
// background, on anvil with the project's AggregatorV3 test feeds: done when the payout settles,
// never touching the payment when it fails, written to the audit log either way, and owed until a
// later start captures it; also through createTreasury, whose start-up captures what is owed.
import { dirname } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ACCOUNTING_CHAIN_START_MS,
  startAccountingChain,
  type AccountingChain,
  type PaidPayout
} from '../../../test/paidPayoutFixture'
import { payoutsAwaitingCapture, payoutRates, transactionFacts, finalTransactions } from '../../store/accountingRepo'
import { payoutTimeline } from '../../store/auditLog'
import { getPayoutRow } from '../../store/payoutRepo'
import { createSessionSecretStore } from '../../secrets'
import { createTreasury } from '../../treasury'
import { CAPTURE_AUDIT, createCaptureQueue } from './captureQueue'

const ETH_RATE = 3_000_00000000n
const TUSD_RATE = 1_00010000n
const EUR_RATE = 1_08000000n
/** Nothing listens on port 1 of loopback: every call to it fails at once. */
const DEAD_ENDPOINT = 'http://127.0.0.1:1'

let chain: AccountingChain
let first: PaidPayout
let second: PaidPayout

beforeAll(async () => {
  chain = await startAccountingChain('treasury.sqlite')
  await chain.setRates({ eth: ETH_RATE, tusd: TUSD_RATE, eur: EUR_RATE })
  first = await chain.pay({ id: 'PO-CAPTURED', asset: 'token', plan: 'batch', rows: [{ amount: 2_000_000n }] })
  second = await chain.pay({ id: 'PO-OWED', asset: 'native', plan: 'per_recipient', rows: [{ amount: 10n ** 15n }] })
}, ACCOUNTING_CHAIN_START_MS)
afterAll(async () => {
  await chain?.stop()
})

const actions = (payoutId: string) => payoutTimeline(chain.db.read, payoutId, () => null).map((e) => e.action)

function queueOn(rpcUrl: string | null, captured: string[] = []) {
  return createCaptureQueue({
    db: chain.db,
    catalogue: chain.catalogue,
    feeds: chain.directory,
    rpcFor: () => (rpcUrl === null ? chain.fx.rpc : chain.fx.rpcAt(rpcUrl, 1_000)),
    now: () => new Date(),
    captured: (id) => captured.push(id)
  })
}

describe('capturing a payout once it settles', () => {
  it('reads block times, fees and rates when the payout completes, and says so in its history', async () => {
    const captured: string[] = []
    const queue = queueOn(null, captured)
    // A payout still in progress is not captured: its transactions are not final.
    queue.observe({ type: 'payout.changed', id: first.payoutId, status: 'in_progress' })
    await queue.idle()
    expect(captured).toEqual([])
    expect(getPayoutRow(chain.db.read, first.payoutId)?.status).toBe('completed')
    queue.observe({ type: 'payout.changed', id: first.payoutId, status: 'completed' })
    await queue.idle()
    expect(captured).toEqual([first.payoutId])
    for (const tx of finalTransactions(chain.db.read, first.payoutId))
      expect(transactionFacts(chain.db.read, tx.hash)?.feePaid).toBeGreaterThan(0n)
    const usd = payoutRates(chain.db.read, first.payoutId).filter((r) => r.base === 'TUSD' && r.quote === 'USD')
    expect(usd.map((r) => r.rate)).toEqual([{ units: TUSD_RATE, scale: 8 }])
    expect(actions(first.payoutId)).toContain(CAPTURE_AUDIT.captured)
    await queue.close()
  })

  it('records a failed capture without touching the payment, and owes it until a later start', async () => {
    const queue = queueOn(DEAD_ENDPOINT)
    queue.observe({ type: 'payout.changed', id: second.payoutId, status: 'completed' })
    await queue.idle()
    expect(getPayoutRow(chain.db.read, second.payoutId)?.status).toBe('completed')
    const failed = payoutTimeline(chain.db.read, second.payoutId, () => null).find(
      (e) => e.action === CAPTURE_AUDIT.failed
    )
    expect(failed?.detail).toMatch(/payment is unaffected; this is tried again at the next start/)
    expect(payoutsAwaitingCapture(chain.db.read).map((p) => p.payoutId)).toEqual([second.payoutId])
    await queue.close()
  })

  it('captures what is owed when the app starts, through the endpoint the desk configured', async () => {
    const dataDir = dirname(chain.db.write.name)
    const secrets = createSessionSecretStore()
    // The first start still has the catalogue's default endpoint: nothing answers there.
    const t1 = createTreasury({ dataDir, secrets, feeds: chain.directory })
    await t1.setEndpoint({ chainId: chain.chainId, url: chain.fx.node.url })
    await t1.close()
    expect(payoutsAwaitingCapture(chain.db.read).map((p) => p.payoutId)).toEqual([second.payoutId])

    const t2 = createTreasury({ dataDir, secrets, feeds: chain.directory })
    const captured = new Promise<string>((resolve) =>
      t2.onEvent((e) => {
        if (e.type === 'accounting.captured') resolve(e.id)
      })
    )
    expect(await captured).toBe(second.payoutId)
    await t2.close()
    expect(payoutsAwaitingCapture(chain.db.read)).toEqual([])
    const eth = payoutRates(chain.db.read, second.payoutId).filter((r) => r.base === 'ETH' && r.quote === 'USD')
    expect(eth.map((r) => r.rate)).toEqual([{ units: ETH_RATE, scale: 8 }])
  })
})
