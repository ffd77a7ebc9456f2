// Runs in: main (plain Node). Demo mode: the app on a local development chain with the emulated
// Ledger, no device and no real funds. Never the default: only `npm run demo` and the end-to-end
// specs turn it on, and the window says DEMO everywhere.
import type Transport from '@ledgerhq/hw-transport'
import { createSessionSecretStore } from './secrets'
import { createTreasury, type Treasury } from './treasury'

export const DEMO_CHAIN_ID = 31337

export async function createDemoTreasury(options: {
  dataDir: string
  rpcUrl: string
  openTransport: () => Promise<Transport>
}): Promise<Treasury> {
  const treasury = createTreasury({
    dataDir: options.dataDir,
    // The demo's endpoint is a loopback URL with no key: it is not worth a keychain entry.
    secrets: createSessionSecretStore(),
    ledger: { openTransport: options.openTransport },
    pollIntervalMs: 250
  })
  try {
    await treasury.updateSettings({ confirmations: 1 })
    await treasury.setEndpoint({ chainId: DEMO_CHAIN_ID, url: options.rpcUrl })
  } catch (e) {
    await treasury.close()
    throw e
  }
  return treasury
}
