// Runs in: main (Electron). The thin shell: one instance, one locked-down window showing the page
// from app://treasury, the Treasury bound to IPC. All behaviour is in createTreasury and the
// src/main/shell modules; this file only starts and connects them. Started as the `treasury`
// command (src/main/cli/cliSwitch.ts), it runs that command instead, before any window, protocol or
// single-instance lock, and exits with its code.
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, protocol } from 'electron'
import { cliArguments } from './cli/cliSwitch'
import { EXIT } from './cli/exitCodes'
import { runCliProcess } from './cli/process'
import { createTreasury, type Treasury } from './treasury'
import { createDemoTreasury } from './demo'
import { createLedgerEmulator } from './ledger/emulator'
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler
} from './shell/appProtocol'
import { PRELOAD_FROM_MAIN, RENDERER_FROM_MAIN } from './shell/bundleLayout'
import { chooseDataDir } from './shell/dataDirChoice'
import { bindTreasuryIpc, forwardEvents } from './shell/ipc'
import { createMainWindow, denyAllPermissions } from './shell/window'

const RENDERER_DIR = join(__dirname, RENDERER_FROM_MAIN)
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
const devTools = !app.isPackaged
/** Demo mode (npm run demo): a local chain and the emulated Ledger. Never in a packaged build. */
const demoRpcUrl = !app.isPackaged && process.env.TREASURY_DEMO === '1' ? process.env.TREASURY_DEMO_RPC_URL : undefined

let treasury: Treasury | null = null
let window: BrowserWindow | null = null

function openWindow(t: Treasury): void {
  window = createMainWindow({ preloadPath: join(__dirname, PRELOAD_FROM_MAIN), devTools })
  const stopEvents = forwardEvents(t, window.webContents)
  window.on('closed', () => {
    stopEvents()
    window = null
  })
  const search = demoRpcUrl === undefined ? '' : '?demo=1'
  void window.loadURL(`${devUrl ?? APP_ENTRY_URL}${search}`)
}

function failStart(title: string, e: unknown): void {
  dialog.showErrorBox(title, e instanceof Error ? e.message : String(e))
  app.exit(1)
}

/** The command line, run by the app's own binary: no window, and the running app (if any) left alone. */
async function runAsCommand(argv: string[]): Promise<void> {
  if (process.platform === 'darwin') app.dock?.hide()
  const code = await runCliProcess({
    argv,
    isPackaged: app.isPackaged,
    env: process.env,
    defaultDir: app.getPath('userData')
  }).catch((e: unknown) => {
    process.stderr.write(`Error (internal_error): ${e instanceof Error ? e.message : String(e)}\n`)
    return EXIT.internal
  })
  app.exit(code)
}

function startWindowApp(): void {
  // Both before the app is ready: Chromium learns the scheme's privileges only at start.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])
  app.enableSandbox()

  if (!app.requestSingleInstanceLock()) {
    app.quit()
  } else {
    app.on('second-instance', () => {
      if (window === null) return
      if (window.isMinimized()) window.restore()
      window.focus()
    })

    app.whenReady().then(
      async () => {
        protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_DIR))
        denyAllPermissions({
          appOrigin: APP_ORIGIN,
          devTools,
          ...(devUrl === undefined ? {} : { devServerUrl: devUrl })
        })
        const dataDir = chooseDataDir({
          isPackaged: app.isPackaged,
          argv: process.argv,
          env: process.env,
          defaultDir: app.getPath('userData')
        })
        if (!dataDir.ok) return failStart('Treasury cannot find its data folder', dataDir.message)
        try {
          if (demoRpcUrl !== undefined) {
            const emulator = createLedgerEmulator({ blindSigning: true })
            treasury = await createDemoTreasury({
              dataDir: dataDir.dir,
              rpcUrl: demoRpcUrl,
              openTransport: () => emulator.openTransport()
            })
          } else {
            treasury = createTreasury({ dataDir: dataDir.dir })
          }
        } catch (e) {
          return failStart('Treasury cannot open its data', e)
        }
        bindTreasuryIpc(ipcMain, treasury, devUrl !== undefined ? { devOrigin: devUrl } : { appOrigin: APP_ORIGIN })
        openWindow(treasury)
        // After the window, so starting the file reader's thread never delays the first paint.
        treasury.prepareRegistryReader()
        app.on('activate', () => {
          if (window === null && treasury !== null) openWindow(treasury)
        })
      },
      (e: unknown) => failStart('Treasury failed to start', e)
    )

    app.on('window-all-closed', () => {
      if (process.platform !== 'darwin') app.quit()
    })
    app.on('will-quit', () => {
      void treasury?.close()
      treasury = null
    })
  }
}

const commandArgs = cliArguments({ argv: process.argv, isPackaged: app.isPackaged })
if (commandArgs === null) startWindowApp()
else void runAsCommand(commandArgs)
