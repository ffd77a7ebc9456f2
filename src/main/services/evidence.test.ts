// Runs in: tests (plain Node, Vitest). The endpoint is not trusted to say that something did not
// happen, played through the app's own contract (createTreasury) on a real SQLite file, a real
// anvil node behind the fault proxy and the emulated Ledger:
// - a lagging endpoint that serves a used nonce but no receipt never leads to a second payment:
//   the row needs checking, Pay/Retry/Cancel cannot pay it again, and only a person's confirmation
//   with a reason releases it;
// - the network's second endpoint is asked before anything is declared;
// - an endpoint that starts serving another chain stops tracking with a specific error, and a
//   corrected endpoint resumes it;
// - the network's minimum confirmation depth holds below a lower desk setting.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { TreasuryEvent } from '../../shared/api'
import { createLedgerEmulator, type LedgerEmulator } from '../ledger/emulator'
import { createSessionSecretStore } from '../secrets'
import { createTreasury, type Treasury } from '../treasury'
import { ETHER, startChainFixture, type ChainFixture } from '../../test/chainFixture'
import { startRpcFaultProxy, type RpcFaultProxy } from '../../test/rpcFaultProxy'
import { submitAcknowledged } from '../../test/submit'
import { LOCAL_CHAIN_ID as CHAIN_ID, localCatalogue } from '../../test/localCatalogue'
import { tempDir } from '../../test/tempDir'

const ACCOUNT = "44'/60'/0'/0/0"
const FOREVER = Number.POSITIVE_INFINITY
const WAIT_STEPS = 300
const STEP_MS = 50

let fx: ChainFixture
let emulator: LedgerEmulator
let proxy: RpcFaultProxy
let treasury: Treasury | undefined
const events: TreasuryEvent[] = []

beforeAll(async () => {
  fx = await startChainFixture()
  emulator = createLedgerEmulator({ blindSigning: true })
  await fx.send('anvil_setBalance', [emulator.addressOf(ACCOUNT), `0x${(1_000n * ETHER).toString(16)}`])
})
afterAll(async () => {
  await fx?.stop()
})
beforeEach(async () => {
  proxy = await startRpcFaultProxy(fx.node.url)
  events.length = 0
})
afterEach(async () => {
  await treasury?.close()
  treasury = undefined
  await proxy.stop()
})

function open(rpcUrls: readonly string[], minConfirmations = 1): Treasury {
  const catalogue = localCatalogue({
    rpcUrl: fx.node.url,
    rpcUrls,
    batchContract: fx.dev.contracts.batch,
    minConfirmations
  })
  treasury = createTreasury({
    dataDir: tempDir('treasury-evidence-'),
    catalogue,
    secrets: createSessionSecretStore(),
    ledger: { openTransport: () => emulator.openTransport() },
    pollIntervalMs: 50,
    recheckIntervalMs: 200
  })
  treasury.onEvent((e) => void events.push(e))
  return treasury
}

/** Waits for `done`, mining a block each step: anvil makes blocks only when asked, and depth needs them. */
async function until(what: string, done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < WAIT_STEPS; i++) {
    if (await done()) return
    await fx.mine(1)
    await new Promise((r) => setTimeout(r, STEP_MS))
  }
  throw new Error(`gave up waiting until ${what}`)
}

async function paySingle(t: Treasury, tag: string): Promise<{ id: string; to: string; hash: string }> {
  const [to] = fx.recipients(1, tag)
  const d = await t.createPayout({
    kind: 'single',
    assetId: `${CHAIN_ID}:native`,
    description: tag,
    recipients: [{ address: to!, amount: '0.5' }]
  })
  await submitAcknowledged(t, d.id)
  const result = await t.executePayout({ id: d.id, accountPath: ACCOUNT, plan: 'per_recipient' })
  expect(result.stopped).toBeNull()
  return { id: d.id, to: to!, hash: result.signed[0]! }
}

const rowStatus = async (t: Treasury, id: string): Promise<string | undefined> =>
  (await t.getPayout({ id })).items[0]?.status

describe('an endpoint that serves a used nonce but no receipt', () => {
  it('never leads to a second payment: the row needs checking until a person or the network says otherwise', async () => {
    const t = open([proxy.url])
    proxy.addFault({ method: 'eth_getTransactionReceipt', mode: 'null_without_forward', times: FOREVER })
    const { id, to, hash } = await paySingle(t, 'lagging-endpoint')
    await until('the row needs checking', async () => (await rowStatus(t, id)) === 'needs_check')

    const shown = await t.getPayout({ id })
    expect(shown.status).toBe('in_progress')
    expect(shown.itemCounts.needs_check).toBe(1)
    expect(shown.items[0]).toMatchObject({ txHash: hash, failure: expect.stringContaining(hash) })
    expect(await t.listPayoutTransactions({ id })).toMatchObject([
      { hash, state: 'unverified', failure: expect.stringContaining('Whether it paid is unknown') }
    ])
    expect(events).toContainEqual({
      type: 'execution.progress',
      progress: expect.objectContaining({ type: 'unverified', hash })
    })
    // The report says the same: the row needs checking, with the transaction to look up.
    const report = Buffer.from((await t.exportPayoutReport({ id, format: 'csv' })).contentBase64, 'base64').toString()
    expect(report).toContain(`needs_check,${hash}`)
    // Nothing pays it again: not Pay, not Retry, not Cancel of the rest.
    await expect(t.executePayout({ id, accountPath: ACCOUNT, plan: 'per_recipient' })).rejects.toMatchObject({
      code: 'nothing_to_pay'
    })
    await expect(t.retryPayout({ id })).rejects.toMatchObject({ code: 'illegal_transition' })
    await expect(t.cancelPayout({ id })).rejects.toMatchObject({ code: 'illegal_transition' })
    // Releasing it takes a reason, the very transaction the row waits on, and a row that exists.
    await expect(t.confirmRowNotPaid({ id, row: 1, hash, reason: '   ' })).rejects.toMatchObject({
      code: 'check_reason_required'
    })
    await expect(t.confirmRowNotPaid({ id, row: 1, hash: `0x${'ab'.repeat(32)}`, reason: 'x' })).rejects.toMatchObject({
      code: 'row_check_hash_mismatch'
    })
    await expect(t.confirmRowNotPaid({ id, row: 2, hash, reason: 'x' })).rejects.toMatchObject({
      code: 'row_out_of_range'
    })
    expect(await fx.balances(fx.native, [to])).toEqual([ETHER / 2n])

    // A person (wrongly) confirms it was not paid: the row is queued, and the history says who and why.
    const released = await t.confirmRowNotPaid({ id, row: 1, hash, reason: 'The explorer shows nothing for it' })
    expect(released.items[0]?.status).toBe('queued')
    expect(released.timeline.at(-1)).toMatchObject({
      actor: 'Operator',
      action: 'row_confirmed_unpaid',
      detail: expect.stringContaining('Reason: The explorer shows nothing for it')
    })
    await expect(t.confirmRowNotPaid({ id, row: 1, hash, reason: 'again' })).rejects.toMatchObject({
      code: 'row_not_needing_check'
    })
    // The endpoint recovers before anyone paid again: the transaction is still followed, so the row
    // ends paid by it, once, and the history says it was paid after its release.
    proxy.clearFaults()
    await until('the payout completes', async () => (await t.getPayout({ id })).status === 'completed')
    const done = await t.getPayout({ id })
    expect(done.items[0]).toMatchObject({ status: 'paid', txHash: hash })
    expect(done.timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['verified', 'paid_after_release']))
    expect(await fx.balances(fx.native, [to])).toEqual([ETHER / 2n])
  })

  it("asks the network's second endpoint before declaring anything: its receipt pays the row", async () => {
    const t = open([proxy.url, fx.node.url])
    proxy.addFault({ method: 'eth_getTransactionReceipt', mode: 'null_without_forward', times: FOREVER })
    const { id, to } = await paySingle(t, 'second-endpoint')
    await until('the payout completes', async () => (await t.getPayout({ id })).status === 'completed')
    expect(events.some((e) => e.type === 'execution.progress' && e.progress.type === 'unverified')).toBe(false)
    expect(await fx.balances(fx.native, [to])).toEqual([ETHER / 2n])
  })
})

describe('an endpoint that starts serving another chain', () => {
  it('stops tracking with a wrong_chain error and settles nothing; a corrected endpoint resumes it', async () => {
    const t = open([proxy.url])
    await fx.send('evm_setAutomine', [false])
    let sent: { id: string; to: string }
    try {
      sent = await paySingle(t, 'chain-swap')
      // Receipts read before signing (the account's transactions from this file's other folders) are not tracking.
      proxy.seen.delete('eth_getTransactionReceipt')
      proxy.addFault({ method: 'eth_chainId', mode: 'wrong_chain', chainId: 1n, times: FOREVER })
      await fx.mine(1)
    } finally {
      await fx.send('evm_setAutomine', [true])
    }
    await until('tracking reports the wrong chain', async () =>
      events.some((e) => e.type === 'execution.trackingError' && e.code === 'wrong_chain')
    )
    await new Promise((r) => setTimeout(r, 300))
    const wrongChain = events.filter((e) => e.type === 'execution.trackingError')
    expect(wrongChain).toEqual([
      {
        type: 'execution.trackingError',
        chainId: CHAIN_ID,
        code: 'wrong_chain',
        message: expect.stringContaining('not chain 31337')
      }
    ])
    expect(await rowStatus(t, sent.id)).toBe('in_progress')
    expect(proxy.seen.get('eth_getTransactionReceipt')).toBeUndefined()
    // Setting an endpoint checks it first (the proxy is refused), then tracking resumes on the right one.
    await expect(t.setEndpoint({ chainId: CHAIN_ID, url: proxy.url })).rejects.toMatchObject({
      code: 'endpoint_check_failed'
    })
    await t.setEndpoint({ chainId: CHAIN_ID, url: fx.node.url })
    await until('the payout completes', async () => (await t.getPayout({ id: sent.id })).status === 'completed')
    expect(await fx.balances(fx.native, [sent.to])).toEqual([ETHER / 2n])
  })
})

describe("the network's minimum confirmation depth", () => {
  it('holds when the desk asks for fewer confirmations', async () => {
    const t = open([fx.node.url], 3)
    expect((await t.listNetworks({}))[0]?.minConfirmations).toBe(3)
    await t.updateSettings({ confirmations: 1 })
    await fx.send('evm_setAutomine', [false])
    let sent: { id: string }
    try {
      sent = await paySingle(t, 'min-depth')
      await fx.mine(1)
      const mined = async (): Promise<boolean> =>
        (await t.listPayoutTransactions({ id: sent.id }))[0]?.state === 'mined'
      for (let i = 0; i < WAIT_STEPS && !(await mined()); i++) await new Promise((r) => setTimeout(r, STEP_MS))
      // One block deep: mined, not confirmed, although the desk's setting says 1.
      await new Promise((r) => setTimeout(r, 300))
      expect((await t.listPayoutTransactions({ id: sent.id }))[0]?.state).toBe('mined')
      expect(await rowStatus(t, sent.id)).toBe('in_progress')
    } finally {
      await fx.send('evm_setAutomine', [true])
    }
    await fx.mine(2)
    await until('the payout completes', async () => (await t.getPayout({ id: sent.id })).status === 'completed')
  })
})
