// Runs in: main (Electron). The one application window, locked down: isolated, sandboxed, no
// Node in the page, no navigation away, no new windows, no webviews, no permissions.
import { BrowserWindow, session, shell } from 'electron'
import { lockDownContents } from './guards'

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
    const allowed = details.url.startsWith(root) || details.url.startsWith('blob:') || details.url.startsWith('devtools://') || (process.env.ELECTRON_RENDERER_URL !== undefined && details.url.startsWith(process.env.ELECTRON_RENDERER_URL))
    callback({ cancel: !allowed })
  })
}
