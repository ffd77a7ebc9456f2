// Runs in: tests (plain Node). Deploys the project's AggregatorV3-compatible TestPriceFeed on a
// local anvil node and writes rounds into it at chosen block times, so the feed reader can be
// shown good, stale, broken and historical rounds exactly as a Chainlink proxy serves them.
import { Contract, ContractFactory, JsonRpcProvider, NonceManager, Wallet, type InterfaceAbi } from 'ethers'
import type { LocatedFeed } from '../main/domain/priceFeeds'
import type { AnvilNode } from './anvil'
import { compileContracts } from './compile'
import { deployedAddress, minedReceipt } from './minedReceipt'

/** Proxy round ids carry the phase in the bits above 64, as Chainlink's do. */
export const PHASE_ONE = 1n << 64n

export interface TestRound {
  readonly roundId: bigint
  readonly answer: bigint
  readonly updatedAt: bigint
  readonly answeredInRound?: bigint
  readonly startedAt?: bigint
}

export interface DeployedFeed {
  readonly address: string
  /** Writes a round in a block mined at `blockTime` (unix seconds); returns that block's number. */
  setRound(round: TestRound, blockTime: bigint): Promise<bigint>
  /** The feed as the catalogue would list it on this chain. */
  located(base: string, heartbeatSeconds: number, chainId: number): LocatedFeed
}

export interface FeedDeployer {
  deploy(decimals: number, description: string): Promise<DeployedFeed>
  /** Mines an empty block at `blockTime`; returns its number. */
  mineAt(blockTime: bigint): Promise<bigint>
  close(): void
}

export function feedDeployer(node: AnvilNode, accountIndex = 0): FeedDeployer {
  const provider = new JsonRpcProvider(node.url, Number(node.chainId), { staticNetwork: true, pollingInterval: 50 })
  const key = node.accounts[accountIndex]?.privateKey
  if (key === undefined) throw new Error('anvil has no such account')
  const signer = new NonceManager(new Wallet(key, provider))
  const setTime = (t: bigint) => provider.send('evm_setNextBlockTimestamp', [`0x${t.toString(16)}`])
  const compiled = compileContracts().TestPriceFeed
  return {
    async deploy(decimals, description) {
      const factory = new ContractFactory(compiled.abi as InterfaceAbi, compiled.bytecode, signer)
      const deployed = await factory.deploy(decimals, description)
      const address = await deployedAddress(provider, deployed)
      const contract = new Contract(address, compiled.abi as InterfaceAbi, signer)
      return {
        address,
        async setRound(r, blockTime) {
          await setTime(blockTime)
          const tx = await contract.getFunction('setRound')(
            r.roundId,
            r.answer,
            r.startedAt ?? r.updatedAt,
            r.updatedAt,
            r.answeredInRound ?? r.roundId
          )
          const receipt = await minedReceipt(provider, (tx as { hash: string }).hash)
          return BigInt(receipt.blockNumber)
        },
        located: (base, heartbeatSeconds, chainId) => ({
          base,
          quote: 'USD',
          address,
          decimals,
          heartbeatSeconds,
          descriptions: [description],
          chainId,
          source: 'test feed deployed on the local chain'
        })
      }
    },
    async mineAt(blockTime) {
      await setTime(blockTime)
      await provider.send('evm_mine', [])
      // Asked of the node itself: the provider's own block number is cached between polls.
      return BigInt((await provider.send('eth_blockNumber', [])) as string)
    },
    close: () => provider.destroy()
  }
}
