// Integration: payouts drafted in the store, submitted, quoted and paid on a real anvil node by the
// execution service, signed by the Ledger emulator, recorded in a real SQLite file; every
// recipient's balance is read back on chain. Also: a reverting row is refused before the device is
// asked anything, and a fresh service resumes a transaction left unsettled by the previous one.
import { join } from 'node:path'
import { getAddress } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Catalogue } from '../domain/catalogue'
import { createLedgerEmulator, type LedgerEmulator } from '../ledger/emulator'
import { createLedgerService } from '../ledger/ledgerService'
import { inTransaction, openDatabase, type OpenedDatabase, type WriteDb } from '../store/db'
import { appendAudit } from '../store/auditLog'
import { createSqliteJournal } from '../store/journalRepo'
import { getItems, getPayoutRow } from '../store/payoutRepo'
import { DATABASE_FILE, createTreasury, type Treasury } from '../treasury'
import { ETHER, TOKEN_UNIT, startChainFixture, type ChainFixture } from '../../test/chainFixture'
import { LOCAL_CHAIN_ID as CHAIN_ID, localCatalogue } from '../../test/localCatalogue'
import { tempDir } from '../../test/tempDir'
import type { TreasuryEvent } from '../../shared/api'
import { createExecutionService, type ExecutionService } from './executionService'
import { submitAcknowledged } from '../../test/submit'

const ACCOUNT = "44'/60'/0'/0/0"

let fx: ChainFixture
let treasury: Treasury
let emulator: LedgerEmulator
let catalogue: Catalogue
let payer: string
const dataDir = tempDir('treasury-execution-')
const opened: OpenedDatabase[] = []
const services: ExecutionService[] = []

beforeAll(async () => {
  fx = await startChainFixture()
  catalogue = localCatalogue({
    rpcUrl: fx.node.url,
    batchContract: fx.dev.contracts.batch,
    token: fx.dev.contracts.token
  })
  treasury = createTreasury({ dataDir, catalogue })
  // Blind signing on: a batch goes through a contract the device cannot show in clear.
  emulator = createLedgerEmulator({ blindSigning: true })
  payer = emulator.addressOf(ACCOUNT)
  await fx.send('anvil_setBalance', [payer, `0x${(1_000n * ETHER).toString(16)}`])
  await fx.dev.mintToken(payer, 1_000_000n * TOKEN_UNIT)
})

afterAll(async () => {
  for (const s of services) await s.close()
  for (const db of opened) db.close()
  await treasury?.close()
  await fx?.stop()
})

function newService(): { service: ExecutionService; events: TreasuryEvent[]; db: OpenedDatabase } {
  const db = openDatabase(join(dataDir, DATABASE_FILE))
  opened.push(db)
  const events: TreasuryEvent[] = []
  const service = createExecutionService({
    db,
    catalogue,
    now: () => new Date(),
    rpcFor: () => fx.rpc,
    ledger: createLedgerService({ openTransport: () => emulator.openTransport() }),
    confirmations: () => 1,
    emit: (e) => events.push(e),
    // Submission (through the treasury on the same file) already held the payout to these.
    assertAcknowledged: () => {},
    assertCleared: () => {},
    assertApprovedPayer: () => {},
    pollIntervalMs: 100
  })
  services.push(service)
  return { service, events, db }
}

const assetId = (token: boolean): string =>
  token ? `${CHAIN_ID}:${getAddress(fx.dev.contracts.token)}` : `${CHAIN_ID}:native`

async function draft(
  kind: 'single' | 'mass',
  token: boolean,
  recipients: ReadonlyArray<{ address: string; amount: string }>
): Promise<string> {
  const d = await treasury.createPayout({
    kind,
    assetId: assetId(token),
    description: `${kind} ${token ? 'TUSD' : 'ETH'}`,
    recipients: [...recipients]
  })
  expect(d.errorCount).toBe(0)
  return d.id
}

/** A mass payout to `count` fresh recipients of `amount` each, submitted and paid to completion. */
async function paidMassPayout(
  run: ReturnType<typeof newService>,
  tag: string,
  count: number,
  pay: { readonly token: boolean; readonly amount: string; readonly plan: 'batch' | 'per_recipient' }
) {
  const addresses = fx.recipients(count, tag)
  const id = await draft(
    'mass',
    pay.token,
    addresses.map((address) => ({ address, amount: pay.amount }))
  )
  await submitAcknowledged(treasury, id)
  const paid = await run.service.execute(id, { accountPath: ACCOUNT, plan: pay.plan })
  expect(paid.stopped).toBeNull()
  await run.service.settled()
  expect(getPayoutRow(run.db.read, id)?.status).toBe('completed')
  return { id, addresses, paid }
}

/** 1 TUSD to each recipient, in one batch after its approval (signed[0] the approval, signed[1] the batch). */
const ONE_TUSD_EACH_IN_A_BATCH = { token: true, amount: '1', plan: 'batch' } as const

/** Edits the database file as whoever holds it could, through a connection of its own. */
function editFile(...statements: ReadonlyArray<readonly [sql: string, ...params: string[]]>): void {
  const file = openDatabase(join(dataDir, DATABASE_FILE))
  file.write.pragma('foreign_keys = OFF')
  for (const [sql, ...params] of statements) file.write.prepare(sql).run(...params)
  file.close()
}

/** Statements that queue a payout's rows (all, or those listed) again and set it in progress. */
function queuedAgain(id: string, rows?: string): Array<readonly [sql: string, ...params: string[]]> {
  return [
    [
      `UPDATE payout_items SET status = 'queued', tx_hash = NULL, failure = NULL WHERE payout_id = ?${rows === undefined ? '' : ` AND row IN (${rows})`}`,
      id
    ],
    ["UPDATE payouts SET status = 'in_progress' WHERE id = ?", id]
  ]
}

/** How many entries of `action` the payout's history holds. */
async function historyCount(id: string, action: string): Promise<number> {
  return (await treasury.getPayout({ id })).timeline.filter((t) => t.action === action).length
}

describe('execution service on a local chain with the emulated Ledger', () => {
  it('pays a single ETH payout with one clear-signed transfer and completes it', async () => {
    const { service, events, db } = newService()
    const [to] = fx.recipients(1, 'svc-single-eth')
    const id = await draft('single', false, [{ address: to!, amount: '0.25' }])

    expect((await submitAcknowledged(treasury, id)).status).toBe('in_progress')
    expect(getItems(db.read, id).map((i) => i.status)).toEqual(['queued'])

    const quote = await service.quote(id, { accountPath: ACCOUNT })
    expect(quote).toMatchObject({
      payer,
      totalBaseUnits: (ETHER / 4n).toString(),
      recipients: 1,
      proposed: 'per_recipient',
      canExecute: true
    })
    const perRecipient = quote.plans.find((p) => p.kind === 'per_recipient')
    expect(perRecipient).toMatchObject({
      available: true,
      transactions: 1,
      deviceConfirmations: 1,
      display: 'clear',
      shortfalls: []
    })
    expect(perRecipient?.available === true && BigInt(perRecipient.estimatedFeeBaseUnits) > 0n).toBe(true)
    // The batch would also be one transaction, but the device could only show a hash.
    expect(quote.plans.find((p) => p.kind === 'batch')).toMatchObject({ available: true, display: 'hash' })

    const result = await service.execute(id, { accountPath: ACCOUNT, plan: 'per_recipient' })
    expect(result).toMatchObject({ payoutId: id, plan: 'per_recipient', stopped: null })
    expect(result.signed).toHaveLength(1)
    await service.settled()

    expect(getPayoutRow(db.read, id)?.status).toBe('completed')
    expect(getItems(db.read, id)[0]).toMatchObject({ status: 'paid', txHash: result.signed[0] })
    expect(await fx.balances(fx.native, [to!])).toEqual([ETHER / 4n])
    expect(events).toContainEqual({ type: 'payout.changed', id, status: 'completed' })
    expect(events.some((e) => e.type === 'execution.progress' && e.progress.type === 'confirmed')).toBe(true)
    const timeline = (await treasury.getPayout({ id })).timeline
    // The fee as people read it; its base units only among the exact figures.
    expect(timeline.find((t) => t.action === 'execution_started')).toMatchObject({
      detail: expect.stringMatching(
        /^One transaction per recipient: 1 transaction from 0x[0-9a-fA-F]{40}, estimated network fee [0-9]+\.[0-9]+ ETH$/
      ),
      exact: expect.stringMatching(/^Estimated network fee: [0-9]+ base units$/)
    })
    const actions = timeline.map((t) => t.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'created',
        'submitted',
        'execution_started',
        'signed',
        'broadcast',
        'confirmed',
        'completed'
      ])
    )
  })

  it('pays a 20-row ERC-20 mass payout through the batch plan: one approval and one batch', async () => {
    const { service, db } = newService()
    const addresses = fx.recipients(20, 'svc-batch-token')
    const amounts = addresses.map((_, i) => BigInt(i + 1) * TOKEN_UNIT + 250_000n)
    const id = await draft(
      'mass',
      true,
      addresses.map((address, i) => ({ address, amount: `${i + 1}.25` }))
    )
    await submitAcknowledged(treasury, id)

    const quote = await service.quote(id, { accountPath: ACCOUNT })
    expect(quote.proposed).toBe('batch')
    expect(quote.plans.find((p) => p.kind === 'batch')).toMatchObject({
      available: true,
      transactions: 2,
      deviceConfirmations: 2
    })
    expect(quote.plans.find((p) => p.kind === 'per_recipient')).toMatchObject({ available: true, transactions: 20 })
    expect(quote.balances.tokenBaseUnits).not.toBeNull()

    const result = await service.execute(id, { accountPath: ACCOUNT, plan: 'batch' })
    expect(result.stopped).toBeNull()
    expect(result.signed).toHaveLength(2)
    await service.settled()

    expect(getPayoutRow(db.read, id)?.status).toBe('completed')
    expect(getItems(db.read, id).every((i) => i.status === 'paid' && i.txHash === result.signed[1])).toBe(true)
    expect(await fx.balances(fx.token, addresses)).toEqual(amounts)
  })

  it('refuses before signing a batch that a recipient would make revert, naming the row', async () => {
    const { service, db } = newService()
    const good = fx.recipients(4, 'svc-revert')
    const recipients = [good[0]!, good[1]!, getAddress(fx.dev.contracts.rejecter), good[2]!, good[3]!].map(
      (address) => ({ address, amount: '0.01' })
    )
    const id = await draft('mass', false, recipients)
    await submitAcknowledged(treasury, id)

    const quote = await service.quote(id, { accountPath: ACCOUNT })
    expect(quote.plans.find((p) => p.kind === 'batch')).toMatchObject({
      available: false,
      code: 'recipient_would_fail',
      rows: [{ row: 3 }]
    })
    expect(quote.proposed).toBeNull()
    expect(quote.canExecute).toBe(false)

    const screensBefore = emulator.screens.length
    await expect(service.execute(id, { accountPath: ACCOUNT, plan: 'batch' })).rejects.toMatchObject({
      code: 'recipient_would_fail',
      message: expect.stringContaining('row 3'),
      details: { rows: [{ row: 3, address: getAddress(fx.dev.contracts.rejecter) }] }
    })
    // The device was never asked, nothing was recorded, and every row is still waiting.
    expect(emulator.screens.length).toBe(screensBefore)
    const journal = createSqliteJournal(db.write, { now: () => new Date() })
    expect((await journal.listUnsettled()).filter((t) => t.payoutId === id)).toEqual([])
    expect(getItems(db.read, id).map((i) => i.status)).toEqual(['queued', 'queued', 'queued', 'queued', 'queued'])
    expect(await fx.balances(fx.native, good)).toEqual([0n, 0n, 0n, 0n])
  })

  it('two execute calls for the same payout at once sign it only once', async () => {
    const { service, db } = newService()
    const [to] = fx.recipients(1, 'svc-double-click')
    const id = await draft('single', false, [{ address: to!, amount: '0.125' }])
    await submitAcknowledged(treasury, id)
    const outcomes = await Promise.allSettled([
      service.execute(id, { accountPath: ACCOUNT, plan: 'per_recipient' }),
      service.execute(id, { accountPath: ACCOUNT, plan: 'per_recipient' })
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'already_sending' } })
    await service.settled()
    // Executing again once settled finds nothing left to pay.
    await expect(service.execute(id, { accountPath: ACCOUNT, plan: 'per_recipient' })).rejects.toMatchObject({
      code: 'not_ready_to_pay'
    })
    expect(getPayoutRow(db.read, id)?.status).toBe('completed')
    expect(await fx.balances(fx.native, [to!])).toEqual([ETHER / 8n])
  })

  it('shows a blocking shortfall when the payer lacks the token, and refuses to sign', async () => {
    const { service, db } = newService()
    const [to] = fx.recipients(1, 'svc-shortfall')
    const id = await draft('single', true, [{ address: to!, amount: '5000000' }])
    await submitAcknowledged(treasury, id)
    const quote = await service.quote(id, { accountPath: ACCOUNT })
    expect(quote.canExecute).toBe(false)
    const option = quote.plans.find((p) => p.kind === quote.proposed)
    expect(
      option?.available === true ? option.shortfalls.map((s) => [s.asset, s.symbol, s.neededBaseUnits]) : null
    ).toEqual([['token', 'TUSD', (5_000_000n * TOKEN_UNIT).toString()]])
    await expect(service.execute(id, { accountPath: ACCOUNT, plan: 'per_recipient' })).rejects.toMatchObject({
      code: 'shortfall'
    })
    expect(getItems(db.read, id)[0]?.status).toBe('queued')
  })

  it('refuses to submit a payout whose rows have errors', async () => {
    const d = await treasury.createPayout({
      kind: 'single',
      assetId: assetId(false),
      description: 'bad',
      recipients: [{ address: '0x1234', amount: '1' }]
    })
    await expect(submitAcknowledged(treasury, d.id)).rejects.toMatchObject({ code: 'payout_has_errors' })
  })

  it('refuses to sign rows put back in the queue in the database after the chain paid them, and records the attempt', async () => {
    const run = newService()
    const { service } = run
    const { id, addresses, paid } = await paidMassPayout(run, 'svc-requeued-paid', 3, {
      token: true,
      amount: '2',
      plan: 'batch'
    })

    // Whoever holds the file: two paid rows back in the queue, the payout back in progress.
    editFile(...queuedAgain(id, '1, 3'))

    const again = service.execute(id, { accountPath: ACCOUNT, plan: 'batch' })
    await expect(again).rejects.toMatchObject({ code: 'paid_on_chain' })
    await expect(again).rejects.toThrow(`row 1 (${paid.signed[1]}), row 3 (${paid.signed[1]})`)
    await service.settled()
    expect(await fx.balances(fx.token, addresses)).toEqual(addresses.map(() => 2n * TOKEN_UNIT))
    expect(await historyCount(id, 'payment_refused')).toBe(1)
    expect(await historyCount(id, 'execution_started')).toBe(1)
  })

  it('refuses to sign rows again when the journal lost transactions the history names, and records the attempt', async () => {
    const run = newService()
    const { service } = run
    const { id, addresses, paid } = await paidMassPayout(run, 'svc-journal-cut', 2, {
      token: false,
      amount: '0.25',
      plan: 'per_recipient'
    })
    expect(paid.signed).toHaveLength(2)

    // Whoever holds the file: the payout's transactions deleted from the journal, its rows queued
    // again, so the chain is asked about nothing before they are signed again.
    editFile(
      ['DELETE FROM transaction_items WHERE payout_id = ?', id],
      ['DELETE FROM transactions WHERE payout_id = ?', id],
      ...queuedAgain(id)
    )

    // Reviewing it shows the refusal before the device is asked anything; paying refuses again.
    await expect(service.quote(id, { accountPath: ACCOUNT })).rejects.toMatchObject({ code: 'journal_incomplete' })
    const again = service.execute(id, { accountPath: ACCOUNT, plan: 'per_recipient' })
    await expect(again).rejects.toMatchObject({
      code: 'journal_incomplete',
      details: { transactions: paid.signed.map((h) => h.toLowerCase()) }
    })
    await expect(again).rejects.toThrow('2 transactions that this app')
    await service.settled()
    expect(await fx.balances(fx.native, addresses)).toEqual(addresses.map(() => ETHER / 4n))
    // Reviewed and then paid with nothing changed in between: the refusal is on record once.
    expect(await historyCount(id, 'payment_refused')).toBe(1)
    expect(await historyCount(id, 'execution_started')).toBe(1)
  })

  it('refuses to sign rows again when their links to the transaction that paid them were deleted', async () => {
    const run = newService()
    const { id, addresses, paid } = await paidMassPayout(run, 'svc-links-cut', 3, ONE_TUSD_EACH_IN_A_BATCH)
    // Whoever holds the file: two rows unlinked from the batch that paid them and queued again, so
    // the chain check would find no earlier transaction covering them.
    editFile(['DELETE FROM transaction_items WHERE payout_id = ? AND row IN (1, 3)', id], ...queuedAgain(id, '1, 3'))
    const again = run.service.execute(id, { accountPath: ACCOUNT, plan: 'batch' })
    await expect(again).rejects.toMatchObject({ code: 'journal_incomplete' })
    await expect(again).rejects.toThrow(paid.signed[1]!.toLowerCase())
    await run.service.settled()
    expect(await fx.balances(fx.token, addresses)).toEqual(addresses.map(() => TOKEN_UNIT))
    expect(await historyCount(id, 'payment_refused')).toBe(1)
  })

  it('refuses to sign rows again when the links of the batch that paid them were moved to other rows', async () => {
    const run = newService()
    const { id, addresses, paid } = await paidMassPayout(run, 'svc-links-moved', 3, ONE_TUSD_EACH_IN_A_BATCH)
    const batch = paid.signed[1]!
    // Whoever holds the file: the batch's link to row 1 moved to row 2, so it still counts three
    // rows as the history says, and row 1 queued again with no transaction covering it.
    editFile(
      ['UPDATE transaction_items SET row = 2 WHERE lower(tx_hash) = lower(?) AND row = 1', batch],
      ...queuedAgain(id, '1')
    )
    await expect(run.service.quote(id, { accountPath: ACCOUNT })).rejects.toMatchObject({ code: 'journal_altered' })
    const again = run.service.execute(id, { accountPath: ACCOUNT, plan: 'batch' })
    await expect(again).rejects.toMatchObject({ code: 'journal_altered', details: { transactions: [batch] } })
    await expect(again).rejects.toThrow(
      `its payment 1 (1.00 TUSD to ${addresses[0]}) is linked to row 2, which pays 1.00 TUSD to ${addresses[1]}`
    )
    await run.service.settled()
    expect(await fx.balances(fx.token, addresses)).toEqual(addresses.map(() => TOKEN_UNIT))
    expect(await historyCount(id, 'payment_refused')).toBe(1)
    // Another refusal after something else happened to the payout is on record again.
    inTransaction(run.db.write, () =>
      appendAudit(run.db.write, { actor: 'Desk', action: 'payout_viewed', payoutId: id, detail: 'opened' })
    )
    await expect(run.service.quote(id, { accountPath: ACCOUNT })).rejects.toMatchObject({ code: 'journal_altered' })
    expect(await historyCount(id, 'payment_refused')).toBe(2)
  })

  it('refuses to sign rows again when a payment was relabelled a cancel in the journal', async () => {
    const run = newService()
    const { id, addresses, paid } = await paidMassPayout(run, 'svc-relabelled', 2, {
      token: false,
      amount: '0.125',
      plan: 'per_recipient'
    })
    // A cancel that was mined settles its rows as not paid: relabelled, the chain check would
    // read the payment's success as a cancellation's.
    editFile(["UPDATE transactions SET purpose = 'cancel' WHERE payout_id = ?", id], ...queuedAgain(id))
    const again = run.service.execute(id, { accountPath: ACCOUNT, plan: 'per_recipient' })
    await expect(again).rejects.toMatchObject({ code: 'journal_altered', details: { transactions: paid.signed } })
    await expect(again).rejects.toThrow('it is recorded as a cancel, and its bytes are a payment')
    await run.service.settled()
    expect(await fx.balances(fx.native, addresses)).toEqual(addresses.map(() => ETHER / 8n))
  })

  /**
   * A single payout signed while the node mines nothing, then edited in the file by `edit` (its
   * row queued again): signing it again must be refused, with `refusal`, while its transaction can
   * still be mined.
   */
  async function waitingThenQueuedAgain(
    tag: string,
    edit: (db: WriteDb, hash: string) => void,
    refusal: (hash: string) => { readonly code: string; readonly text: string }
  ): Promise<void> {
    const first = newService()
    const [to] = fx.recipients(1, tag)
    const id = await draft('single', false, [{ address: to!, amount: '0.5' }])
    await submitAcknowledged(treasury, id)
    await fx.send('evm_setAutomine', [false])
    try {
      const sent = await first.service.execute(id, { accountPath: ACCOUNT, plan: 'per_recipient' })
      await first.service.close()
      edit(first.db.write, sent.signed[0]!)
      first.db.write.prepare("UPDATE payout_items SET status = 'queued', tx_hash = NULL WHERE payout_id = ?").run(id)
      const second = newService()
      const again = second.service.execute(id, { accountPath: ACCOUNT, plan: 'per_recipient' })
      const expected = refusal(sent.signed[0]!)
      await expect(again).rejects.toMatchObject({ code: expected.code })
      await expect(again).rejects.toThrow(expected.text)
    } finally {
      await fx.send('evm_setAutomine', [true])
    }
    await fx.mine(1)
    expect(await fx.balances(fx.native, [to!])).toEqual([ETHER / 2n])
  }

  it('refuses to sign a row again while a transaction the database says failed can still be mined', async () => {
    // Whoever holds the file: the waiting transaction marked failed.
    await waitingThenQueuedAgain(
      'svc-requeued-pending',
      (db, hash) => db.prepare("UPDATE transactions SET state = 'failed' WHERE hash = ?").run(hash),
      (hash) => ({ code: 'paid_on_chain', text: `can still be mined: row 1 (${hash})` })
    )
  })

  it("refuses to sign a waiting transaction's row again when its sender column was rewritten", async () => {
    const [elsewhere] = fx.recipients(1, 'svc-sender-rewritten-other')
    await fx.send('anvil_setNonce', [elsewhere, '0x100000'])
    // Whoever holds the file: the waiting transaction's sender changed to an account far past its
    // nonce, so it looks replaced, and marked failed.
    await waitingThenQueuedAgain(
      'svc-sender-rewritten',
      (db, hash) =>
        db.prepare("UPDATE transactions SET state = 'failed', sender = ? WHERE hash = ?").run(elsewhere!, hash),
      (hash) => ({
        code: 'journal_altered',
        text: `${hash}: it is recorded as sent by ${elsewhere}, its bytes are signed by ${payer}`
      })
    )
  })

  it('does not settle rows on a transaction whose record no longer matches its bytes, and follows it again once it does', async () => {
    const first = newService()
    const addresses = fx.recipients(3, 'svc-links-moved-in-flight')
    const id = await draft(
      'mass',
      false,
      addresses.map((address) => ({ address, amount: '0.25' }))
    )
    await submitAcknowledged(treasury, id)
    await fx.send('evm_setAutomine', [false])
    let batch: string
    try {
      const sent = await first.service.execute(id, { accountPath: ACCOUNT, plan: 'batch' })
      expect(sent.signed).toHaveLength(1)
      batch = sent.signed[0]!
      await first.service.close()
    } finally {
      await fx.send('evm_setAutomine', [true])
    }
    // Whoever holds the file, while the batch waits: its link to row 1 moved to row 2, so once
    // mined it would call row 2 paid twice and leave row 1 to nobody.
    editFile(['UPDATE transaction_items SET row = 2 WHERE lower(tx_hash) = lower(?) AND row = 1', batch])
    await fx.mine(1)
    expect(await fx.balances(fx.native, addresses)).toEqual(addresses.map(() => ETHER / 4n))

    const second = newService()
    await second.service.resume()
    await second.service.settled()
    const held = (await second.service.transactions(id)).find((t) => t.hash.toLowerCase() === batch.toLowerCase())
    expect(held).toMatchObject({ state: 'unverified' })
    const items = getItems(second.db.read, id)
    expect(items.filter((it) => it.status === 'paid')).toEqual([])
    expect(items.find((it) => it.row === 2)).toMatchObject({ status: 'needs_check' })
    expect(items.find((it) => it.row === 2)?.failure).toContain(
      `its payment 1 (0.25 ETH to ${addresses[0]}) is linked to row 2, which pays 0.25 ETH to ${addresses[1]}`
    )
    // Row 1, which the moved link no longer names, is not queued to be paid again: it needs checking.
    expect(items.find((it) => it.row === 1)).toMatchObject({ status: 'needs_check' })
    expect(items.find((it) => it.row === 1)?.failure).toContain(
      `no transaction is linked to it, while this payout's journal no longer matches a transaction it signed (${batch})`
    )
    expect(getPayoutRow(second.db.read, id)?.status).toBe('in_progress')

    // The record put back as signed: the next pass follows it, and every row is paid once.
    editFile(['UPDATE transaction_items SET row = 1 WHERE lower(tx_hash) = lower(?) AND position = 0', batch])
    await second.service.resume()
    await second.service.settled()
    expect(getItems(second.db.read, id).map((it) => it.status)).toEqual(['paid', 'paid', 'paid'])
    expect(getPayoutRow(second.db.read, id)?.status).toBe('completed')
  })

  it('does not call a row paid when its recipient was changed in the file while its payment was on its way', async () => {
    const run = newService()
    const [to, other] = fx.recipients(2, 'svc-row-edited-in-flight')
    const id = await draft('single', false, [{ address: to!, amount: '0.5' }])
    await submitAcknowledged(treasury, id)
    await fx.send('evm_setAutomine', [false])
    try {
      await run.service.execute(id, { accountPath: ACCOUNT, plan: 'per_recipient' })
      // Whoever holds the file, while this process follows the payment it signed: the row now
      // says it pays someone else, as if that person were paid.
      editFile(['UPDATE payout_items SET address = ?, address_input = ? WHERE payout_id = ?', other!, other!, id])
    } finally {
      await fx.send('evm_setAutomine', [true])
    }
    await fx.mine(1)
    await run.service.settled()
    const [row] = getItems(run.db.read, id)
    expect(row).toMatchObject({ status: 'needs_check', address: other })
    expect(row?.failure).toContain(
      `its payment 1 (0.50 ETH to ${to}) is linked to row 1, which pays 0.50 ETH to ${other}`
    )
    expect(await fx.balances(fx.native, [to!, other!])).toEqual([ETHER / 2n, 0n])
    // The row put back as signed: the payment settles it, once.
    editFile(['UPDATE payout_items SET address = ?, address_input = ? WHERE payout_id = ?', to!, to!, id])
    await run.service.resume()
    await run.service.settled()
    expect(getItems(run.db.read, id)[0]?.status).toBe('paid')
    expect(getPayoutRow(run.db.read, id)?.status).toBe('completed')
    // Paid, the row's columns are the desk's to edit again; "Verify audit log" reads it against the bytes that paid it.
    // The payout's own screen asks for its paid rows alone, and is told the same.
    const paidRowsOf = async () =>
      (await treasury.verifyAuditLog({})).payments.mismatches.filter((m) => m.payoutId === id)
    expect(await paidRowsOf()).toEqual([])
    expect(await treasury.checkPayoutPaidRows({ id })).toEqual({ checked: 1, differing: 0, mismatches: [] })
    editFile(['UPDATE payout_items SET address = ?, address_input = ? WHERE payout_id = ?', other!, other!, id])
    const [mismatch] = await paidRowsOf()
    expect(mismatch?.row).toBe(1)
    expect(mismatch?.reason).toBe(`its payment 1 sent 0.50 ETH to ${to}; the row now says 0.50 ETH to ${other}`)
    expect((await treasury.verifyAuditLog({})).ok).toBe(false)
    expect(await treasury.checkPayoutPaidRows({ id })).toEqual({ checked: 1, differing: 1, mismatches: [mismatch] })
    await expect(treasury.checkPayoutPaidRows({ id: 'PO-NOSUCH' })).rejects.toMatchObject({ code: 'not_found' })
  })

  it('a fresh service resumes a transaction the previous one left unsettled, from the database alone', async () => {
    const first = newService()
    const [to] = fx.recipients(1, 'svc-resume')
    const id = await draft('single', false, [{ address: to!, amount: '0.5' }])
    await submitAcknowledged(treasury, id)
    await fx.send('evm_setAutomine', [false])
    try {
      const result = await first.service.execute(id, { accountPath: ACCOUNT, plan: 'per_recipient' })
      expect(result.signed).toHaveLength(1)
      // The app stops while the transaction waits in the node's pool.
      await first.service.close()
      expect(getPayoutRow(first.db.read, id)?.status).toBe('in_progress')
      expect(getItems(first.db.read, id)[0]?.status).toBe('in_progress')
    } finally {
      await fx.send('evm_setAutomine', [true])
    }
    await fx.mine(1)

    const second = newService()
    expect(await second.service.resume()).toEqual({ chains: [CHAIN_ID], transactions: 1 })
    await second.service.settled()
    expect(getPayoutRow(second.db.read, id)?.status).toBe('completed')
    expect(await fx.balances(fx.native, [to!])).toEqual([ETHER / 2n])
    expect(second.events).toContainEqual({ type: 'payout.changed', id, status: 'completed' })
  })
})
