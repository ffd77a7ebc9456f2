// Runs in: test runner. The `app` fixture every e2e spec uses: a fresh data folder, the app open
// at the payouts screen, closed and cleaned up after the test.
import { test as base, expect } from '@playwright/test'
import { electronBinary } from './electronBinary'
import { launchApp, type AppUnderTest } from './launch'
import { startDevNetwork, type DevNetwork } from '../../src/test/devNetwork'

const binary = electronBinary()
/** Starting anvil, compiling and deploying the contracts, and opening the app, apart from the test's own time. */
const CHAIN_SETUP_TIMEOUT = 180_000
if (binary.path === null) {
  console.log(
    `[e2e] Electron is not available (${binary.reason}); running the specs in Chromium through the browser harness.`
  )
}

export const test = base.extend<{ app: AppUnderTest; chainApp: AppUnderTest & { network: DevNetwork } }>({
  app: async ({ browser }, use) => {
    const app = await launchApp(binary.path === null ? browser : null)
    await use(app)
    await app.close()
  },
  /**
   * The app in demo mode on a fresh local chain: contracts deployed, the emulated Ledger funded.
   * Its own time budget: the first use in a worker compiles the contracts, which on a loaded
   * machine can take most of a test's minute before the test has begun.
   */
  chainApp: [
    async ({ browser }, use) => {
      const network = await startDevNetwork()
      try {
        const app = await launchApp(binary.path === null ? browser : null, { devNetwork: network, hash: '#/payouts' })
        await use(Object.assign(app, { network }))
        await app.close()
      } finally {
        await network.stop()
      }
    },
    { timeout: CHAIN_SETUP_TIMEOUT }
  ]
})

export { expect }
