// Runs in: main (Electron). The one application window, locked down: isolated, sandboxed, no
// Node in the page, no navigation away, no new windows, no webviews, no permissions, no developer
// tools in a packaged build; closing waits briefly for a draft edit still being saved.
import { app, BrowserWindow, session, shell } from 'electron'
import { lockDownContents } from './guards'
import { isAllowedPageRequest, type PageRequestPolicy } from './requestPolicy'
import { createUnloadGuard, guardUnload } from './unloadGuard'

export interface WindowOptions {
  readonly preloadPath: string
  readonly iconPath?: string
  /** False in a packaged build: nobody at the desk can open a console in the page and call the API by hand. */
  readonly devTools: boolean
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
    webPreferences: { ...SECURE_WEB_PREFERENCES, devTools: options.devTools, preload: options.preloadPath }
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

/**
 * Denies every permission (camera, notifications, HID from the page, ...) for every session page,
 * and cancels every request but the page's own files (see requestPolicy.ts).
 */
export function denyAllPermissions(policy: PageRequestPolicy): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  session.defaultSession.setDevicePermissionHandler(() => false)
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedPageRequest(details.url, policy) })
  })
}
