// Runs in: Vitest (node). The BUILT main process (electron-vite's out/main/index.js, built here
// into a temporary folder) run under plain Node against a stand-in `electron` module that records
// what the shell does (src/test/fakeElectron.ts, loaded with --require before the bundle). Electron's binary cannot run on these machines;
// this checks the bundle as it would ship: the window's preferences, the app:// protocol handler
// driven with real requests, one IPC handler per contract method with the sender check, the
// permission, request and navigation handlers, the single-instance lock, and where the data goes.
import { fork, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IPC_PREFIX, METHOD_NAMES } from '../../shared/methods'
import { buildWithStandIn, PROJECT_ROOT as ROOT, standInOf } from '../../test/builtBundle'
import { tempDir } from '../../test/tempDir'
import {
  FAKE_ELECTRON_ENV,
  type FakeElectronAnswers,
  type FakeElectronCommand,
  type FakeElectronReply,
  type FakeElectronState
} from '../../test/fakeElectronProtocol'
import { DATABASE_FILE } from '../treasury'

const START_TIMEOUT_MS = 30_000
const POLL_MS = 50

const outDir = tempDir('treasury-built-')

beforeAll(() => {
  buildWithStandIn(outDir)
  // Outside the renderer folder: the protocol must never serve it.
  writeFileSync(join(outDir, 'secret.txt'), 'SECRET')
}, 120_000)

interface Shell {
  ask<Op extends FakeElectronCommand['op']>(
    command: Extract<FakeElectronCommand, { op: Op }>
  ): Promise<FakeElectronAnswers[Op]>
  state(): Promise<FakeElectronState>
  stop(): Promise<void>
  readonly output: () => string
}

/** Starts the built main under the stand-in and waits until it has shown its page or given up. */
async function startShell(options: {
  packaged: boolean
  env?: Record<string, string>
  args?: string[]
  lockTaken?: boolean
}): Promise<Shell & { userData: string }> {
  const userData = tempDir('treasury-user-data-')
  const child: ChildProcess = fork(join(outDir, 'main/index.js'), options.args ?? [], {
    cwd: ROOT,
    execArgv: ['--require', standInOf(outDir)],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      // The bundle lives in a temporary folder: its packages come from the project's node_modules.
      NODE_PATH: join(ROOT, 'node_modules'),
      [FAKE_ELECTRON_ENV.packaged]: options.packaged ? '1' : '0',
      [FAKE_ELECTRON_ENV.userData]: userData,
      ...(options.lockTaken === true ? { [FAKE_ELECTRON_ENV.lockTaken]: '1' } : {}),
      ...options.env
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc']
  })
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  let nextId = 1
  const waiting = new Map<number, (reply: FakeElectronReply) => void>()
  child.on('message', (reply: FakeElectronReply) => waiting.get(reply.id)?.(reply))
  const exited = new Promise<void>((done) => child.once('exit', () => done()))

  const ask = <Op extends FakeElectronCommand['op']>(
    command: Extract<FakeElectronCommand, { op: Op }>
  ): Promise<FakeElectronAnswers[Op]> =>
    new Promise((done, fail) => {
      const id = nextId++
      waiting.set(id, (reply) => {
        waiting.delete(id)
        if (reply.ok) done(reply.value as FakeElectronAnswers[Op])
        else fail(new Error(`${command.op}: ${reply.error}\n${output}`))
      })
      child.send({ id, command })
    })
  const state = (): Promise<FakeElectronState> => ask({ op: 'state' })
  const shell = {
    ask,
    state,
    userData,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.connected) await ask({ op: 'quit' }).catch(() => undefined)
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))])
      if (child.exitCode === null) child.kill()
    }
  }
  stops.push(() => shell.stop())
  const started = Date.now()
  for (;;) {
    const s = await state()
    if (s.quitCalled || s.exitCode !== null || (s.ready && s.windows.some((w) => w.loadedUrls.length > 0))) return shell
    if (Date.now() - started > START_TIMEOUT_MS) throw new Error(`the shell did not start:\n${output}`)
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
}

const stops: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(stops.map((stop) => stop()))
})

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')

describe('the built shell, unpackaged', () => {
  let shell: Awaited<ReturnType<typeof startShell>>
  let state: FakeElectronState
  let envDir: string

  beforeAll(async () => {
    envDir = tempDir('treasury-env-data-')
    shell = await startShell({ packaged: false, env: { TREASURY_DATA_DIR: envDir } })
    state = await shell.state()
  }, 60_000)
  afterAll(() => shell.stop())

  it('registers app:// as a privileged scheme before ready, and serves it after', () => {
    expect(state.privilegedSchemes).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
        beforeReady: true
      }
    ])
    expect(state.handledSchemes).toEqual(['app'])
    expect(state.sandboxEnabledBeforeReady).toBe(true)
  })

  it('opens one locked-down window on app://treasury, never on a file', () => {
    expect(state.windows).toHaveLength(1)
    const [win] = state.windows
    expect(win!.loadedUrls).toEqual(['app://treasury/index.html'])
    expect(win!.loadedFiles).toEqual([])
    expect(win!.options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: true,
      preload: join(outDir, 'preload/index.js')
    })
  })

  it('keeps its data where TREASURY_DATA_DIR says, outside a packaged build', () => {
    expect(existsSync(join(envDir, DATABASE_FILE))).toBe(true)
    expect(existsSync(join(shell.userData, DATABASE_FILE))).toBe(false)
  })

  it('asks for the single-instance lock and brings its window forward for a second instance', async () => {
    expect(state.singleInstanceLockRequested).toBe(true)
    expect(await shell.ask({ op: 'secondInstance' })).toEqual({ focusCount: 1 })
  })

  it('binds exactly one IPC handler per contract method', () => {
    expect([...state.ipcChannels].sort()).toEqual(METHOD_NAMES.map((m) => `${IPC_PREFIX}${m}`).sort())
  })

  it("answers the page's own top frame, and refuses file pages, other origins and inner frames", async () => {
    const call = (frameUrl: string, isMainFrame = true): Promise<unknown> =>
      shell.ask({ op: 'ipc', channel: `${IPC_PREFIX}getSettings`, input: {}, frameUrl, isMainFrame })
    expect(await call('app://treasury/index.html#/payouts')).toMatchObject({ ok: true })
    for (const [frameUrl, isMainFrame] of [
      [`file://${join(outDir, 'renderer/index.html')}`, true],
      ['app://evil/index.html', true],
      ['https://example.com/', true],
      ['app://treasury/index.html', false]
    ] as const)
      expect(await call(frameUrl, isMainFrame), frameUrl).toMatchObject({
        ok: false,
        error: { code: 'untrusted_sender' }
      })
  })

  it('serves the built page and its assets from the renderer folder, with their types', async () => {
    const page = await shell.ask({ op: 'protocol', url: 'app://treasury/index.html' })
    expect([page.status, page.contentType]).toEqual([200, 'text/html; charset=utf-8'])
    expect(page.sha256).toBe(sha256(join(outDir, 'renderer/index.html')))
    const html = readFileSync(join(outDir, 'renderer/index.html'), 'utf8')
    const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]!)
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true)
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true)
    for (const asset of assets) {
      const answer = await shell.ask({ op: 'protocol', url: `app://treasury/${asset}` })
      expect(answer.status, asset).toBe(200)
      expect(answer.sha256).toBe(sha256(join(outDir, 'renderer', asset)))
      expect(answer.contentType).toBe(
        asset.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8'
      )
    }
  })

  it.each([
    'app://treasury/../secret.txt',
    'app://treasury/%2e%2e/secret.txt',
    'app://treasury/..%2fsecret.txt',
    'app://treasury/%2e%2e%2fsecret.txt',
    'app://treasury/assets/..%5c..%5csecret.txt',
    'app://treasury//etc/passwd',
    `app://treasury/${encodeURIComponent(join(outDir, 'secret.txt'))}`,
    'app://treasury/../main/index.js',
    'app://treasury/..%2fmain%2findex.js'
  ])('refuses %s', async (url) => {
    const answer = await shell.ask({ op: 'protocol', url })
    expect([403, 404]).toContain(answer.status)
    expect(answer.head).not.toContain('SECRET')
    expect(answer.head).not.toContain('use strict')
  })

  it('denies every permission, for pages and devices', async () => {
    for (const permission of ['media', 'notifications', 'hid', 'clipboard-read', 'geolocation'])
      expect(await shell.ask({ op: 'permission', permission })).toEqual({
        requestGranted: false,
        checkGranted: false,
        deviceGranted: false
      })
  })

  it('lets the page load only its own files and blobs', async () => {
    const cancel = async (url: string): Promise<boolean> => (await shell.ask({ op: 'request', url })).cancel
    expect(await cancel('app://treasury/assets/x.js')).toBe(false)
    expect(await cancel('blob:app://treasury/1f0e')).toBe(false)
    expect(await cancel('https://example.com/')).toBe(true)
    expect(await cancel('http://127.0.0.1:8545/')).toBe(true)
    expect(await cancel(`file://${join(outDir, 'renderer/index.html')}`)).toBe(true)
  })

  it('prevents navigation away and redirects, and opens only explorer links outside', async () => {
    expect(await shell.ask({ op: 'navigate', url: 'https://evil.example/' })).toEqual({ prevented: true })
    expect(await shell.ask({ op: 'navigate', url: `file://${join(outDir, 'renderer/index.html')}` })).toEqual({
      prevented: true
    })
    expect(await shell.ask({ op: 'navigate', url: 'app://treasury/index.html' })).toEqual({ prevented: false })
    expect(await shell.ask({ op: 'redirect', url: 'https://evil.example/' })).toEqual({ prevented: true })
    const tx = `https://etherscan.io/tx/0x${'ab'.repeat(32)}`
    expect(await shell.ask({ op: 'open', url: tx })).toEqual({ action: 'deny' })
    expect(await shell.ask({ op: 'open', url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect((await shell.state()).openedExternally).toEqual([tx])
  })
})

describe('the built shell, packaged', () => {
  // Four separate starts, run side by side: each is a whole main process.
  let plain: Awaited<ReturnType<typeof startShell>>
  let flagged: Awaited<ReturnType<typeof startShell>>
  let relative: Awaited<ReturnType<typeof startShell>>
  let second: Awaited<ReturnType<typeof startShell>>
  const envDir = tempDir('treasury-env-data-')
  const flagDir = join(tempDir('treasury-flag-data-'), 'books')

  beforeAll(async () => {
    ;[plain, flagged, relative, second] = await Promise.all([
      startShell({ packaged: true, env: { TREASURY_DATA_DIR: envDir } }),
      startShell({ packaged: true, args: [`--data-dir=${flagDir}`] }),
      startShell({ packaged: true, args: ['--data-dir=books'] }),
      startShell({ packaged: true, lockTaken: true })
    ])
  }, 120_000)

  it('has no developer tools, and ignores TREASURY_DATA_DIR', async () => {
    const state = await plain.state()
    const prefs = state.windows[0]!.options.webPreferences as Record<string, unknown>
    expect([prefs.devTools, prefs.contextIsolation, prefs.sandbox, prefs.nodeIntegration]).toEqual([
      false,
      true,
      true,
      false
    ])
    expect(await plain.ask({ op: 'request', url: 'devtools://devtools/bundled/devtools_app.html' })).toEqual({
      cancel: true
    })
    expect(existsSync(join(plain.userData, DATABASE_FILE))).toBe(true)
    expect(existsSync(join(envDir, DATABASE_FILE))).toBe(false)
  })

  it('keeps its data in the folder named by --data-dir', async () => {
    expect((await flagged.state()).windows[0]!.loadedUrls).toEqual(['app://treasury/index.html'])
    expect(existsSync(join(flagDir, DATABASE_FILE))).toBe(true)
    expect(existsSync(join(flagged.userData, DATABASE_FILE))).toBe(false)
  })

  it('says what is wrong with a relative --data-dir, and opens nothing', async () => {
    const state = await relative.state()
    expect(state.errorBoxes).toEqual([
      {
        title: 'Treasury cannot find its data folder',
        content:
          "--data-dir=books is not a full path. Give the folder's full path (for example --data-dir=/home/me/treasury-data)."
      }
    ])
    expect([state.exitCode, state.windows.length, state.ipcChannels.length]).toEqual([1, 0, 0])
  })

  it('quits at once when another instance holds the lock', async () => {
    const state = await second.state()
    expect([state.quitCalled, state.windows.length, state.ipcChannels.length, state.handledSchemes]).toEqual([
      true,
      0,
      0,
      []
    ])
  })
})
