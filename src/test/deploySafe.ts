// Runs in: tests and dev scripts (plain Node). Deploys Safe 1.4.1 (singleton, L2 singleton, proxy
// factory, MultiSendCallOnly, compatibility fallback handler) on a local anvil node from the build
// artifacts of @safe-global/safe-contracts, creates Safes through the factory, and executes Safe
// transactions signed with in-memory keys (for setting up what a test needs, never for the
// payments under test, which the emulated Ledgers sign).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  Contract,
  ContractFactory,
  Interface,
  Signature,
  Wallet,
  ZeroAddress,
  getAddress,
  type InterfaceAbi,
  type NonceManager
} from 'ethers'
import { safeInterface } from '../main/safe/abi'
import { safeTxArgs, safeTxHash, type SafeTx } from '../main/safe/safeTx'
import { deployedAddress, minedReceipt } from './minedReceipt'

const ARTIFACTS = join(
  __dirname,
  '..',
  '..',
  'node_modules',
  '@safe-global',
  'safe-contracts',
  'build',
  'artifacts',
  'contracts'
)

export const SAFE_ARTIFACT_PATHS = {
  Safe: 'Safe.sol/Safe.json',
  SafeL2: 'SafeL2.sol/SafeL2.json',
  SafeProxyFactory: 'proxies/SafeProxyFactory.sol/SafeProxyFactory.json',
  SafeProxy: 'proxies/SafeProxy.sol/SafeProxy.json',
  MultiSendCallOnly: 'libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json',
  CompatibilityFallbackHandler: 'handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json',
  DebugTransactionGuard: 'examples/guards/DebugTransactionGuard.sol/DebugTransactionGuard.json'
} as const
export type SafeArtifactName = keyof typeof SAFE_ARTIFACT_PATHS

export interface SafeArtifact {
  readonly abi: InterfaceAbi
  readonly bytecode: string
  readonly deployedBytecode: string
}

export function safeArtifact(name: SafeArtifactName): SafeArtifact {
  return JSON.parse(readFileSync(join(ARTIFACTS, SAFE_ARTIFACT_PATHS[name]), 'utf8')) as SafeArtifact
}

export interface SafeContracts {
  readonly singleton: string
  readonly singletonL2: string
  readonly factory: string
  readonly multiSendCallOnly: string
  readonly fallbackHandler: string
}

export interface SafeDeployer {
  readonly contracts: SafeContracts
  /** Creates a Safe through the proxy factory; returns its address. */
  createSafe(
    owners: readonly string[],
    threshold: number,
    options?: { l2?: boolean; salt?: bigint; singleton?: string }
  ): Promise<string>
  /** Executes a Safe transaction at the Safe's current nonce, signed by `keys` (owners' private keys). */
  execWithKeys(safe: string, tx: Omit<SafeTx, 'nonce'>, keys: readonly string[]): Promise<void>
}

async function deploy(deployer: NonceManager, name: SafeArtifactName, args: unknown[] = []): Promise<string> {
  const a = safeArtifact(name)
  const contract = await new ContractFactory(a.abi, a.bytecode, deployer).deploy(...args)
  return getAddress(await deployedAddress(deployer.provider!, contract))
}

export async function deploySafeContracts(deployer: NonceManager, chainId: bigint): Promise<SafeDeployer> {
  const contracts: SafeContracts = {
    singleton: await deploy(deployer, 'Safe'),
    singletonL2: await deploy(deployer, 'SafeL2'),
    factory: await deploy(deployer, 'SafeProxyFactory'),
    multiSendCallOnly: await deploy(deployer, 'MultiSendCallOnly'),
    fallbackHandler: await deploy(deployer, 'CompatibilityFallbackHandler')
  }
  const factory = new Contract(contracts.factory, safeArtifact('SafeProxyFactory').abi, deployer)
  const setup = new Interface(safeArtifact('Safe').abi)
  let nextSalt = 1n
  return {
    contracts,
    async createSafe(owners, threshold, options = {}) {
      const initializer = setup.encodeFunctionData('setup', [
        owners,
        threshold,
        ZeroAddress,
        '0x',
        contracts.fallbackHandler,
        ZeroAddress,
        0,
        ZeroAddress
      ])
      const singleton = options.singleton ?? (options.l2 ? contracts.singletonL2 : contracts.singleton)
      const tx = await factory.getFunction('createProxyWithNonce')(singleton, initializer, options.salt ?? nextSalt++)
      const receipt = await minedReceipt(deployer.provider!, (tx as { hash: string }).hash)
      const created = receipt.logs
        .map((l: { topics: readonly string[]; data: string }) => factory.interface.parseLog(l))
        .find((e: { name: string } | null) => e?.name === 'ProxyCreation')
      if (!created) throw new Error('The proxy factory created no Safe')
      return getAddress(created.args[0] as string)
    },
    async execWithKeys(safe, tx, keys) {
      const contract = new Contract(safe, safeInterface, deployer)
      const nonce = (await contract.getFunction('nonce')()) as bigint
      const hash = safeTxHash(chainId, safe, { ...tx, nonce })
      const wallets = keys
        .map((k) => new Wallet(k))
        .sort((a, b) => (a.address.toLowerCase() < b.address.toLowerCase() ? -1 : 1))
      const signatures =
        '0x' +
        wallets
          .map((w) => {
            const s = Signature.from(w.signingKey.sign(hash))
            return s.r.slice(2) + s.s.slice(2) + s.v.toString(16).padStart(2, '0')
          })
          .join('')
      const sent = await contract.getFunction('execTransaction')(...safeTxArgs({ ...tx, nonce }), signatures)
      const receipt = await minedReceipt(deployer.provider!, (sent as { hash: string }).hash)
      if (receipt.status !== 1) throw new Error('The Safe transaction reverted')
    }
  }
}
