// Runs in: a child process started by src/main/shell/builtMain.test.ts: plain Node, required
// (through tsx) before the built out/main/index.js. Stands in for the `electron` module, which
// cannot run here: every require of the electron module gets this module, which records what the shell
// asks of Electron (window preferences, protocol, IPC handlers, session handlers, the
// single-instance lock) and, asked by the test over the process's IPC channel, drives what was
// registered (a protocol request, an IPC call from a given frame, a permission request, a
// navigation) and answers with what the shell decided. Nothing of Electron's behaviour is
// imitated beyond calling the handlers the shell gave it.
import { createHash } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { writeFileSync } from 'node:fs'
import Module from 'node:module'
import {
  FAKE_ELECTRON_ENV,
  type FakeElectronCommand,
  type FakeElectronReply,
  type FakeElectronRequest,
  type FakeElectronState,
  type ProtocolAnswer
} from './fakeElectronProtocol'

type Callable = (...args: unknown[]) => unknown

/** The module id the built shell requires; answered with this file instead. */
const ELECTRON_MODULE = 'electron'

// Every require of the electron module resolves to this very module.
const moduleWithResolver = Module as unknown as {
  _resolveFilename(request: string, ...rest: unknown[]): string
}
const resolveFilename = moduleWithResolver._resolveFilename.bind(Module)
moduleWithResolver._resolveFilename = (request: string, ...rest: unknown[]): string =>
  request === ELECTRON_MODULE ? __filename : resolveFilename(request, ...rest)

const state = {
  ready: false,
  sandboxEnabledBeforeReady: false,
  privilegedSchemes: [] as Array<{ scheme: string; privileges: Record<string, unknown>; beforeReady: boolean }>,
  handledSchemes: [] as string[],
  singleInstanceLockRequested: false,
  quitCalled: false,
  exitCode: null as number | null,
  errorBoxes: [] as Array<{ title: string; content: string }>,
  openedExternally: [] as string[]
}
const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>()
const ipcHandlers = new Map<string, Callable>()
const sessionHandlers: {
  permissionRequest?: Callable
  permissionCheck?: Callable
  devicePermission?: Callable
  beforeRequest?: Callable
} = {}

const appEvents = new EventEmitter()
let readyPromise: Promise<void> | null = null

export const app = {
  isPackaged: process.env[FAKE_ELECTRON_ENV.packaged] === '1',
  enableSandbox(): void {
    if (!state.ready) state.sandboxEnabledBeforeReady = true
  },
  requestSingleInstanceLock(): boolean {
    state.singleInstanceLockRequested = true
    return process.env[FAKE_ELECTRON_ENV.lockTaken] !== '1'
  },
  whenReady(): Promise<void> {
    // Ready once the main script has run to its end, as Electron is.
    readyPromise ??= new Promise((resolve) =>
      setTimeout(() => {
        state.ready = true
        resolve()
      }, 0)
    )
    return readyPromise
  },
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`the stand-in knows only userData, not ${name}`)
    const dir = process.env[FAKE_ELECTRON_ENV.userData]
    if (dir === undefined) throw new Error(`${FAKE_ELECTRON_ENV.userData} is not set`)
    return dir
  },
  on(name: string, listener: Callable): void {
    appEvents.on(name, listener)
  },
  quit(): void {
    state.quitCalled = true
  },
  exit(code = 0): void {
    state.exitCode = code
    const stateFile = process.env[FAKE_ELECTRON_ENV.exitStateFile]
    if (stateFile === undefined) return
    writeFileSync(stateFile, JSON.stringify(snapshot()))
    process.exit(code)
  }
}

export const protocol = {
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, unknown> }>): void {
    for (const s of schemes)
      state.privilegedSchemes.push({ scheme: s.scheme, privileges: { ...s.privileges }, beforeReady: !state.ready })
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    state.handledSchemes.push(scheme)
    protocolHandlers.set(scheme, handler)
  }
}

class FakeWebContents extends EventEmitter {
  url = ''
  readonly mainFrame = { url: '' }
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  getURL(): string {
    return this.url
  }
  isDestroyed(): boolean {
    return false
  }
  send(): void {}
}

const windows: FakeBrowserWindow[] = []

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents()
  readonly loadedUrls: string[] = []
  readonly loadedFiles: string[] = []
  focusCount = 0
  constructor(readonly options: Record<string, unknown>) {
    super()
    windows.push(this)
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url)
    this.webContents.url = url
    this.webContents.mainFrame.url = url
    return Promise.resolve()
  }
  loadFile(file: string): Promise<void> {
    this.loadedFiles.push(file)
    return Promise.resolve()
  }
  isMinimized(): boolean {
    return false
  }
  restore(): void {}
  focus(): void {
    this.focusCount++
  }
  show(): void {}
  close(): void {}
  isDestroyed(): boolean {
    return false
  }
}
export { FakeBrowserWindow as BrowserWindow }

export const ipcMain = {
  handle(channel: string, handler: Callable): void {
    if (ipcHandlers.has(channel)) throw new Error(`a second handler for ${channel}`)
    ipcHandlers.set(channel, handler)
  },
  removeHandler(channel: string): void {
    ipcHandlers.delete(channel)
  }
}

const defaultSession = {
  setPermissionRequestHandler(h: Callable): void {
    sessionHandlers.permissionRequest = h
  },
  setPermissionCheckHandler(h: Callable): void {
    sessionHandlers.permissionCheck = h
  },
  setDevicePermissionHandler(h: Callable): void {
    sessionHandlers.devicePermission = h
  },
  webRequest: {
    onBeforeRequest(h: Callable): void {
      sessionHandlers.beforeRequest = h
    }
  }
}
export const session = { defaultSession }

export const dialog = {
  showErrorBox(title: string, content: string): void {
    state.errorBoxes.push({ title, content })
  }
}

export const shell = {
  openExternal(url: string): Promise<void> {
    state.openedExternally.push(url)
    return Promise.resolve()
  }
}

export const contextBridge = {}
export const ipcRenderer = {}

function snapshot(): FakeElectronState {
  return {
    ...state,
    windows: windows.map((w) => ({
      options: JSON.parse(JSON.stringify(w.options)) as Record<string, unknown>,
      loadedUrls: [...w.loadedUrls],
      loadedFiles: [...w.loadedFiles],
      focusCount: w.focusCount
    })),
    ipcChannels: [...ipcHandlers.keys()],
    sessionHandlers: {
      permissionRequest: sessionHandlers.permissionRequest !== undefined,
      permissionCheck: sessionHandlers.permissionCheck !== undefined,
      devicePermission: sessionHandlers.devicePermission !== undefined,
      beforeRequest: sessionHandlers.beforeRequest !== undefined
    }
  }
}

function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`the shell registered no ${what}`)
  return value
}

async function askProtocol(url: string, method = 'GET'): Promise<ProtocolAnswer> {
  const scheme = new URL(url).protocol.slice(0, -1)
  const handler = required(protocolHandlers.get(scheme), `handler for ${scheme}:`)
  const response = await handler(new Request(url, { method }))
  const body = Buffer.from(await response.arrayBuffer())
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    length: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
    head: body.subarray(0, 200).toString('utf8')
  }
}

/** Emits a web-contents event the way Electron does and says whether the shell prevented it. */
function prevented(name: string, url: string): { prevented: boolean } {
  const contents = required(windows[0], 'window').webContents
  let wasPrevented = false
  contents.emit(name, { preventDefault: () => (wasPrevented = true) }, url)
  return { prevented: wasPrevented }
}

async function run(command: FakeElectronCommand): Promise<unknown> {
  switch (command.op) {
    case 'state':
      return snapshot()
    case 'protocol':
      return askProtocol(command.url, command.method)
    case 'ipc': {
      const handler = required(ipcHandlers.get(command.channel), `IPC handler for ${command.channel}`)
      const frame = { url: command.frameUrl }
      const event = {
        senderFrame: frame,
        sender: { mainFrame: command.isMainFrame ? frame : { url: 'another frame' } }
      }
      return handler(event, command.input)
    }
    case 'permission': {
      const request = required(sessionHandlers.permissionRequest, 'permission request handler')
      let requestGranted = true
      request(null, command.permission, (granted: boolean) => (requestGranted = granted), {})
      const checkGranted = required(sessionHandlers.permissionCheck, 'permission check handler')(
        null,
        command.permission,
        'app://x',
        {}
      )
      const deviceGranted = required(
        sessionHandlers.devicePermission,
        'device permission handler'
      )({
        deviceType: 'hid',
        origin: 'app://x'
      })
      return { requestGranted, checkGranted: checkGranted === true, deviceGranted: deviceGranted === true }
    }
    case 'request': {
      let cancel: boolean | undefined
      required(sessionHandlers.beforeRequest, 'request filter')({ url: command.url }, (r: { cancel?: boolean }) => {
        cancel = r.cancel === true
      })
      return { cancel: required(cancel, 'answer from the request filter') }
    }
    case 'navigate':
      return prevented('will-navigate', command.url)
    case 'redirect':
      return prevented('will-redirect', command.url)
    case 'open': {
      const contents = required(windows[0], 'window').webContents
      return required(contents.windowOpenHandler, 'window-open handler')({ url: command.url })
    }
    case 'secondInstance':
      appEvents.emit('second-instance')
      return { focusCount: required(windows[0], 'window').focusCount }
    case 'quit':
      appEvents.emit('window-all-closed')
      appEvents.emit('will-quit')
      // The shell closes the Treasury without waiting; give the database a moment, then end.
      setTimeout(() => process.exit(0), 300)
      return { closing: true }
    default: {
      const unknown: never = command
      throw new Error(`unknown command ${JSON.stringify(unknown)}`)
    }
  }
}

process.on('message', (message: FakeElectronRequest) => {
  void run(message.command).then(
    (value) => process.send?.({ id: message.id, ok: true, value } satisfies FakeElectronReply),
    (e: unknown) =>
      process.send?.({
        id: message.id,
        ok: false,
        error: e instanceof Error ? e.message : String(e)
      } satisfies FakeElectronReply)
  )
})
