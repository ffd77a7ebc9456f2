// Runs in: plain Node (benchmarks, scripts). Debian's Chromium as the browser harness uses it: the
// same executable and switches as playwright.config.mts, for code that launches Chromium itself
// through playwright-core rather than through the test runner. Never `playwright install`.
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** The switches of playwright.config.mts (Playwright adds --headless itself). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

/** Headless Chromium, or the reason it cannot run, in words a reader of a report can act on. */
export async function launchChromium(): Promise<{ browser: Browser } | { browser: null; reason: string }> {
  if (!existsSync(CHROMIUM_PATH))
    return {
      browser: null,
      reason: `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`
    }
  try {
    return {
      browser: await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true })
    }
  } catch (e) {
    return {
      browser: null,
      reason: `Chromium at ${CHROMIUM_PATH} did not start: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`
    }
  }
}
