// Runs in: main (Electron). The thin shell: one instance, one locked-down window, the Treasury
// bound to IPC. All behaviour is in createTreasury; this file only starts and connects it.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain } from 'electron'
import { createTreasury, type Treasury } from './treasury'
import { createDemoTreasury } from './demo'
import { createLedgerEmulator } from './ledger/emulator'
import { bindTreasuryIpc, forwardEvents } from './shell/ipc'
import { createMainWindow, denyAllPermissions } from './shell/window'

app.enableSandbox()

const RENDERER_DIR = join(__dirname, '../renderer')
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
/** Demo mode (npm run demo): a local chain and the emulated Ledger. Never in a packaged build. */
const demoRpcUrl = !app.isPackaged && process.env.TREASURY_DEMO === '1' ? process.env.TREASURY_DEMO_RPC_URL : undefined

let treasury: Treasury | null = null
let window: BrowserWindow | null = null

function openWindow(t: Treasury): void {
  window = createMainWindow({ preloadPath: join(__dirname, '../preload/index.js') })
  const stopEvents = forwardEvents(t, window.webContents)
  window.on('closed', () => {
    stopEvents()
    window = null
  })
  const query = demoRpcUrl === undefined ? '' : '?demo=1'
  if (devUrl !== undefined) void window.loadURL(`${devUrl}${query}`)
  else void window.loadFile(join(RENDERER_DIR, 'index.html'), demoRpcUrl === undefined ? {} : { query: { demo: '1' } })
}

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
      denyAllPermissions(pathToFileURL(RENDERER_DIR).href)
      const dataDir = process.env.TREASURY_DATA_DIR ?? app.getPath('userData')
      try {
        if (demoRpcUrl !== undefined) {
          const emulator = createLedgerEmulator({ blindSigning: true })
          treasury = await createDemoTreasury({
            dataDir,
            rpcUrl: demoRpcUrl,
            openTransport: () => emulator.openTransport()
          })
        } else {
          treasury = createTreasury({ dataDir })
        }
      } catch (e) {
        dialog.showErrorBox('Treasury cannot open its data', e instanceof Error ? e.message : String(e))
        app.exit(1)
        return
      }
      bindTreasuryIpc(
        ipcMain,
        treasury,
        devUrl !== undefined ? { devOrigin: devUrl } : { fileRoot: pathToFileURL(RENDERER_DIR).href }
      )
      openWindow(treasury)
      // After the window, so starting the file reader's thread never delays the first paint.
      treasury.prepareRegistryReader()
      app.on('activate', () => {
        if (window === null && treasury !== null) openWindow(treasury)
      })
    },
    (e: unknown) => {
      dialog.showErrorBox('Treasury failed to start', e instanceof Error ? e.message : String(e))
      app.exit(1)
    }
  )

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => {
    void treasury?.close()
    treasury = null
  })
}
