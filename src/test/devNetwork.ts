// Runs in: the demo and the e2e harness (plain Node, never the app). A local development chain the
// way the catalogue expects it: anvil on loopback, chain id 31337, the batch contract and the test
// stablecoin deployed by the first account at nonces 0 and 1, and the emulated Ledger's first
// accounts funded with ETH and TUSD. No real funds anywhere.
import { ContractFactory, Wallet, getAddress } from 'ethers'
import { startAnvil, type AnvilNode } from './anvil'
import { deployDevChain, type DevChain } from './deployContracts'
import { createLedgerEmulator } from '../main/ledger/emulator'
import { createCatalogue } from '../main/domain/catalogue'
import { createFeedDirectory } from '../main/domain/priceFeeds'
import { feedDeployer, PHASE_ONE } from './priceFeedFixture'
import { safeArtifact } from './deploySafe'
import { deployedAddress, minedReceipt } from './minedReceipt'

export const DEV_CHAIN_ID = 31337
/** The Ledger Live account paths the demo funds. */
export const FUNDED_PATHS = ["44'/60'/0'/0/0", "44'/60'/1'/0/0"] as const
const TUSD_UNIT = 1_000_000n
/** The development account that deploys the price feeds, so their addresses are the catalogue's. */
const FEED_ACCOUNT = 3
/** Rates the demo's feeds answer, 8 decimals: ETH 3,000.00, TUSD 0.9998, EUR 1.08 (USD). */
export const DEV_RATES = { ETH: 3_000_00000000n, TUSD: 99_980_000n, EUR: 108_000_000n } as const
const FEED_DECIMALS = 8
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
    if (getAddress(await deployedAddress(chain.provider, deployed)) !== dev.multiSendCallOnly)
      throw new Error(`MultiSendCallOnly is not where the catalogue expects it (${dev.multiSendCallOnly ?? 'none'})`)
    await deployDevFeeds(node)
    // The test stablecoin has no Ledger descriptor, so its calls are blind-signed: the demo device has blind signing on.
    const emulator = createLedgerEmulator({
      mode: options.manualDevice === true ? 'manual' : 'auto',
      blindSigning: true
    })
    for (const path of FUNDED_PATHS) {
      const address = emulator.addressOf(path)
      await chain.mintToken(address, options.tokensPerAccount ?? 1_000_000n * TUSD_UNIT)
      const tx = await chain.deployer.sendTransaction({ to: address, value: 100n * ETHER })
      await minedReceipt(chain.provider, tx.hash)
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

/** Deploys the ETH, TUSD and EUR test feeds where the catalogue lists them and writes one round each. */
async function deployDevFeeds(node: AnvilNode): Promise<void> {
  const deployer = feedDeployer(node, FEED_ACCOUNT)
  const directory = createFeedDirectory()
  try {
    // Deployed first, one after the other: the account's nonces 0, 1 and 2 fix their addresses.
    const deployed = []
    for (const base of Object.keys(DEV_RATES)) deployed.push(await deployer.deploy(FEED_DECIMALS, `${base} / USD`))
    let round = PHASE_ONE
    for (const [i, [base, answer]] of Object.entries(DEV_RATES).entries()) {
      const feed = deployed[i]!
      const listed = directory.feed(DEV_CHAIN_ID, base)?.address
      if (listed !== getAddress(feed.address))
        throw new Error(`The ${base} feed was deployed at ${feed.address}; the catalogue expects ${listed}`)
      const at = BigInt(Math.floor(Date.now() / 1000))
      round += 1n
      await feed.setRound({ roundId: round, answer, updatedAt: at }, at)
    }
  } finally {
    deployer.close()
  }
}
