// Runs in: Vitest (node). The installed `treasury` command as it ships: the launcher from
// resources/bin, linked from a folder on PATH, starting the app's own binary with --cli. Electron
// cannot run on this machine, so the "binary" here runs the BUILT main (electron-vite's bundle) under
// the stand-in electron module; everything from the launcher to the command's exit code is real.
import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { TreasuryEvent } from '../../shared/api'
import { ADDRESS_A, FAST_AUTOMATION, USDC_ETH, waitFor } from '../../test/automation'
import { buildWithStandIn, PROJECT_ROOT, standInOf } from '../../test/builtBundle'
import { FAKE_ELECTRON_ENV, type FakeElectronState } from '../../test/fakeElectronProtocol'
import { tempDir } from '../../test/tempDir'
import { PayoutDetailSchema } from '../automation/openapi/responses'
import { createSessionSecretStore } from '../secrets'
import { createTreasury, DATABASE_FILE } from '../treasury'
import { CLI_SWITCH } from './cliSwitch'
import { EXIT } from './exitCodes'

const LAUNCHER = join(PROJECT_ROOT, 'resources/bin/treasury')
const EXECUTABLE = 0o755
const outDir = tempDir('treasury-built-cli-')

beforeAll(() => buildWithStandIn(outDir), 120_000)

interface Install {
  /** The `treasury` a user types: a link in a folder on PATH. */
  readonly command: string
  /** Where the stand-in binary writes the arguments it was started with, one a line. */
  readonly argsFile: string
  /** The app's per-user data folder. */
  readonly userData: string
}

/** An app binary that records its arguments, then runs the built main as Electron would. */
function standInBinary(path: string, argsFile: string): void {
  const main = join(outDir, 'main/index.js')
  const script = [
    '#!/bin/sh',
    `printf '%s\\n' "$@" > '${argsFile}'`,
    `exec '${process.execPath}' --require '${standInOf(outDir)}' '${main}' "$@"`
  ]
  writeFileSync(path, `${script.join('\n')}\n`, { mode: EXECUTABLE })
}

/** Lays out an installed app (`binary` and `resources` relative to `root`) and links the launcher onto PATH. */
function install(layout: { binary: string; resources: string }): Install {
  const root = tempDir('treasury-installed-')
  const argsFile = join(root, 'args.txt')
  const bin = join(root, layout.resources, 'bin')
  mkdirSync(bin, { recursive: true })
  mkdirSync(join(root, layout.binary, '..'), { recursive: true })
  copyFileSync(LAUNCHER, join(bin, 'treasury'))
  standInBinary(join(root, layout.binary), argsFile)
  const onPath = tempDir('treasury-on-path-')
  symlinkSync(join(bin, 'treasury'), join(onPath, 'treasury'))
  return { command: join(onPath, 'treasury'), argsFile, userData: tempDir('treasury-user-data-') }
}

const linux = (): Install => install({ binary: 'opt/Treasury/treasury', resources: 'opt/Treasury/resources' })
const mac = (): Install =>
  install({ binary: 'Treasury.app/Contents/MacOS/Treasury', resources: 'Treasury.app/Contents/Resources' })

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  readonly exitedAt: number
  /** What the app's main did, as the stand-in recorded it when the app exited. */
  readonly shell: FakeElectronState | null
  readonly binaryArgs: readonly string[]
}

function run(app: Install, args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const stateFile = join(app.userData, '..', `state-${Date.now()}-${Math.random()}.json`)
  const child = spawn(app.command, [...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      // The bundle lives in a temporary folder: its packages come from the project's node_modules.
      NODE_PATH: join(PROJECT_ROOT, 'node_modules'),
      [FAKE_ELECTRON_ENV.packaged]: '1',
      [FAKE_ELECTRON_ENV.userData]: app.userData,
      [FAKE_ELECTRON_ENV.exitStateFile]: stateFile,
      ...env
    }
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({
        code: code ?? -1,
        stdout,
        stderr,
        exitedAt: Date.now(),
        shell: existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as FakeElectronState) : null,
        binaryArgs: existsSync(app.argsFile) ? readFileSync(app.argsFile, 'utf8').split('\n').slice(0, -1) : []
      })
    )
  })
}

describe('the treasury command of the installed app', () => {
  it("on Linux, drafts beside the open app on Chromium's headless backend, with no window or single-instance lock", async () => {
    const app = linux()
    const open = createTreasury({
      dataDir: app.userData,
      secrets: createSessionSecretStore(),
      automation: FAST_AUTOMATION
    })
    const events: Array<{ at: number; event: TreasuryEvent }> = []
    open.onEvent((event) => events.push({ at: Date.now(), event }))
    try {
      const args = ['payouts', 'create', '--json', '--asset', USDC_ETH, '--purpose', 'Contractors, May']
      const made = await run(app, [...args, '--to', `${ADDRESS_A}=334.969`])
      expect([made.code, made.stderr]).toEqual([EXIT.ok, ''])
      const payout = PayoutDetailSchema.parse(JSON.parse(made.stdout))
      expect(payout).toMatchObject({ totalBaseUnits: '334969000', source: { kind: 'cli' } })
      expect(made.binaryArgs).toEqual([
        '--ozone-platform=headless',
        '--disable-gpu',
        CLI_SWITCH,
        ...args,
        '--to',
        `${ADDRESS_A}=334.969`
      ])
      expect(made.shell).toMatchObject({
        exitCode: EXIT.ok,
        windows: [],
        singleInstanceLockRequested: false,
        privilegedSchemes: [],
        handledSchemes: [],
        ipcChannels: [],
        errorBoxes: []
      })
      const seen = await waitFor(
        () => events.find((e) => e.event.type === 'payout.changed' && e.event.id === payout.id),
        5_000,
        'the open app to notice'
      )
      expect(seen.at - made.exitedAt).toBeLessThan(1_000)
    } finally {
      await open.close()
    }
  })

  it("passes the command's exit code to the calling script", async () => {
    const app = linux()
    const missing = await run(app, ['payouts', 'show', 'PO-NOSUCHTHING'])
    expect(missing.code).toBe(EXIT.notFound)
    expect(missing.stderr).toContain('Error (not_found)')
    const submit = await run(app, ['payouts', 'submit', 'PO-NOSUCHTHING', '--json'])
    expect(submit.code).toBe(EXIT.usage)
    expect(JSON.parse(submit.stderr)).toMatchObject({ error: { code: 'cli_usage' } })
  })

  it('uses the data folder the app would: --data-dir when given, never TREASURY_DATA_DIR', async () => {
    const app = linux()
    const envDir = tempDir('treasury-env-data-')
    const plain = await run(app, ['networks', '--json'], { TREASURY_DATA_DIR: envDir })
    expect(plain.code).toBe(EXIT.ok)
    expect(existsSync(join(app.userData, DATABASE_FILE))).toBe(true)
    expect(existsSync(join(envDir, DATABASE_FILE))).toBe(false)
    const books = join(tempDir('treasury-books-'), 'books')
    const flagged = await run(app, ['networks', `--data-dir=${books}`])
    expect(flagged.code).toBe(EXIT.ok)
    expect(existsSync(join(books, DATABASE_FILE))).toBe(true)
    const relative = await run(app, ['networks', '--data-dir=books'])
    expect(relative.code).toBe(EXIT.usage)
    expect(relative.stderr).toContain('is not a full path')
  })

  it('on macOS, runs the app bundle with --cli through a link on PATH', async () => {
    const app = mac()
    const audit = await run(app, ['audit', 'verify'])
    expect([audit.code, audit.stderr]).toEqual([EXIT.ok, ''])
    expect(audit.stdout).toContain('The audit log is intact')
    expect(audit.binaryArgs).toEqual([CLI_SWITCH, 'audit', 'verify'])
    expect(audit.shell?.windows).toEqual([])
  })

  it('says so when the launcher was copied away from the app instead of linked', async () => {
    const alone = join(tempDir('treasury-copied-'), 'treasury')
    copyFileSync(LAUNCHER, alone)
    const copied = await run({ ...linux(), command: alone }, ['networks'])
    expect(copied.code).toBe(1)
    expect(copied.stderr).toContain('the Treasury app was not found')
  })
})
