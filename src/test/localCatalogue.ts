// Runs in: tests and their child processes (plain Node). The catalogue of a desk paying on the local
// anvil chain a test started: one development network with its endpoint, the batch contract, the
// test stablecoin and, where the test wants one, the MultiSendCallOnly its Safes delegate to.
import { getAddress } from 'ethers'
import { createCatalogue, type Catalogue } from '../main/domain/catalogue'

export const LOCAL_CHAIN_ID = 31337

export interface LocalChain {
  readonly rpcUrl: string
  readonly batchContract: string
  readonly token: string
  /** Where the network's MultiSendCallOnly is said to be; none named when absent. */
  readonly multiSendCallOnly?: string
}

export function localCatalogue(chain: LocalChain): Catalogue {
  return createCatalogue({
    networks: [
      {
        chainId: LOCAL_CHAIN_ID,
        name: 'Local development',
        nativeSymbol: 'ETH',
        nativeName: 'Local Ether',
        testnet: true,
        development: true,
        explorerUrl: null,
        defaultRpcUrls: [chain.rpcUrl],
        batchContract: getAddress(chain.batchContract),
        ...(chain.multiSendCallOnly === undefined ? {} : { multiSendCallOnly: getAddress(chain.multiSendCallOnly) }),
        minConfirmations: 1,
        reorgWatchBlocks: 0,
        tokens: [{ symbol: 'TUSD', name: 'Test USD', decimals: 6, address: getAddress(chain.token) }]
      }
    ]
  })
}
