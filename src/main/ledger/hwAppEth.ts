// Runs in: main (plain Node). Constructs @ledgerhq/hw-app-eth's Eth over a transport. Depending on
// the loader (CommonJS, Vitest, electron-vite's bundle) the default export arrives as the class or
// as `{ default: class }`; this is the one place that knows. Every Ledger service lookup is off:
// signing never depends on Ledger's network services (EIP-712 filters, token and plugin lists).

import * as EthModule from '@ledgerhq/hw-app-eth'
import type Transport from '@ledgerhq/hw-transport'

type EthClass = typeof EthModule.default
export type EthApp = InstanceType<EthClass>

export function createEthApp(transport: Transport): EthApp {
  const exported = (EthModule as unknown as { default: EthClass | { default: EthClass } }).default
  const Eth = typeof exported === 'function' ? exported : exported.default
  return new Eth(transport, SCRAMBLE_KEY, OFFLINE)
}

const SCRAMBLE_KEY = 'w0w'
/** hw-app-eth's load configuration with every network lookup disabled. */
export const OFFLINE = {
  calServiceURL: null,
  cryptoassetsBaseURL: null,
  nftExplorerBaseURL: null,
  pluginBaseURL: null,
  extraPlugins: null
} as const
