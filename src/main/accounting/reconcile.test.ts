// Runs in: tests (plain Node, Vitest). Reconciliation of payouts really paid on anvil and recorded
// in a real SQLite file: records that match the chain, then records tampered with after the fact
// (an amount, the transaction a row names, a fee, a recipient), each caught and named row by row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCOUNTING_CHAIN_START_MS, startAccountingChain, type AccountingChain } from '../../test/paidPayoutFixture'
import { startRpcFaultProxy } from '../../test/rpcFaultProxy'
import { finalTransactions } from '../store/accountingRepo'
import { latestReconciliationOf, reconciliationById, reconciliationDifferences } from '../store/reconciliationRepo'
import { auditDetail, reconcile } from './reconcile'
import { DIFFERENCE } from './reconcileTransaction'

let chain: AccountingChain
const USDC = 1_000_000n
const ETHER = 10n ** 18n

const deps = () => ({
  db: chain.db,
  catalogue: chain.catalogue,
  rpcFor: () => chain.fx.rpc,
  now: () => new Date(),
  actor: 'Auditor'
})
const tamper = (sql: string, ...params: unknown[]) => chain.db.write.prepare(sql).run(...params)
const summary = (r: Awaited<ReturnType<typeof reconcile>>) =>
  r.differences.map((d) => [d.code, d.row, d.expected, d.found])

beforeAll(async () => {
  chain = await startAccountingChain('reconcile.sqlite')
}, ACCOUNTING_CHAIN_START_MS)
afterAll(async () => {
  await chain?.stop()
})

describe('records that match the chain', () => {
  it('a token batch: every row found in the Transfer logs, fees equal to the receipts, nothing else out', async () => {
    await chain.pay({
      id: 'PO-OK',
      asset: 'token',
      plan: 'batch',
      rows: [{ amount: 5n * USDC }, { amount: 7n * USDC }]
    })
    const result = await reconcile(deps(), { payoutId: 'PO-OK' })
    expect(result.differences).toEqual([])
    expect(result.reconciliation).toMatchObject({
      outcome: 'matched',
      payoutsChecked: 1,
      rowsChecked: 2,
      transactionsChecked: 2,
      runBy: 'Auditor'
    })
    expect(result.reconciliation.summary).toBe(
      'payout PO-OK: 1 payout(s), 2 paid row(s), 2 transaction(s): the chain matches the records.'
    )
  })

  it('native sends, one by one and through the batch contract, verified from the call trace', async () => {
    await chain.pay({ id: 'PO-ETH', asset: 'native', plan: 'per_recipient', rows: [{ amount: ETHER / 10n }] })
    await chain.pay({
      id: 'PO-ETH-BATCH',
      asset: 'native',
      plan: 'batch',
      rows: [{ amount: ETHER / 100n }, { amount: ETHER / 50n }, { amount: 3n }]
    })
    for (const id of ['PO-ETH', 'PO-ETH-BATCH']) {
      const result = await reconcile(deps(), { payoutId: id })
      expect([id, result.differences]).toEqual([id, []])
      expect(result.nativeBasis).toEqual(['trace'])
    }
  })
})

describe('an endpoint that offers no call trace', () => {
  it('checks a native batch from its calldata (the verified contract pays all or nothing) and still catches a changed amount', async () => {
    await chain.pay({ id: 'PO-NO-TRACE', asset: 'native', plan: 'batch', rows: [{ amount: 21n }, { amount: 22n }] })
    const proxy = await startRpcFaultProxy(chain.fx.node.url)
    try {
      proxy.addFault({
        method: 'debug_traceTransaction',
        mode: 'error_without_forward',
        message: 'the method debug_traceTransaction does not exist/is not available',
        times: 100
      })
      const viaProxy = { ...deps(), rpcFor: () => chain.fx.rpcAt(proxy.url) }
      const clean = await reconcile(viaProxy, { payoutId: 'PO-NO-TRACE' })
      expect(clean.differences).toEqual([])
      expect(clean.nativeBasis).toEqual(['calldata'])
      expect(clean.reconciliation.summary).toMatch(/Native payments checked by calldata\.$/)
      expect(proxy.hits.get('debug_traceTransaction')).toBeGreaterThan(0)
      tamper("UPDATE payout_items SET amount = '20' WHERE payout_id = 'PO-NO-TRACE' AND row = 1")
      const tampered = await reconcile(viaProxy, { payoutId: 'PO-NO-TRACE' })
      expect(summary(tampered)).toEqual([
        [DIFFERENCE.amountMismatch, 1, '0.00000000000000002 ETH', '0.000000000000000021 ETH']
      ])
    } finally {
      await proxy.stop()
    }
  })
})

describe('records tampered with after payment', () => {
  it('catches an amount changed in the database: the chain paid another amount to that row', async () => {
    await chain.pay({
      id: 'PO-AMOUNT',
      asset: 'token',
      plan: 'batch',
      rows: [{ amount: 5n * USDC }, { amount: 250n * USDC }]
    })
    tamper("UPDATE payout_items SET amount = '240000000' WHERE payout_id = 'PO-AMOUNT' AND row = 2")
    const result = await reconcile(deps(), { payoutId: 'PO-AMOUNT' })
    expect(result.reconciliation.outcome).toBe('differences')
    expect(summary(result)).toEqual([[DIFFERENCE.amountMismatch, 2, '240 TUSD', '250 TUSD']])
    expect(result.differences[0]!.message).toMatch(
      /^Row 2: the chain paid 0x[0-9a-fA-F]{40} 250 TUSD; the records say 240 TUSD\.$/
    )
  })

  it('catches a row whose transaction receipt holds no transfer to it, and the transfer no row accounts for', async () => {
    await chain.pay({
      id: 'PO-MOVED',
      asset: 'token',
      plan: 'batch',
      rows: [{ amount: USDC }, { amount: 2n * USDC }, { amount: 3n * USDC }]
    })
    const [approve, batch] = finalTransactions(chain.db.read, 'PO-MOVED')
    expect([approve!.purpose, batch!.purpose]).toEqual(['approve', 'payment'])
    tamper("UPDATE payout_items SET tx_hash = ? WHERE payout_id = 'PO-MOVED' AND row = 3", approve!.hash)
    const result = await reconcile(deps(), { payoutId: 'PO-MOVED' })
    expect(result.differences.map((d) => [d.code, d.row, d.txHash])).toEqual([
      [DIFFERENCE.transferMissing, 3, approve!.hash],
      [DIFFERENCE.unrecordedOutflow, null, batch!.hash]
    ])
    expect(result.differences[1]!.found).toMatch(/^3 TUSD to 0x[0-9a-fA-F]{40}$/)
  })

  it('catches a recorded fee that is not what the receipt charged', async () => {
    await chain.pay({ id: 'PO-FEE', asset: 'native', plan: 'per_recipient', rows: [{ amount: 5n }] })
    const [tx] = finalTransactions(chain.db.read, 'PO-FEE')
    tamper('UPDATE transactions SET fee_paid = ? WHERE hash = ?', (tx!.feePaid! + 1n).toString(), tx!.hash)
    const result = await reconcile(deps(), { payoutId: 'PO-FEE' })
    expect(result.differences.map((d) => [d.code, d.txHash])).toEqual([[DIFFERENCE.feeMismatch, tx!.hash]])
    expect(result.differences[0]!.message).toMatch(
      /^The fee in the journal differs from the receipt \(gas 21000 x \d+\)\.$/
    )
  })

  it('catches a recipient changed in a native batch: the row is unpaid, the real transfer unrecorded', async () => {
    await chain.pay({ id: 'PO-WHO', asset: 'native', plan: 'batch', rows: [{ amount: 11n }, { amount: 12n }] })
    tamper(
      "UPDATE payout_items SET address = '0x000000000000000000000000000000000000dEaD' WHERE payout_id = 'PO-WHO' AND row = 1"
    )
    const result = await reconcile(deps(), { payoutId: 'PO-WHO' })
    expect(result.differences.map((d) => [d.code, d.row])).toEqual([
      [DIFFERENCE.transferMissing, 1],
      [DIFFERENCE.unrecordedOutflow, null]
    ])
  })

  it('stores each result with its differences, for the report and the audit log', async () => {
    const first = await reconcile(deps(), { payoutId: 'PO-AMOUNT' })
    const stored = reconciliationById(chain.db.read, first.reconciliation.id)!
    expect(stored).toMatchObject({ outcome: 'differences', differenceCount: 1, payoutId: 'PO-AMOUNT', scope: 'payout' })
    expect(reconciliationDifferences(chain.db.read, stored.id)).toEqual(first.differences)
    expect(latestReconciliationOf(chain.db.read, 'PO-AMOUNT')!.id).toBe(stored.id)
    expect(auditDetail(first)).toBe(
      `Reconciliation ${stored.id} (differences) of payout PO-AMOUNT: 1 payout(s), 2 paid row(s), 2 transaction(s): 1 difference(s). amount_mismatch row 2 expected 240 TUSD found 250 TUSD`
    )
  })
})
