// Runs in: test runner (plain Node). Starts the app for a spec: real Electron when its binary
// exists, otherwise the built renderer in Debian's Chromium against createTreasury via the harness.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron, type Browser, type ElectronApplication, type Page } from '@playwright/test'
import type { MethodName, InputOf, Outputs } from '../../src/shared/api'
import type { Result } from '../../src/shared/result'
import { createTreasury, type Treasury } from '../../src/main/treasury'
import { startHarnessServer, type HarnessServer } from './server'
import { electronBinary } from './electronBinary'
import type { DevNetwork } from '../../src/test/devNetwork'
import { createDemoTreasury } from '../../src/main/demo'

export const PROJECT_ROOT = resolve(__dirname, '../..')
export const RENDERER_DIR = join(PROJECT_ROOT, 'out/renderer')

export interface AppUnderTest {
  readonly page: Page
  readonly dataDir: string
  readonly target: 'electron' | 'browser'
  /** Calls the API exactly as the renderer does, through window.treasury. */
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<Result<Outputs[M]>>
  /** Closes the app and opens it again on the same data folder. */
  restart(): Promise<void>
  close(): Promise<void>
}

export interface LaunchOptions {
  readonly dataDir?: string
  readonly hash?: string
  /** A local chain with the contracts deployed and the emulated Ledger funded (see src/test/devNetwork.ts). */
  readonly devNetwork?: DevNetwork
}

export async function launchApp(browser: Browser | null, options: LaunchOptions = {}): Promise<AppUnderTest> {
  const ownDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'treasury-e2e-'))
  const binary = electronBinary()
  const hash = options.hash ?? '#/payouts'
  let page!: Page
  let stop: () => Promise<void>

  async function start(): Promise<void> {
    if (binary.path !== null) {
      const demoEnv: Record<string, string> = options.devNetwork
        ? { TREASURY_DEMO: '1', TREASURY_DEMO_RPC_URL: options.devNetwork.node.url }
        : {}
      const app: ElectronApplication = await _electron.launch({
        executablePath: binary.path,
        args: [PROJECT_ROOT],
        env: { ...process.env, ...demoEnv, TREASURY_DATA_DIR: dataDir }
      })
      page = await app.firstWindow()
      await page.evaluate((h) => {
        ;(globalThis as unknown as { location: { hash: string } }).location.hash = h
      }, hash)
      stop = () => app.close()
      return
    }
    if (browser === null) throw new Error('No browser to run the harness in')
    const net = options.devNetwork
    const treasury: Treasury = net
      ? await createDemoTreasury({ dataDir, rpcUrl: net.node.url, openTransport: () => net.emulator.openTransport() })
      : createTreasury({ dataDir })
    let server: HarnessServer
    try {
      server = await startHarnessServer({ treasury, rendererDir: RENDERER_DIR })
      treasury.prepareRegistryReader()
    } catch (e) {
      await treasury.close()
      throw e
    }
    const context = await browser.newContext()
    page = await context.newPage()
    await page.goto(`${server.url}${hash}`)
    stop = async () => {
      await context.close()
      await server.close()
      await treasury.close()
    }
  }

  await start()
  return {
    get page() {
      return page
    },
    dataDir,
    target: binary.path !== null ? 'electron' : 'browser',
    call: (method, input) =>
      page.evaluate(
        ([m, i]) =>
          (globalThis as unknown as { treasury: Record<string, (x: unknown) => Promise<unknown>> }).treasury[m]!(i),
        [method, input] as const
      ) as never,
    async restart() {
      await stop()
      await start()
    },
    async close() {
      await stop()
      if (ownDir) rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
