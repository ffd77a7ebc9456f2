// Runs in: test runner. The `app` fixture every e2e spec uses: a fresh data folder, the app open
// at the payouts screen, closed and cleaned up after the test.
import { test as base, expect } from '@playwright/test'
import { electronBinary } from './electronBinary'
import { launchApp, type AppUnderTest } from './launch'

const binary = electronBinary()
if (binary.path === null) {
  console.log(`[e2e] Electron is not available (${binary.reason}); running the specs in Chromium through the browser harness.`)
}

export const test = base.extend<{ app: AppUnderTest }>({
  app: async ({ browser }, use) => {
    const app = await launchApp(binary.path === null ? browser : null)
    await use(app)
    await app.close()
  }
})

export { expect }
