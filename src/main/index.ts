// Runs in: main (Electron). The thin shell: one instance, one locked-down window, the Treasury
// bound to IPC. All behaviour is in createTreasury; this file only starts and connects it.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain } from 'electron'
import { createTreasury, type Treasury } from './treasury'
import { bindTreasuryIpc, forwardEvents } from './shell/ipc'
import { createMainWindow, denyAllPermissions } from './shell/window'

app.enableSandbox()

const RENDERER_DIR = join(__dirname, '../renderer')
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined

let treasury: Treasury | null = null
let window: BrowserWindow | null = null

function openWindow(t: Treasury): void {
  window = createMainWindow({ preloadPath: join(__dirname, '../preload/index.js') })
  const stopEvents = forwardEvents(t, window.webContents)
  window.on('closed', () => {
    stopEvents()
    window = null
  })
  if (devUrl !== undefined) void window.loadURL(devUrl)
  else void window.loadFile(join(RENDERER_DIR, 'index.html'))
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
    () => {
      denyAllPermissions(pathToFileURL(RENDERER_DIR).href)
      const dataDir = process.env.TREASURY_DATA_DIR ?? app.getPath('userData')
      try {
        treasury = createTreasury({ dataDir })
      } catch (e) {
        dialog.showErrorBox('Treasury cannot open its data', e instanceof Error ? e.message : String(e))
        app.exit(1)
        return
      }
      bindTreasuryIpc(ipcMain, treasury, devUrl !== undefined ? { devOrigin: devUrl } : { fileRoot: pathToFileURL(RENDERER_DIR).href })
      openWindow(treasury)
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
    treasury?.close()
    treasury = null
  })
}
