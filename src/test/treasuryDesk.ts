// Runs in: tests (plain Node). Desks for Safe integration tests: a local chain with the Safe 1.4.1
// contracts and the catalogue naming its MultiSendCallOnly; createTreasury on its own data folder
// with its own emulated Ledger (own seed, blind signing on for the test token), the network's
// confirmations set to one; and the waits a desk does on a local chain (a payout settled, the
// Safe's nonce read on chain), mining blocks meanwhile.
import { Mnemonic, id } from 'ethers'
import { safeInterface } from '../main/safe/abi'
import type { Catalogue } from '../main/domain/catalogue'
import { createLedgerEmulator, type LedgerEmulator } from '../main/ledger/emulator'
import { createSessionSecretStore } from '../main/secrets'
import { createTreasury, type Treasury } from '../main/treasury'
import { startChainFixture, type ChainFixture } from './chainFixture'
import { deploySafeContracts, type SafeDeployer } from './deploySafe'
import { localCatalogue } from './localCatalogue'
import { tempDir } from './tempDir'

/** The Ledger Live account 1 path every desk's owner signs with unless a test says otherwise. */
export const OWNER_PATH = "44'/60'/0'/0/0"
/** Polling of the chain by a desk under test: fast, the local chain mines at once. */
const DESK_POLL_MS = 50
/** Rounds of mining and reading before a wait gives up (each round is at least one poll). */
const SETTLE_ROUNDS = 400

export interface TreasuryDesk {
  readonly t: Treasury
  readonly device: LedgerEmulator
  /** The owner address of the desk's Ledger at OWNER_PATH. */
  readonly address: string
}

export interface SafeChain {
  readonly fx: ChainFixture
  readonly safes: SafeDeployer
  /** The local network with the batch contract, the test token and the deployed MultiSendCallOnly. */
  readonly catalogue: Catalogue
}

/** Anvil with the development contracts and Safe 1.4.1 deployed, and the catalogue that names them. */
export async function startSafeChain(): Promise<SafeChain> {
  const fx = await startChainFixture()
  const safes = await deploySafeContracts(fx.dev.deployer, fx.node.chainId)
  const catalogue = localCatalogue({
    rpcUrl: fx.node.url,
    batchContract: fx.dev.contracts.batch,
    token: fx.dev.contracts.token,
    multiSendCallOnly: safes.contracts.multiSendCallOnly
  })
  return { fx, safes, catalogue }
}

/** A deterministic seed per test file and person, so every owner address is the same run to run. */
export const deskSeed = (scope: string, name: string): string =>
  Mnemonic.entropyToPhrase(id(`${scope}:${name}`).slice(0, 34))

export async function openTreasuryDesk(options: {
  readonly name: string
  readonly seed: string
  readonly catalogue: Catalogue
}): Promise<TreasuryDesk> {
  const device = createLedgerEmulator({ mnemonic: options.seed, blindSigning: true })
  const t = createTreasury({
    dataDir: tempDir(`treasury-${options.name}-`),
    catalogue: options.catalogue,
    secrets: createSessionSecretStore(),
    ledger: { openTransport: () => device.openTransport() },
    pollIntervalMs: DESK_POLL_MS
  })
  await t.updateSettings({ confirmations: 1 })
  return { t, device, address: device.addressOf(OWNER_PATH) }
}

/** Waits until the payout is Completed or Failed, mining a block each round. */
export async function untilPayoutSettled(fx: ChainFixture, t: Treasury, payoutId: string): Promise<void> {
  for (let i = 0; i < SETTLE_ROUNDS; i++) {
    const p = await t.getPayout({ id: payoutId, offset: 0, limit: 1 })
    if (p.status === 'completed' || p.status === 'failed') return
    await fx.mine()
    await new Promise((r) => setTimeout(r, DESK_POLL_MS))
  }
  throw new Error(`payout ${payoutId} did not settle`)
}

/** Waits until one Safe transaction of the payout is executed (or its nonce used), mining meanwhile. */
export async function untilSafeTxSettled(
  fx: ChainFixture,
  t: Treasury,
  payoutId: string,
  safeTxHash: string
): Promise<string> {
  for (let i = 0; i < SETTLE_ROUNDS; i++) {
    const view = await t.getSafePayout({ id: payoutId })
    const state = view?.transactions.find((x) => x.safeTxHash === safeTxHash)?.state
    if (state !== undefined && state !== 'awaiting_signatures' && state !== 'executing') return state
    await fx.mine()
    await new Promise((r) => setTimeout(r, DESK_POLL_MS))
  }
  throw new Error(`Safe transaction ${safeTxHash} did not settle`)
}

/** The Safe's nonce as the chain holds it now. */
export async function safeNonceOf(fx: ChainFixture, safe: string): Promise<bigint> {
  const raw = await fx.rpc.call({ to: safe, data: safeInterface.encodeFunctionData('nonce', []) })
  return safeInterface.decodeFunctionResult('nonce', raw)[0] as bigint
}
