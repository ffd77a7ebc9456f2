// Runs in: tests (plain Node, Vitest). The paying account's transactions a data folder has no record
// of, read back before anything is signed, through the app's own contract (createTreasury) on real
// SQLite files, a real anvil node and the emulated Ledger: a folder copied before a payment (as a
// restored backup is) refuses to pay the rows again and names the transaction that paid them;
// transactions that paid other people do not stop a payment; too many to read need a person's
// statement signed by the account, which is in the audit log and cannot cover transactions not yet
// sent (one written into the file by hand counts as none), nor numbers only one of the endpoints
// shows as used. A transaction is believed only as the account signed it. And, at the
// chain's level, an endpoint that hides the account's transactions is outvoted by a witness.
import { cpSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { HDNodeWallet, Mnemonic, Wallet } from 'ethers'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { TX_PURPOSE, type PaymentRow } from '../../chain'
import { readUnrecordedSends } from '../../chain/unrecordedSends'
import { SPECULOS_MNEMONIC, createLedgerEmulator, type LedgerEmulator } from '../../ledger/emulator'
import { createSessionSecretStore } from '../../secrets'
import { createTreasury, DATABASE_FILE, type Treasury } from '../../treasury'
import { ETHER, startChainFixture, type ChainFixture } from '../../../test/chainFixture'
import { startRpcFaultProxy } from '../../../test/rpcFaultProxy'
import { submitAcknowledged } from '../../../test/submit'
import { untilDone } from '../../../test/crash/killRestart'
import { LOCAL_CHAIN_ID as CHAIN_ID, localCatalogue } from '../../../test/localCatalogue'
import { tempDir } from '../../../test/tempDir'
import { judgeSends, statementText } from './unrecordedSends'

let fx: ChainFixture
let emulator: LedgerEmulator
const opened: Treasury[] = []

/** A Ledger account of its own per test: the node is shared, and each test's history must be its own. */
const accountPath = (n: number): string => `44'/60'/0'/0/${n}`

beforeAll(async () => {
  fx = await startChainFixture()
  emulator = createLedgerEmulator({ blindSigning: true })
  for (const n of [1, 2, 3, 4, 5])
    await fx.send('anvil_setBalance', [emulator.addressOf(accountPath(n)), `0x${(1_000n * ETHER).toString(16)}`])
})
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close()
})
afterAll(async () => {
  await fx?.stop()
})

/** A treasury on `dataDir`; `witness` is a second endpoint of the network, asked for a second opinion. */
function open(dataDir: string, witness?: string): Treasury {
  const t = createTreasury({
    dataDir,
    catalogue: localCatalogue({
      rpcUrl: fx.node.url,
      ...(witness === undefined ? {} : { rpcUrls: [fx.node.url, witness] }),
      batchContract: fx.dev.contracts.batch
    }),
    secrets: createSessionSecretStore(),
    ledger: { openTransport: () => emulator.openTransport() },
    pollIntervalMs: 50,
    recheckIntervalMs: 200
  })
  opened.push(t)
  return t
}

async function close(t: Treasury): Promise<void> {
  opened.splice(opened.indexOf(t), 1)
  await t.close()
}

/** An approved ETH payout of `count` rows (0.01, 0.02, ... ETH) to fresh recipients. */
async function approvedPayout(t: Treasury, tag: string, count: number) {
  const to = fx.recipients(count, tag)
  const d = await t.createPayout({
    kind: 'mass',
    assetId: `${CHAIN_ID}:native`,
    description: tag,
    recipients: to.map((address, i) => ({ address, amount: `0.0${i + 1}` }))
  })
  await submitAcknowledged(t, d.id)
  return { id: d.id, to, amounts: to.map((_, i) => (BigInt(i + 1) * ETHER) / 100n) }
}

/** The account's own key (the emulator's seed): what another wallet holding it signs with. */
function keyOf(account: string): HDNodeWallet {
  const root = HDNodeWallet.fromSeed(Mnemonic.fromPhrase(SPECULOS_MNEMONIC).computeSeed())
  for (const n of [1, 2, 3, 4, 5]) {
    const key = root.derivePath(`m/${accountPath(n)}`)
    if (key.address === account) return key
  }
  throw new Error(`No test account is ${account}`)
}

/** A plain ETH send from the account, signed with its key by another wallet and sent raw. */
async function sendFrom(account: string, to: string, value: bigint): Promise<void> {
  const nonce = Number(BigInt((await fx.send('eth_getTransactionCount', [account, 'pending'])) as string))
  const gasPrice = BigInt((await fx.send('eth_gasPrice', [])) as string)
  const raw = await keyOf(account).signTransaction({
    type: 2,
    chainId: CHAIN_ID,
    nonce,
    to,
    value,
    gasLimit: 21_000n,
    maxFeePerGas: gasPrice * 2n,
    maxPriorityFeePerGas: 1n
  })
  await fx.send('eth_sendRawTransaction', [raw])
}

/** Transactions sent from the account by another wallet: one-wei sends to fresh addresses. */
async function sendElsewhere(account: string, count: number, tag: string): Promise<void> {
  for (const to of fx.recipients(count, tag)) await sendFrom(account, to, 1n)
}

/** A setting written into the file by hand, as anyone who can edit it could. */
function writeSetting(dataDir: string, key: string, value: unknown): void {
  const db = new Database(join(dataDir, DATABASE_FILE))
  try {
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
    ).run(key, JSON.stringify(value))
  } finally {
    db.close()
  }
}

function auditActions(dataDir: string): { action: string; detail: string | null }[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true })
  try {
    return db.prepare('SELECT action, detail FROM audit_log ORDER BY id').all() as {
      action: string
      detail: string | null
    }[]
  } finally {
    db.close()
  }
}

describe('a data folder copied before a payment was made (a restored backup)', () => {
  it('refuses to pay the rows again, naming the transaction that paid them, until someone says it was looked at', async () => {
    const path = accountPath(1)
    const payer = emulator.addressOf(path)
    const original = tempDir('treasury-unrecorded-')
    const t = open(original)
    await t.updateSettings({ confirmations: 1 })
    const payout = await approvedPayout(t, 'restored-backup', 3)
    await close(t)
    const copy = tempDir('treasury-unrecorded-copy-')
    cpSync(original, copy, { recursive: true })

    const paying = open(original)
    const result = await paying.executePayout({ id: payout.id, accountPath: path, plan: 'batch' })
    expect(result.stopped).toBeNull()
    await untilDone(
      fx,
      'the payout completes',
      async () => (await paying.getPayout({ id: payout.id })).status === 'completed'
    )
    await close(paying)
    expect(await fx.balances(fx.native, payout.to)).toEqual(payout.amounts)

    const restored = open(copy)
    const shown = await restored.getPayout({ id: payout.id })
    expect(shown.itemCounts.queued).toBe(3) // the copy has no record of the payment
    const batchHash = result.signed.at(-1)!
    const refusal = {
      code: 'unrecorded_sends',
      message: expect.stringContaining(
        `Transaction ${batchHash} (number 0) paid the recipient of row 1 its amount; Transaction ${batchHash} (number 0) paid the recipient of row 2 its amount`
      ),
      details: { chainId: CHAIN_ID, account: payer, through: 1, rows: [1, 2, 3] }
    }
    await expect(restored.quotePayout({ id: payout.id, accountPath: path })).rejects.toMatchObject(refusal)
    await expect(restored.executePayout({ id: payout.id, accountPath: path, plan: 'batch' })).rejects.toMatchObject(
      refusal
    )
    await expect(restored.quotePayout({ id: payout.id, accountPath: path })).rejects.toMatchObject({
      message: expect.stringMatching(
        new RegExp(`this is the first payment this app makes from ${payer}.*lacks the records of those payments`)
      )
    })
    // Nothing was paid twice, and the refusals are on record.
    expect(await fx.balances(fx.native, payout.to)).toEqual(payout.amounts)
    expect((await restored.getPayout({ id: payout.id })).timeline.map((e) => e.action)).toContain('payment_refused')

    // A statement written into the file by whoever can edit it, not signed by the account, counts as none.
    const key = `account.${CHAIN_ID}.${payer.toLowerCase()}.checkedThrough`
    const other = await new Wallet(`0x${'11'.repeat(32)}`).signMessage(
      statementText({ chainId: CHAIN_ID, account: payer, through: 1, payoutId: payout.id })
    )
    for (const forged of [
      { through: 1, payoutId: payout.id, signature: other },
      { through: 1, payoutId: payout.id, signature: '0x1234' },
      5
    ]) {
      writeSetting(copy, key, forged)
      await expect(restored.quotePayout({ id: payout.id, accountPath: path })).rejects.toMatchObject({
        code: 'unrecorded_sends'
      })
    }
    // The device's account at the path must be the one the refusal named.
    await expect(
      restored.signUnrecordedSendsStatement({ id: payout.id, accountPath: accountPath(2), account: payer, through: 1 })
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining(`not ${payer}`) })
    // A statement cannot cover a transaction not yet sent; one the account signs up to its count is taken.
    await expect(
      restored.signUnrecordedSendsStatement({ id: payout.id, accountPath: path, account: payer, through: 2 })
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('has sent 1 transactions') })
    await expect(
      restored.signUnrecordedSendsStatement({ id: payout.id, accountPath: path, account: payer, through: 1 })
    ).resolves.toEqual({ account: payer, through: 1 })
    const quote = await restored.quotePayout({ id: payout.id, accountPath: path })
    expect(quote.payer).toBe(payer)
    await close(restored)
    const checked = auditActions(copy).filter((e) => e.action === 'account_history_checked')
    expect(checked).toEqual([
      {
        action: 'account_history_checked',
        detail: expect.stringContaining(`signed by ${payer}: its transactions up to number 0`)
      }
    ])
  })
})

describe('transactions from the paying account that this folder has no record of', () => {
  it('do not stop a payment when each was read back and paid none of its rows', async () => {
    const path = accountPath(2)
    const payer = emulator.addressOf(path)
    const folder = tempDir('treasury-unrecorded-')
    const t = open(folder)
    await t.updateSettings({ confirmations: 1 })
    await sendElsewhere(payer, 3, 'elsewhere-few')
    const payout = await approvedPayout(t, 'paid-others', 2)
    const result = await t.executePayout({ id: payout.id, accountPath: path, plan: 'per_recipient' })
    expect(result.stopped).toBeNull()
    await untilDone(
      fx,
      'the payout completes',
      async () => (await t.getPayout({ id: payout.id })).status === 'completed'
    )
    expect(await fx.balances(fx.native, payout.to)).toEqual(payout.amounts)
    // The journal now holds numbers 3 and 4: a later payment reads nothing before them again.
    await sendElsewhere(payer, 1, 'elsewhere-later')
    const next = await approvedPayout(t, 'paid-others-next', 1)
    await expect(t.quotePayout({ id: next.id, accountPath: path })).resolves.toMatchObject({ payer })
  })

  it('need a statement when they are too many to read back; the statement is asked again for later ones', async () => {
    const path = accountPath(3)
    const payer = emulator.addressOf(path)
    const folder = tempDir('treasury-unrecorded-')
    const t = open(folder)
    await sendElsewhere(payer, 17, 'elsewhere-many')
    const payout = await approvedPayout(t, 'too-many', 1)
    await expect(t.quotePayout({ id: payout.id, accountPath: path })).rejects.toMatchObject({
      code: 'unrecorded_sends',
      message: expect.stringContaining(
        '17 transactions sent from it before, which this app did not send (numbers 0 to 16). They are too many to read back here (more than 16). If any of them paid'
      ),
      details: { account: payer, through: 17, rows: [] }
    })
    await t.signUnrecordedSendsStatement({ id: payout.id, accountPath: path, account: payer, through: 17 })
    await expect(t.quotePayout({ id: payout.id, accountPath: path })).resolves.toMatchObject({ payer })
    // Another wallet sends again from the account: the new one is read back, and it paid no row.
    await sendElsewhere(payer, 1, 'elsewhere-after-statement')
    await expect(t.quotePayout({ id: payout.id, accountPath: path })).resolves.toMatchObject({ payer })
    // One that pays a queued row's recipient its amount is named, although a statement covered the earlier ones.
    await sendFrom(payer, payout.to[0]!, payout.amounts[0]!)
    await expect(t.quotePayout({ id: payout.id, accountPath: path })).rejects.toMatchObject({
      code: 'unrecorded_sends',
      message: expect.stringMatching(
        new RegExp(
          `^Nothing was signed: the paying account ${payer} has sent 2 transactions .* \\(numbers 17 to 18\\)\\. Transaction 0x[0-9a-f]{64} \\(number 18\\) paid the recipient of row 1 its amount\\.`
        )
      ),
      details: { through: 19, rows: [1] }
    })
  })
})

describe('sources that disagree about the count', () => {
  it('a statement cannot cover numbers only one source shows as used: a witness that makes transactions up holds the payment', async () => {
    const path = accountPath(5)
    const payer = emulator.addressOf(path)
    await sendElsewhere(payer, 2, 'elsewhere-overstated')
    const proxy = await startRpcFaultProxy(fx.node.url)
    try {
      // A second opinion that says the account has sent 40 transactions; the node says 2.
      proxy.addFault({
        method: 'eth_getTransactionCount',
        mode: 'rewrite_after_forward',
        rewrite: () => '0x28',
        times: Number.POSITIVE_INFINITY
      })
      const folder = tempDir('treasury-unrecorded-')
      const t = open(folder, proxy.url)
      const payout = await approvedPayout(t, 'overstated', 1)
      await expect(t.quotePayout({ id: payout.id, accountPath: path })).rejects.toMatchObject({
        code: 'unrecorded_sends',
        message: expect.stringContaining(
          "The network's endpoints disagree about how many transactions the account has sent (from 2 to 40)"
        ),
        details: { account: payer, through: 40, agreed: 2 }
      })
      const signing = t.signUnrecordedSendsStatement({ id: payout.id, accountPath: path, account: payer, through: 40 })
      await expect(signing).rejects.toMatchObject({ code: 'endpoints_disagree' })
      await expect(signing).rejects.toThrow(`disagree about how many transactions ${payer} has sent (2 to 40)`)
      expect(auditActions(folder).map((a) => a.action)).not.toContain('account_history_checked')
      await expect(t.quotePayout({ id: payout.id, accountPath: path })).rejects.toMatchObject({
        code: 'unrecorded_sends'
      })
      // Once the second opinion agrees, the two sends are read back, paid no row, and the payout can be paid.
      proxy.clearFaults()
      await expect(t.quotePayout({ id: payout.id, accountPath: path })).resolves.toMatchObject({ payer })
    } finally {
      await proxy.stop()
    }
  })
})

describe('the count of the account at the chain level', () => {
  it('takes the highest a witness reports: an endpoint that hides transactions is outvoted', async () => {
    const payer = emulator.addressOf(accountPath(4))
    await sendElsewhere(payer, 6, 'hidden')
    const proxy = await startRpcFaultProxy(fx.node.url)
    try {
      proxy.addFault({
        method: 'eth_getTransactionCount',
        mode: 'rewrite_after_forward',
        rewrite: () => '0x0',
        times: Number.POSITIVE_INFINITY
      })
      const lying = fx.rpcAt(proxy.url)
      expect(await readUnrecordedSends(lying, [], BigInt(CHAIN_ID), payer, 0)).toEqual({
        first: 0,
        next: 0,
        agreed: 0,
        sends: []
      })
      // A witness that cannot be reached adds nothing, and takes nothing away.
      const unreachable = fx.rpcAt('http://127.0.0.1:9', 500)
      expect((await readUnrecordedSends(fx.rpcAt(fx.node.url), [unreachable], BigInt(CHAIN_ID), payer, 0)).next).toBe(6)
      const found = await readUnrecordedSends(lying, [unreachable, fx.rpcAt(fx.node.url)], BigInt(CHAIN_ID), payer, 0)
      expect(found.next).toBe(6)
      // Read in groups of four, kept in number order, each the one-wei send it was.
      expect(found.sends).toMatchObject(
        [0, 1, 2, 3, 4, 5].map((nonce) => ({
          nonce,
          kind: 'read',
          succeeded: true,
          effect: { kind: TX_PURPOSE.payment, payments: [{ amount: 1n }] }
        }))
      )
    } finally {
      await proxy.stop()
    }
  })
})

describe('a transaction read back', () => {
  it('is believed only as the account signed it: one served with another recipient is not read', async () => {
    const payer = emulator.addressOf(accountPath(4))
    const first = Number(BigInt((await fx.send('eth_getTransactionCount', [payer, 'latest'])) as string))
    const [real, madeUp] = fx.recipients(2, 'served-otherwise')
    await sendFrom(payer, real!, 5n)
    const proxy = await startRpcFaultProxy(fx.node.url)
    try {
      // An endpoint that serves the account's payment as if it had paid someone else.
      proxy.addFault({
        method: 'eth_getTransactionByHash',
        mode: 'rewrite_after_forward',
        rewrite: (result) => ({ ...(result as Record<string, unknown>), to: madeUp!.toLowerCase() }),
        times: Number.POSITIVE_INFINITY
      })
      const lied = await readUnrecordedSends(fx.rpcAt(proxy.url), [], BigInt(CHAIN_ID), payer, first)
      expect(proxy.hits.get('eth_getTransactionByHash')).toBeGreaterThan(0)
      expect(lied.sends).toEqual([{ nonce: first, kind: 'not_found' }])
      // Served as signed, the same transaction is read, paying its real recipient.
      const honest = await readUnrecordedSends(fx.rpcAt(fx.node.url), [], BigInt(CHAIN_ID), payer, first)
      const send = honest.sends?.[0]
      expect(send?.kind).toBe('read')
      if (send?.kind === 'read' && send.effect.kind === TX_PURPOSE.payment)
        expect(send.effect.payments.map((p) => [p.to.toLowerCase(), p.amount])).toEqual([[real!.toLowerCase(), 5n]])
      else throw new Error('the payment was not read')
    } finally {
      await proxy.stop()
    }
  })
})

describe('judging what was read back', () => {
  const row = (n: number, to: string, amount: bigint): PaymentRow => ({ itemId: `p:${n}`, row: n, to, amount })
  const A = '0x00000000000000000000000000000000000000aa'
  const B = '0x00000000000000000000000000000000000000bb'
  const rows = [row(1, A, 5n), row(2, B, 7n)]
  const payment = (nonce: number, payments: { to: string; amount: bigint }[], succeeded: boolean | null = true) =>
    ({ nonce, kind: 'read', hash: `0x${nonce}`, effect: { kind: TX_PURPOSE.payment, payments }, succeeded }) as const

  it('names rows paid to their recipient in their amount, in any letter case, and nothing else', () => {
    const verdict = judgeSends(
      {
        first: 4,
        next: 7,
        agreed: 7,
        sends: [
          payment(4, [{ to: A.toUpperCase().replace('0X', '0x'), amount: 5n }]),
          payment(5, [{ to: B, amount: 8n }]),
          { nonce: 6, kind: 'read', hash: '0x6', effect: { kind: TX_PURPOSE.approve }, succeeded: true }
        ]
      },
      rows
    )
    expect(verdict).toEqual({ paid: [{ row: 1, hash: '0x4', nonce: 4 }], unjudged: 0 })
  })

  it('asks a person about a reverted payment to a queued row (a receipt proves less than a signature), ignores one to nobody queued, and counts one with no receipt served as paying', () => {
    expect(
      judgeSends({ first: 0, next: 1, agreed: 1, sends: [payment(0, [{ to: B, amount: 7n }], false)] }, rows)
    ).toEqual({
      paid: [],
      unjudged: 1
    })
    expect(
      judgeSends({ first: 0, next: 1, agreed: 1, sends: [payment(0, [{ to: B, amount: 8n }], false)] }, rows)
    ).toEqual({
      paid: [],
      unjudged: 0
    })
    expect(
      judgeSends({ first: 0, next: 1, agreed: 1, sends: [payment(0, [{ to: B, amount: 7n }], null)] }, rows)
    ).toEqual({
      paid: [{ row: 2, hash: '0x0', nonce: 0 }],
      unjudged: 0
    })
  })

  it('cannot judge a transaction it did not find, one it cannot read, or too many to read', () => {
    expect(
      judgeSends(
        {
          first: 0,
          next: 2,
          agreed: 2,
          sends: [
            { nonce: 0, kind: 'not_found' },
            { nonce: 1, kind: 'read', hash: '0x1', effect: { kind: 'unreadable' }, succeeded: true }
          ]
        },
        rows
      )
    ).toEqual({ paid: [], unjudged: 2 })
    expect(judgeSends({ first: 3, next: 40, agreed: 40, sends: null }, rows)).toEqual({ paid: [], unjudged: 37 })
  })
})
