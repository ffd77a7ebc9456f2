// Integration: cancelling a Safe transaction with an owner on another desk, through createTreasury on
// anvil with the real Safe 1.4.1 contracts, two desks with their own data folders and Ledgers. The
// drafting desk plans a payout from a 2-of-3 Safe, then its cancellation (a zero-value Safe
// transaction at the same number) and exports it as a file; the other owner's desk, which never saw
// the payment, imports it and is shown the payment it cancels, signs the cancellation on its Ledger
// and sends the signature file back; the drafting desk adds its own signature and executes it. The
// payment can then never run: the Safe's number moved once, nobody was paid (read on chain), and
// both desks show the payment cancelled. A file whose cancellation was changed into a payment, or
// whose named payment was changed, is refused.
import { getAddress, toBeHex } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ETHER, TOKEN_UNIT, type ChainFixture } from '../../test/chainFixture'
import { LOCAL_CHAIN_ID as CHAIN_ID } from '../../test/localCatalogue'
import { submitAcknowledged } from '../../test/submit'
import {
  OWNER_PATH,
  deskSeed,
  openTreasuryDesk,
  safeNonceOf,
  startSafeChain,
  type TreasuryDesk
} from '../../test/treasuryDesk'
import type { FileContent } from '../../shared/api'
import { createLedgerEmulator } from '../ledger/emulator'
import { safeTxHash, safeTxOf } from '../safe/safeTx'
import type { Treasury } from '../treasury'

const SCOPE = 'safe-cancel'
type Desk = TreasuryDesk

let fx: ChainFixture
let safe: string
let ana: Desk
let boris: Desk

beforeAll(async () => {
  const chain = await startSafeChain()
  fx = chain.fx
  const { safes, catalogue } = chain
  const open = (name: string): Promise<Desk> =>
    openTreasuryDesk({ name: `safe-cancel-${name}`, seed: deskSeed(SCOPE, name), catalogue })
  ana = await open('ana')
  boris = await open('boris')
  const chen = createLedgerEmulator({ mnemonic: deskSeed(SCOPE, 'chen') }).addressOf(OWNER_PATH)
  safe = await safes.createSafe([ana.address, boris.address, chen], 2)
  await fx.send('anvil_setBalance', [safe, toBeHex(10n * ETHER)])
  await fx.send('anvil_setBalance', [ana.address, toBeHex(10n * ETHER)])
  await fx.dev.mintToken(safe, 1_000n * TOKEN_UNIT)
  await ana.t.addSafeAccount({ chainId: CHAIN_ID, address: safe })
}, 180_000)

afterAll(async () => {
  await ana?.t.close()
  await boris?.t.close()
  await fx?.stop()
})

const json = (f: FileContent): Record<string, unknown> =>
  JSON.parse(Buffer.from(f.contentBase64, 'base64').toString('utf8')) as Record<string, unknown>
const asFile = (fileName: string, body: unknown): FileContent => ({
  fileName,
  contentBase64: Buffer.from(JSON.stringify(body)).toString('base64')
})

async function untilSettled(t: Treasury, payoutId: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await t.listPayoutTransactions({ id: payoutId })).every((tx) => tx.state === 'confirmed')) return
    await fx.mine()
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('the cancellation was not confirmed')
}

describe('a cancellation signed by file on another owner’s desk', () => {
  it('is shown there with the payment it cancels, signed, sent back, executed, and the payment never runs', async () => {
    const recipients = fx.recipients(2, 'safe-cancel')
    const draft = await ana.t.createPayout({
      kind: 'mass',
      assetId: `${CHAIN_ID}:${getAddress(fx.dev.contracts.token)}`,
      description: 'Invoices paid twice by mistake',
      recipients: recipients.map((address, i) => ({ address, amount: `${i + 1}` }))
    })
    await submitAcknowledged(ana.t, draft.id, { payerAddress: safe })
    const safeId = `${CHAIN_ID}:${safe}`
    const payment = (await ana.t.planSafePayout({ id: draft.id, safeId, route: 'transfers' })).transactions[0]!
    await ana.t.signSafeTransaction({ id: draft.id, safeTxHash: payment.safeTxHash, accountPath: OWNER_PATH })

    const planned = await ana.t.cancelSafeTransaction({ id: draft.id, safeTxHash: payment.safeTxHash })
    const cancel = planned.transactions.find((t) => t.purpose === 'cancel')!
    expect(cancel).toMatchObject({ nonce: payment.nonce, to: safe, valueBaseUnits: '0', dataBytes: 0, operation: 0 })
    const file = await ana.t.exportSafeTransaction({ id: draft.id, safeTxHash: cancel.safeTxHash })
    expect(file.fileName).toBe(`${draft.id}-safe-tx-${payment.nonce}-cancel.json`)
    expect(json(file)).toMatchObject({
      safeTxHash: cancel.safeTxHash,
      cancels: { safeTxHash: payment.safeTxHash },
      rows: [
        { to: recipients[0], amount: '1000000' },
        { to: recipients[1], amount: '2000000' }
      ]
    })

    await boris.t.addSafeAccount({ chainId: CHAIN_ID, address: safe })
    // A payment dressed up as the cancellation, its hash made to match: not a cancellation.
    const dressed = json(file) as { safeTx: Record<string, string | number>; safeTxHash: string }
    dressed.safeTx.to = recipients[0]!
    dressed.safeTx.value = '1'
    dressed.safeTxHash = safeTxHash(
      fx.node.chainId,
      safe,
      safeTxOf({ to: recipients[0]!, value: 1n, data: '0x' }, BigInt(payment.nonce))
    )
    await expect(boris.t.importSafeTransaction(asFile('dressed.json', dressed))).rejects.toMatchObject({
      code: 'safe_calldata_unrecognised',
      message: expect.stringMatching(/not a cancellation/)
    })
    // The payment it names, changed to pay someone else: its hash no longer holds.
    const retargeted = json(file) as { cancels: { safeTx: { data: string } } }
    retargeted.cancels.safeTx.data = retargeted.cancels.safeTx.data.replace(
      recipients[0]!.slice(2).toLowerCase(),
      recipients[1]!.slice(2).toLowerCase()
    )
    await expect(boris.t.importSafeTransaction(asFile('retargeted.json', retargeted))).rejects.toMatchObject({
      code: 'safe_hash_mismatch'
    })

    // Boris's desk never saw the payment: it is shown with the cancellation at the same number.
    const atBoris = await boris.t.importSafeTransaction(file)
    expect(atBoris.origin).toBe('imported')
    expect(atBoris.transactions.map((t) => [t.purpose, t.safeTxHash, t.nonce, t.state, t.rowCount])).toEqual([
      ['payment', payment.safeTxHash, payment.nonce, 'awaiting_signatures', 2],
      ['cancel', cancel.safeTxHash, payment.nonce, 'awaiting_signatures', 2]
    ])
    // The sentence names the number; the payment's hash stands beside it, not inside it.
    expect(atBoris.transactions[1]).toMatchObject({
      pairedWith: payment.safeTxHash,
      explanation: expect.stringContaining(`Safe transaction number ${payment.nonce}`)
    })
    expect(atBoris.transactions[1]?.explanation).not.toMatch(/0x[0-9a-f]{64}/)
    const signed = await boris.t.signSafeTransaction({
      id: draft.id,
      safeTxHash: cancel.safeTxHash,
      accountPath: OWNER_PATH
    })
    expect(signed.transactions[1]?.signatures.map((s) => s.signer)).toEqual([boris.address])
    expect(boris.device.screens.at(-1)).toMatchObject({ kind: 'typedData', outcome: 'approved' })
    const signature = await boris.t.exportSafeSignature({
      id: draft.id,
      safeTxHash: cancel.safeTxHash,
      signer: boris.address
    })
    expect(json(signature)).toMatchObject({
      format: 'treasury.safe-signature',
      cancels: { safeTxHash: payment.safeTxHash }
    })

    const withBoris = await ana.t.importSafeSignature({ id: draft.id, ...signature })
    expect(withBoris.transactions.find((t) => t.purpose === 'cancel')?.signatures).toMatchObject([
      { signer: boris.address, source: 'file', sourceFile: signature.fileName }
    ])
    // The payment still has only Ana's signature: Boris's signed the cancellation, nothing else.
    expect(withBoris.transactions.find((t) => t.purpose === 'payment')?.signatures.map((s) => s.signer)).toEqual([
      ana.address
    ])
    await ana.t.signSafeTransaction({ id: draft.id, safeTxHash: cancel.safeTxHash, accountPath: OWNER_PATH })
    const nonce = await safeNonceOf(fx, safe)
    await ana.t.executeSafeTransaction({ id: draft.id, safeTxHash: cancel.safeTxHash, accountPath: OWNER_PATH })
    await untilSettled(ana.t, draft.id)

    expect(await safeNonceOf(fx, safe)).toBe(nonce + 1n)
    expect(await fx.balances(fx.token, recipients)).toEqual([0n, 0n])
    const done = await ana.t.getSafePayout({ id: draft.id })
    expect(done?.transactions.map((t) => [t.purpose, t.state])).toEqual([
      ['payment', 'cancelled'],
      ['cancel', 'executed']
    ])
    expect(done?.transactions[0]).toMatchObject({
      pairedWith: cancel.safeTxHash,
      explanation: expect.stringContaining(`same number ${payment.nonce}`)
    })
    expect(done?.transactions[0]?.explanation).not.toMatch(/0x[0-9a-f]{64}/)
    expect((await ana.t.getPayout({ id: draft.id })).itemCounts.paid).toBe(0)
    await expect(
      ana.t.executeSafeTransaction({ id: draft.id, safeTxHash: payment.safeTxHash, accountPath: OWNER_PATH })
    ).rejects.toMatchObject({ code: 'safe_already_executed' })
    const atBorisAfter = await boris.t.getSafePayout({ id: draft.id })
    expect(atBorisAfter?.transactions.map((t) => [t.purpose, t.state])).toEqual([
      ['payment', 'cancelled'],
      ['cancel', 'executed']
    ])
  }, 180_000)
})
