// Runs in: tests and their child processes (plain Node). The catalogue of a desk paying on the local
// anvil chain a test started: one development network with its endpoints, the batch contract, the
// test stablecoin where the test pays one, and, where the test wants one, the MultiSendCallOnly its
// Safes delegate to.
import { getAddress } from 'ethers'
import { createCatalogue, type Catalogue, type CatalogueNetwork } from '../main/domain/catalogue'

export const LOCAL_CHAIN_ID = 31337

export interface LocalChain {
  readonly rpcUrl: string
  /** Endpoints in the order the desk tries them, when a test puts proxies in front of the node. */
  readonly rpcUrls?: readonly string[]
  readonly batchContract: string
  /** The test stablecoin, listed as TUSD; no token is listed without it. */
  readonly token?: string
  /** Where the network's MultiSendCallOnly is said to be; none named when absent. */
  readonly multiSendCallOnly?: string
  readonly minConfirmations?: number
}

export function localNetwork(chain: LocalChain): CatalogueNetwork {
  return {
    chainId: LOCAL_CHAIN_ID,
    name: 'Local development',
    nativeSymbol: 'ETH',
    nativeName: 'Local Ether',
    testnet: true,
    development: true,
    explorerUrl: null,
    defaultRpcUrls: [...(chain.rpcUrls ?? [chain.rpcUrl])],
    batchContract: getAddress(chain.batchContract),
    ...(chain.multiSendCallOnly === undefined ? {} : { multiSendCallOnly: getAddress(chain.multiSendCallOnly) }),
    minConfirmations: chain.minConfirmations ?? 1,
    reorgWatchBlocks: 0,
    tokens:
      chain.token === undefined
        ? []
        : [{ symbol: 'TUSD', name: 'Test USD', decimals: 6, address: getAddress(chain.token) }]
  }
}

export function localCatalogue(chain: LocalChain): Catalogue {
  return createCatalogue({ networks: [localNetwork(chain)] })
}
