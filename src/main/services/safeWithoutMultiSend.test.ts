// Integration: paying from a Safe on a network where MultiSendCallOnly is not deployed, or where the
// address given for it holds other code, through createTreasury on anvil with the real Safe 1.4.1
// contracts. Nothing is delegated to: a one-row payout is one direct Safe transaction (an ERC-20
// transfer or a native send, operation CALL), signed on another desk by file and executed; a few
// rows are one Safe transaction per row, each executed in turn; the native batch contract (a
// plain call) still pays many rows at once; the token batch, and more rows than owners can sign one
// by one, are refused with why and what to do. Every balance is read on chain.
import { getAddress, toBeHex } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ETHER, TOKEN_UNIT, startChainFixture, type ChainFixture } from '../../test/chainFixture'
import { deploySafeContracts } from '../../test/deploySafe'
import { submitAcknowledged } from '../../test/submit'
import {
  OWNER_PATH,
  deskSeed,
  openTreasuryDesk,
  safeNonceOf,
  untilPayoutSettled,
  untilSafeTxSettled,
  type TreasuryDesk
} from '../../test/treasuryDesk'
import type { SafePayoutView } from '../../shared/safe'
import { LOCAL_CHAIN_ID as CHAIN_ID, localCatalogue } from '../../test/localCatalogue'
import type { Catalogue } from '../domain/catalogue'
import { MAX_SAFE_TXS_WITHOUT_MULTISEND } from '../safe'

/** Ana's Ledger holds two of the Safe's owners, so her desk alone can meet the threshold. */
const SECOND_OWNER_PATH = "44'/60'/0'/0/1"
const seedOf = (name: string): string => deskSeed('no-multisend', name)

type Desk = TreasuryDesk

let fx: ChainFixture
let safe: string
let ana: Desk
let boris: Desk
/** A desk whose catalogue names the token contract as the network's MultiSendCallOnly. */
let mislabelled: Desk
const desks: Desk[] = []

function catalogueWith(multiSendCallOnly: string | undefined): Catalogue {
  const chain = { rpcUrl: fx.node.url, batchContract: fx.dev.contracts.batch, token: fx.dev.contracts.token }
  return localCatalogue(multiSendCallOnly === undefined ? chain : { ...chain, multiSendCallOnly })
}

async function openDesk(name: string, seed: string, catalogue: Catalogue): Promise<Desk> {
  const desk = await openTreasuryDesk({ name: `no-multisend-${name}`, seed, catalogue })
  desks.push(desk)
  return desk
}

beforeAll(async () => {
  fx = await startChainFixture()
  // Deployed, but at an address no catalogue here names: the published address holds nothing.
  const safes = await deploySafeContracts(fx.dev.deployer, fx.node.chainId)
  const none = catalogueWith(undefined)
  ana = await openDesk('ana', seedOf('ana'), none)
  boris = await openDesk('boris', seedOf('boris'), none)
  mislabelled = await openDesk('mislabelled', seedOf('ana'), catalogueWith(getAddress(fx.dev.contracts.token)))
  safe = await safes.createSafe(
    [ana.device.addressOf(OWNER_PATH), ana.device.addressOf(SECOND_OWNER_PATH), boris.device.addressOf(OWNER_PATH)],
    2
  )
  await fx.send('anvil_setBalance', [safe, toBeHex(100n * ETHER)])
  await fx.send('anvil_setBalance', [ana.device.addressOf(OWNER_PATH), toBeHex(100n * ETHER)])
  await fx.dev.mintToken(safe, 1_000_000n * TOKEN_UNIT)
  for (const d of [ana, boris, mislabelled]) await d.t.addSafeAccount({ chainId: CHAIN_ID, address: safe })
}, 180_000)

afterAll(async () => {
  for (const d of desks) await d.t.close()
  await fx?.stop()
})

const safeId = (): string => `${CHAIN_ID}:${safe}`
const tokenId = (): string => `${CHAIN_ID}:${getAddress(fx.dev.contracts.token)}`

/** A payout drafted on `desk` and submitted with the Safe as its payer. */
async function submitted(desk: Desk, assetId: string, amounts: readonly string[], tag: string) {
  const to = fx.recipients(amounts.length, tag)
  const draft = await desk.t.createPayout({
    kind: amounts.length === 1 ? 'single' : 'mass',
    assetId,
    description: tag,
    recipients: to.map((address, i) => ({ address, amount: amounts[i]! }))
  })
  await submitAcknowledged(desk.t, draft.id, { payerAddress: safe })
  return { id: draft.id, to }
}

/** Both of Ana's owner accounts sign each Safe transaction on her desk, then each is executed in nonce order. */
async function signAndExecuteAll(desk: Desk, payoutId: string, planned: SafePayoutView): Promise<void> {
  for (const tx of planned.transactions)
    for (const path of [OWNER_PATH, SECOND_OWNER_PATH])
      await desk.t.signSafeTransaction({ id: payoutId, safeTxHash: tx.safeTxHash, accountPath: path })
  for (const tx of planned.transactions) {
    await desk.t.executeSafeTransaction({ id: payoutId, safeTxHash: tx.safeTxHash, accountPath: OWNER_PATH })
    expect(await untilSafeTxSettled(fx, desk.t, payoutId, tx.safeTxHash)).toBe('executed')
  }
  await completed(desk, payoutId)
}

async function completed(desk: Desk, payoutId: string): Promise<void> {
  await untilPayoutSettled(fx, desk.t, payoutId)
  expect((await desk.t.getPayout({ id: payoutId, offset: 0, limit: 1 })).status).toBe('completed')
}

describe('a Safe on a network without MultiSendCallOnly', () => {
  it('pays a single token payout as one direct transfer, signed on another desk by file', async () => {
    const payout = await submitted(ana, tokenId(), ['12.5'], 'no-multisend-token-single')
    const quote = await ana.t.quoteSafePayout({ id: payout.id, safeId: safeId() })
    expect(quote.options.find((o) => o.route === 'transfers')).toMatchObject({
      available: true,
      transactions: 1,
      signaturesNeeded: 2
    })
    expect(quote.options.find((o) => o.route === 'batch_contract')).toMatchObject({
      available: false,
      code: 'safe_multisend_unavailable',
      reason: expect.stringMatching(/MultiSendCallOnly is not deployed on chain 31337.*Pay the rows as transfers/)
    })
    const planned = await ana.t.planSafePayout({ id: payout.id, safeId: safeId(), route: 'transfers' })
    const tx = planned.transactions[0]!
    expect(planned.transactions).toHaveLength(1)
    // A plain CALL to the token: nothing is delegated to.
    expect(tx).toMatchObject({ operation: 0, to: getAddress(fx.dev.contracts.token), valueBaseUnits: '0', rowCount: 1 })

    // Boris's desk holds no payout: it takes the file in, decodes the transfer, signs and sends the signature back.
    const file = await ana.t.exportSafeTransaction({ id: payout.id, safeTxHash: tx.safeTxHash })
    const atBoris = await boris.t.importSafeTransaction(file)
    expect(atBoris.transactions[0]).toMatchObject({ safeTxHash: tx.safeTxHash, operation: 0, rowCount: 1 })
    await boris.t.signSafeTransaction({ id: payout.id, safeTxHash: tx.safeTxHash, accountPath: OWNER_PATH })
    const signature = await boris.t.exportSafeSignature({
      id: payout.id,
      safeTxHash: tx.safeTxHash,
      signer: boris.device.addressOf(OWNER_PATH)
    })
    await ana.t.importSafeSignature({ id: payout.id, ...signature })
    await ana.t.signSafeTransaction({ id: payout.id, safeTxHash: tx.safeTxHash, accountPath: OWNER_PATH })

    const nonce = await safeNonceOf(fx, safe)
    await ana.t.executeSafeTransaction({ id: payout.id, safeTxHash: tx.safeTxHash, accountPath: OWNER_PATH })
    await completed(ana, payout.id)
    expect(await fx.balances(fx.token, payout.to)).toEqual([12_500_000n])
    expect(await safeNonceOf(fx, safe)).toBe(nonce + 1n)
    expect((await ana.t.getSafePayout({ id: payout.id }))?.transactions[0]?.state).toBe('executed')
  }, 120_000)

  it('pays a single native payout as one plain send of the amount to the recipient', async () => {
    const payout = await submitted(ana, `${CHAIN_ID}:native`, ['0.75'], 'no-multisend-native-single')
    const planned = await ana.t.planSafePayout({ id: payout.id, safeId: safeId(), route: 'transfers' })
    expect(planned.transactions).toHaveLength(1)
    expect(planned.transactions[0]).toMatchObject({
      operation: 0,
      to: payout.to[0],
      valueBaseUnits: (75n * 10n ** 16n).toString(),
      dataBytes: 0
    })
    await signAndExecuteAll(ana, payout.id, planned)
    expect(await fx.balances(fx.native, payout.to)).toEqual([75n * 10n ** 16n])
  }, 120_000)

  it('pays a few token rows as one Safe transaction per row, at consecutive nonces', async () => {
    const payout = await submitted(ana, tokenId(), ['1', '2', '3'], 'no-multisend-token-rows')
    const quote = await ana.t.quoteSafePayout({ id: payout.id, safeId: safeId() })
    expect(quote.options.find((o) => o.route === 'transfers')).toMatchObject({
      available: true,
      transactions: 3,
      signaturesNeeded: 6,
      confirmationsPerOwner: 3
    })
    const nonce = await safeNonceOf(fx, safe)
    const planned = await ana.t.planSafePayout({ id: payout.id, safeId: safeId(), route: 'transfers' })
    expect(planned.transactions.map((t) => [t.nonce, t.operation, t.to, t.rowCount])).toEqual(
      [0n, 1n, 2n].map((k) => [(nonce + k).toString(), 0, getAddress(fx.dev.contracts.token), 1])
    )
    const timeline = (await ana.t.getPayout({ id: payout.id })).timeline
    expect(timeline.find((e) => e.action === 'safe_planned')?.detail).toMatch(
      /single calls: MultiSendCallOnly is not deployed/
    )
    await signAndExecuteAll(ana, payout.id, planned)
    expect(await fx.balances(fx.token, payout.to)).toEqual([1n, 2n, 3n].map((n) => n * TOKEN_UNIT))
    expect(await safeNonceOf(fx, safe)).toBe(nonce + 3n)
  }, 180_000)

  it('refuses more rows than owners can sign one by one, saying why and what to do', async () => {
    const rows = MAX_SAFE_TXS_WITHOUT_MULTISEND + 1
    const payout = await submitted(
      ana,
      tokenId(),
      Array.from({ length: rows }, () => '1'),
      'no-multisend-too-many'
    )
    const quote = await ana.t.quoteSafePayout({ id: payout.id, safeId: safeId() })
    expect(quote.options.map((o) => [o.route, o.available])).toEqual([
      ['transfers', false],
      ['batch_contract', false]
    ])
    expect(quote.proposed).toBeNull()
    await expect(ana.t.planSafePayout({ id: payout.id, safeId: safeId(), route: 'transfers' })).rejects.toMatchObject({
      code: 'safe_multisend_unavailable',
      message: expect.stringMatching(
        new RegExp(
          `MultiSendCallOnly is not deployed.*these ${rows} rows would be ${rows} Safe transactions, each signed by 2 owner\\(s\\).*Split the payout into payouts of at most ${MAX_SAFE_TXS_WITHOUT_MULTISEND} rows\\.$`
        )
      )
    })
    expect(await ana.t.getSafePayout({ id: payout.id })).toBeNull()
  }, 120_000)

  it('pays many native rows in one Safe transaction through the batch contract, a plain call', async () => {
    const rows = MAX_SAFE_TXS_WITHOUT_MULTISEND + 1
    // Row i pays i + 1 hundredths of ETH.
    const amounts = Array.from({ length: rows }, (_, i) => `0.${String(i + 1).padStart(2, '0')}`)
    const payout = await submitted(ana, `${CHAIN_ID}:native`, amounts, 'no-multisend-native-batch')
    const quote = await ana.t.quoteSafePayout({ id: payout.id, safeId: safeId() })
    expect(quote.options.find((o) => o.route === 'transfers')).toMatchObject({
      available: false,
      code: 'safe_multisend_unavailable',
      reason: expect.stringMatching(/or pay it through the batch contract \(one Safe transaction\)\.$/)
    })
    expect(quote).toMatchObject({ proposed: 'batch_contract' })
    const planned = await ana.t.planSafePayout({ id: payout.id, safeId: safeId(), route: 'batch_contract' })
    expect(planned.transactions.map((t) => [t.operation, t.to, t.rowCount])).toEqual([
      [0, getAddress(fx.dev.contracts.batch), rows]
    ])
    await signAndExecuteAll(ana, payout.id, planned)
    expect(await fx.balances(fx.native, payout.to)).toEqual(
      Array.from({ length: rows }, (_, i) => BigInt(i + 1) * 10n ** 16n)
    )
  }, 120_000)
})

describe('a Safe on a network whose MultiSendCallOnly address holds other code', () => {
  it('delegates nothing to it: two rows are two direct transfers, and the reason names the contract', async () => {
    const payout = await submitted(mislabelled, tokenId(), ['4', '5'], 'mislabelled-multisend')
    const quote = await mislabelled.t.quoteSafePayout({ id: payout.id, safeId: safeId() })
    expect(quote.options.find((o) => o.route === 'batch_contract')).toMatchObject({
      available: false,
      code: 'safe_multisend_unavailable',
      reason: expect.stringContaining(
        `The contract at ${getAddress(fx.dev.contracts.token)} is not the published MultiSendCallOnly for chain 31337`
      )
    })
    const planned = await mislabelled.t.planSafePayout({ id: payout.id, safeId: safeId(), route: 'transfers' })
    expect(planned.transactions.map((t) => [t.operation, t.rowCount])).toEqual([
      [0, 1],
      [0, 1]
    ])
    await signAndExecuteAll(mislabelled, payout.id, planned)
    expect(await fx.balances(fx.token, payout.to)).toEqual([4n * TOKEN_UNIT, 5n * TOKEN_UNIT])
  }, 180_000)
})
