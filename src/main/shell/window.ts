// Runs in: main (Electron). The one application window, locked down: isolated, sandboxed, no
// Node in the page, no navigation away, no new windows, no webviews, no permissions; closing waits
// briefly for a draft edit still being saved.
import { app, BrowserWindow, session, shell } from 'electron'
import { lockDownContents } from './guards'
import { createUnloadGuard, guardUnload } from './unloadGuard'

export interface WindowOptions {
  readonly preloadPath: string
  readonly iconPath?: string
}

export const SECURE_WEB_PREFERENCES = {
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
  spellcheck: false
} as const

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Treasury',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: options.preloadPath }
  })
  lockDownContents(win.webContents, (url) => void shell.openExternal(url))
  // A draft edit still being saved holds the close back briefly instead of being lost.
  // A quit held back this way was cancelled, so the retry quits again rather than only closing.
  let quitting = false
  app.on('before-quit', () => (quitting = true))
  guardUnload(
    win,
    createUnloadGuard(Date.now),
    (fn, ms) => void setTimeout(fn, ms),
    () => (quitting ? app.quit() : win.close())
  )
  win.once('ready-to-show', () => win.show())
  return win
}

/** Denies every permission (camera, notifications, HID from the page, ...) for every session page. */
export function denyAllPermissions(rendererRootUrl: string): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  session.defaultSession.setDevicePermissionHandler(() => false)
  // The page never needs the network; main does all RPC. Anything but the renderer's own files is refused.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const root = rendererRootUrl.endsWith('/') ? rendererRootUrl : `${rendererRootUrl}/`
    // blob: URLs are made by the page itself (exported files it hands to the download dialog).
    const allowed =
      details.url.startsWith(root) ||
      details.url.startsWith('blob:') ||
      details.url.startsWith('devtools://') ||
      (process.env.ELECTRON_RENDERER_URL !== undefined && details.url.startsWith(process.env.ELECTRON_RENDERER_URL))
    callback({ cancel: !allowed })
  })
}
