import { defineConfig } from '@playwright/test'
import { createRequire } from 'node:module'

// The harness is CommonJS; required here the way the specs load it.
const { electronBinary } = createRequire(import.meta.url)(
  './e2e/harness/electronBinary'
) as typeof import('./e2e/harness/electronBinary')

// The specs run the real Electron app where its binary exists and otherwise the built renderer in
// Debian's Chromium through the browser harness (see e2e/harness). Never `playwright install`.
export default defineConfig({
  testDir: './e2e/specs',
  // Specs of Electron's main process need its binary; without it they are not collected at all.
  testIgnore: electronBinary().path === null ? ['**/*.electron.spec.ts'] : [],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    },
    trace: 'retain-on-failure'
  }
})
