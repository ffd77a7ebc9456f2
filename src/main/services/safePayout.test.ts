// Integration: a payout paid from a 2-of-3 Safe through createTreasury, on anvil with the real Safe
// 1.4.1 contracts, by two desks with their own data folders and Ledgers exchanging files. The
// drafting desk adds the Safe (verified on chain), plans the payout into a Safe transaction and
// exports it; an owner's desk imports it, signs on its Ledger and sends the signature file back;
// the drafting desk's own owner signs, the threshold is met and the Safe executes through the
// executor. Every balance is read on chain; the report lists each owner's signature. A signature
// from a non-owner, a file with changed calldata, an unknown Safe and paying a Safe-planned payout
// from a Ledger account are refused with their reasons.
import * as XLSX from '@e965/xlsx'
import { HDNodeWallet, Signature, getAddress, toBeHex } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ETHER, TOKEN_UNIT, type ChainFixture } from '../../test/chainFixture'
import type { SafeDeployer } from '../../test/deploySafe'
import { submitAcknowledged } from '../../test/submit'
import { LOCAL_CHAIN_ID as CHAIN_ID } from '../../test/localCatalogue'
import {
  OWNER_PATH,
  deskSeed,
  openTreasuryDesk,
  startSafeChain,
  untilPayoutSettled,
  type TreasuryDesk
} from '../../test/treasuryDesk'
import type { FileContent } from '../../shared/api'
import type { SafePayoutView } from '../../shared/safe'
import { createLedgerEmulator } from '../ledger/emulator'

const SCOPE = 'safe-desk'
const seedOf = (name: string): string => deskSeed(SCOPE, name)

let fx: ChainFixture
let safes: SafeDeployer
let safe: string
let ana: TreasuryDesk
let boris: TreasuryDesk
const chen = createLedgerEmulator({ mnemonic: seedOf('chen') }).addressOf(OWNER_PATH)

const bytes = (f: FileContent): Buffer => Buffer.from(f.contentBase64, 'base64')
const asFile = (name: string, json: unknown) => ({
  fileName: name,
  contentBase64: Buffer.from(JSON.stringify(json)).toString('base64')
})

beforeAll(async () => {
  const chain = await startSafeChain()
  ;({ fx, safes } = chain)
  const open = (name: string): Promise<TreasuryDesk> =>
    openTreasuryDesk({ name: `safe-${name}`, seed: seedOf(name), catalogue: chain.catalogue })
  ana = await open('ana')
  boris = await open('boris')
  safe = await safes.createSafe([ana.address, boris.address, chen], 2)
  await fx.send('anvil_setBalance', [safe, toBeHex(100n * ETHER)])
  await fx.send('anvil_setBalance', [ana.address, toBeHex(100n * ETHER)])
  await fx.dev.mintToken(safe, 1_000_000n * TOKEN_UNIT)
}, 180_000)

afterAll(async () => {
  await ana?.t.close()
  await boris?.t.close()
  await fx?.stop()
})

describe('treasury accounts', () => {
  it('adds a verified Safe with its owners, threshold, nonce and balances, and refuses what is not a Safe', async () => {
    const added = await ana.t.addSafeAccount({ chainId: CHAIN_ID, address: safe })
    expect(added).toMatchObject({ address: safe, version: '1.4.1', threshold: 2, nonce: '0', flags: [] })
    expect(added.owners.map((o) => o.address)).toEqual([ana.address, boris.address, chen])
    expect(added.balances.find((b) => b.symbol === 'TUSD')?.balanceBaseUnits).toBe((1_000_000n * TOKEN_UNIT).toString())
    await expect(ana.t.addSafeAccount({ chainId: CHAIN_ID, address: fx.dev.contracts.token })).rejects.toMatchObject({
      code: 'safe_not_verified',
      message: expect.stringMatching(/not a Safe proxy/)
    })
    await expect(ana.t.addSafeAccount({ chainId: CHAIN_ID, address: ana.address })).rejects.toMatchObject({
      code: 'safe_not_verified',
      message: expect.stringMatching(/no contract/)
    })
    expect((await ana.t.listSafeAccounts({})).map((a) => a.address)).toEqual([safe])
  })
})

describe('a payout paid from a 2-of-3 Safe by two desks exchanging files', () => {
  it('plans, collects both owners, executes, pays every row on chain and reports each signature', async () => {
    const recipients = fx.recipients(3, 'safe-desks')
    const draft = await ana.t.createPayout({
      kind: 'mass',
      assetId: `${CHAIN_ID}:${getAddress(fx.dev.contracts.token)}`,
      description: 'Contractors',
      recipients: recipients.map((address, i) => ({ address, amount: `${i + 1}.5` }))
    })
    await submitAcknowledged(ana.t, draft.id, { payerAddress: safe })
    const safeId = `${CHAIN_ID}:${safe}`

    const quote = await ana.t.quoteSafePayout({ id: draft.id, safeId })
    const transfers = quote.options.find((o) => o.route === 'transfers')
    expect(transfers).toMatchObject({ available: true, transactions: 1, signaturesNeeded: 2, confirmationsPerOwner: 1 })
    // What crosses to the window is decimal text of base units, never a bigint.
    for (const option of quote.options.filter((o) => o.available))
      for (const figure of [option.gas, option.estimatedFeeBaseUnits, option.maximumFeeBaseUnits])
        expect(figure).toMatch(/^[1-9][0-9]*$/)
    expect(quote.missingBaseUnits).toBe('0')

    const planned = await ana.t.planSafePayout({ id: draft.id, safeId, route: 'transfers' })
    expect(planned.transactions).toHaveLength(1)
    const tx = planned.transactions[0]!
    expect(tx).toMatchObject({ nonce: '0', rowCount: 3, state: 'awaiting_signatures', signatures: [] })
    // Paying the same rows from a Ledger account is refused while the Safe transaction stands.
    await expect(ana.t.executePayout({ id: draft.id, accountPath: OWNER_PATH, plan: 'batch' })).rejects.toMatchObject({
      code: 'safe_pays_this_payout'
    })

    // Boris's desk: the Safe is one of its accounts; it imports the file, signs, sends the signature back.
    const txFile = await ana.t.exportSafeTransaction({ id: draft.id, safeTxHash: tx.safeTxHash })
    await expect(
      boris.t.importSafeTransaction({ fileName: txFile.fileName, contentBase64: txFile.contentBase64 })
    ).rejects.toMatchObject({ code: 'safe_account_unknown' })
    await boris.t.addSafeAccount({ chainId: CHAIN_ID, address: safe })
    const tampered = JSON.parse(bytes(txFile).toString('utf8')) as { safeTx: { data: string } }
    tampered.safeTx.data = tampered.safeTx.data.replace('16e360', '26e360')
    expect(tampered.safeTx.data).not.toBe(JSON.parse(bytes(txFile).toString('utf8')).safeTx.data)
    await expect(boris.t.importSafeTransaction(asFile('tampered.json', tampered))).rejects.toMatchObject({
      code: 'safe_hash_mismatch'
    })
    const atBoris = await boris.t.importSafeTransaction({
      fileName: txFile.fileName,
      contentBase64: txFile.contentBase64
    })
    expect(atBoris).toMatchObject({ origin: 'imported', safe, threshold: 2 })
    const signedAtBoris = await boris.t.signSafeTransaction({
      id: draft.id,
      safeTxHash: tx.safeTxHash,
      accountPath: OWNER_PATH
    })
    expect(signedAtBoris.transactions[0]?.signatures.map((s) => s.signer)).toEqual([boris.address])
    expect(boris.device.screens.at(-1)).toMatchObject({ kind: 'typedData', outcome: 'approved' })
    const borisFile = await boris.t.exportSafeSignature({
      id: draft.id,
      safeTxHash: tx.safeTxHash,
      signer: boris.address
    })

    // A signature of the same Safe transaction by someone who is not an owner is refused.
    const outsider = HDNodeWallet.fromPhrase(seedOf('dora'), undefined, `m/${OWNER_PATH}`)
    const forged = JSON.parse(bytes(borisFile).toString('utf8')) as { signer: string; signature: string }
    forged.signer = outsider.address
    forged.signature = Signature.from(outsider.signingKey.sign(tx.safeTxHash)).serialized
    await expect(ana.t.importSafeSignature({ id: draft.id, ...asFile('dora.json', forged) })).rejects.toMatchObject({
      code: 'safe_signer_not_owner',
      message: expect.stringContaining(outsider.address)
    })

    // One signature is not enough to execute.
    const one = await ana.t.importSafeSignature({ id: draft.id, ...borisFile })
    expect(one.transactions[0]?.signatures).toMatchObject([{ signer: boris.address, source: 'file' }])
    await expect(
      ana.t.executeSafeTransaction({ id: draft.id, safeTxHash: tx.safeTxHash, accountPath: OWNER_PATH })
    ).rejects.toMatchObject({ code: 'safe_threshold_not_met' })

    await ana.t.signSafeTransaction({ id: draft.id, safeTxHash: tx.safeTxHash, accountPath: OWNER_PATH })
    const before = await fx.balances(fx.token, recipients)
    const executing = await ana.t.executeSafeTransaction({
      id: draft.id,
      safeTxHash: tx.safeTxHash,
      accountPath: OWNER_PATH
    })
    expect(executing.transactions[0]?.executionHash).toMatch(/^0x[0-9a-f]{64}$/)
    await untilPayoutSettled(fx, ana.t, draft.id)
    const after = await fx.balances(fx.token, recipients)
    expect(after.map((b, i) => b - before[i]!)).toEqual([1_500_000n, 2_500_000n, 3_500_000n])
    expect((await ana.t.getPayout({ id: draft.id })).status).toBe('completed')

    const settled = (await ana.t.getSafePayout({ id: draft.id })) as SafePayoutView
    expect(settled.transactions[0]).toMatchObject({ state: 'executed', signatures: expect.any(Array) })
    expect(settled.safeNonce).toBe('1')

    const report = await ana.t.exportPayoutReport({ id: draft.id, format: 'xlsx' })
    const sheet = XLSX.read(bytes(report)).Sheets['Safe signatures']
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(sheet!)
    expect(rows.map((r) => r.owner).sort()).toEqual([ana.address, boris.address].sort())
    expect(rows.every((r) => r.safe_tx_hash === tx.safeTxHash && r.state === 'executed')).toBe(true)
    expect(rows.find((r) => r.owner === boris.address)).toMatchObject({ source: 'file', file: borisFile.fileName })
  }, 180_000)
})

describe('a nonce used by a Safe transaction made elsewhere', () => {
  it('is shown, and the rows are planned again on a new nonce only once the user confirmed it', async () => {
    const [to] = fx.recipients(1, 'safe-elsewhere')
    const draft = await ana.t.createPayout({
      kind: 'single',
      assetId: `${CHAIN_ID}:native`,
      description: 'Refund',
      recipients: [{ address: to!, amount: '0.25' }]
    })
    await submitAcknowledged(ana.t, draft.id, { payerAddress: safe })
    const safeId = `${CHAIN_ID}:${safe}`
    const first = (await ana.t.planSafePayout({ id: draft.id, safeId, route: 'transfers' })).transactions[0]!
    // Two owners use that nonce in Safe{Wallet} for something else.
    const keys = ['ana', 'boris'].map(
      (n) => HDNodeWallet.fromPhrase(seedOf(n), undefined, `m/${OWNER_PATH}`).privateKey
    )
    await safes.execWithKeys(
      safe,
      {
        to: chen,
        value: 1n,
        data: '0x',
        operation: 0,
        safeTxGas: 0n,
        baseGas: 0n,
        gasPrice: 0n,
        gasToken: '0x0000000000000000000000000000000000000000',
        refundReceiver: '0x0000000000000000000000000000000000000000'
      },
      keys
    )
    const seen = (await ana.t.getSafePayout({ id: draft.id }))!
    expect(seen.transactions[0]).toMatchObject({ state: 'nonce_consumed', nonce: first.nonce })
    expect(seen.replanNeeded).toMatch(
      new RegExp(`transaction number ${first.nonce} was used by another Safe transaction`)
    )
    await expect(ana.t.planSafePayout({ id: draft.id, safeId, route: 'transfers' })).rejects.toMatchObject({
      code: 'safe_replan_unconfirmed'
    })
    const again = await ana.t.planSafePayout({ id: draft.id, safeId, route: 'transfers', replanConfirmed: true })
    expect(again.replanNeeded).toBeNull()
    expect(again.transactions.map((t) => [t.nonce, t.state])).toEqual([
      [first.nonce, 'superseded'],
      [(BigInt(first.nonce) + 1n).toString(), 'awaiting_signatures']
    ])
  }, 120_000)
})
