// Runs in: the demo and the e2e harness (plain Node, never the app). A local development chain the
// way the catalogue expects it: anvil on loopback, chain id 31337, the batch contract and the test
// stablecoin deployed by the first account at nonces 0 and 1, and the emulated Ledger's first
// accounts funded with ETH and TUSD. No real funds anywhere.
import { ContractFactory, Wallet, getAddress } from 'ethers'
import { startAnvil, type AnvilNode } from './anvil'
import { deployDevChain, type DevChain } from './deployContracts'
import { createLedgerEmulator } from '../main/ledger/emulator'
import { createCatalogue } from '../main/domain/catalogue'
import { safeArtifact } from './deploySafe'

export const DEV_CHAIN_ID = 31337
/** The Ledger Live account paths the demo funds. */
export const FUNDED_PATHS = ["44'/60'/0'/0/0", "44'/60'/1'/0/0"] as const
const TUSD_UNIT = 1_000_000n
const ETHER = 10n ** 18n

export interface DevNetwork {
  readonly node: AnvilNode
  readonly chain: DevChain
  readonly emulator: ReturnType<typeof createLedgerEmulator>
  stop(): Promise<void>
}

export async function startDevNetwork(
  options: { tokensPerAccount?: bigint; manualDevice?: boolean } = {}
): Promise<DevNetwork> {
  const node = await startAnvil({ chainId: DEV_CHAIN_ID, balanceEth: 10_000 })
  try {
    const chain = await deployDevChain(node)
    const dev = createCatalogue().network(DEV_CHAIN_ID)
    const token = dev?.tokens[0]?.address
    if (dev?.batchContract === null || dev?.batchContract === undefined || token === undefined)
      throw new Error('The catalogue has no development network contracts')
    if (getAddress(chain.contracts.batch) !== dev.batchContract || getAddress(chain.contracts.token) !== token) {
      throw new Error(
        `Deployed contracts (${chain.contracts.batch}, ${chain.contracts.token}) are not where the catalogue expects them (${dev.batchContract}, ${token})`
      )
    }
    // MultiSendCallOnly (for Safe payouts) from the node's third account at its nonce 0, so its
    // address is the one the catalogue names; its code is verified by hash before any use.
    const multiSendKey = node.accounts[2]?.privateKey
    if (multiSendKey === undefined) throw new Error('anvil has no third account')
    const multiSend = safeArtifact('MultiSendCallOnly')
    const deployed = await new ContractFactory(
      multiSend.abi,
      multiSend.bytecode,
      new Wallet(multiSendKey, chain.provider)
    ).deploy()
    await deployed.waitForDeployment()
    if (getAddress(await deployed.getAddress()) !== dev.multiSendCallOnly)
      throw new Error(`MultiSendCallOnly is not where the catalogue expects it (${dev.multiSendCallOnly ?? 'none'})`)
    // The test stablecoin has no Ledger descriptor, so its calls are blind-signed: the demo device has blind signing on.
    const emulator = createLedgerEmulator({
      mode: options.manualDevice === true ? 'manual' : 'auto',
      blindSigning: true
    })
    for (const path of FUNDED_PATHS) {
      const address = emulator.addressOf(path)
      await chain.mintToken(address, options.tokensPerAccount ?? 1_000_000n * TUSD_UNIT)
      const tx = await chain.deployer.sendTransaction({ to: address, value: 100n * ETHER })
      await tx.wait()
    }
    return {
      node,
      chain,
      emulator,
      async stop() {
        chain.close()
        await node.stop()
      }
    }
  } catch (e) {
    await node.stop()
    throw e
  }
}
