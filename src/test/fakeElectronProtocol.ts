// Runs in: tests (plain Node). What the stand-in `electron` module (fakeElectron.ts) records about
// the shell, and the questions a test may ask it over the child process's IPC channel. Shared by
// both sides so the conversation is typed.

/** Environment variables the stand-in reads. */
export const FAKE_ELECTRON_ENV = {
  packaged: 'FAKE_ELECTRON_PACKAGED',
  userData: 'FAKE_ELECTRON_USER_DATA',
  lockTaken: 'FAKE_ELECTRON_LOCK_TAKEN',
  /** When set, app.exit(code) writes the recorded state (JSON) to this file and ends the process with that code. */
  exitStateFile: 'FAKE_ELECTRON_EXIT_STATE_FILE'
} as const

export interface RecordedWindow {
  /** The BrowserWindow constructor's options, as JSON. */
  readonly options: Record<string, unknown>
  readonly loadedUrls: readonly string[]
  readonly loadedFiles: readonly string[]
  readonly focusCount: number
}

export interface FakeElectronState {
  readonly ready: boolean
  readonly sandboxEnabledBeforeReady: boolean
  readonly privilegedSchemes: ReadonlyArray<{
    readonly scheme: string
    readonly privileges: Record<string, unknown>
    readonly beforeReady: boolean
  }>
  readonly handledSchemes: readonly string[]
  readonly singleInstanceLockRequested: boolean
  readonly quitCalled: boolean
  readonly exitCode: number | null
  readonly errorBoxes: ReadonlyArray<{ readonly title: string; readonly content: string }>
  readonly windows: readonly RecordedWindow[]
  readonly ipcChannels: readonly string[]
  readonly sessionHandlers: {
    readonly permissionRequest: boolean
    readonly permissionCheck: boolean
    readonly devicePermission: boolean
    readonly beforeRequest: boolean
  }
  readonly openedExternally: readonly string[]
}

export interface ProtocolAnswer {
  readonly status: number
  readonly contentType: string | null
  readonly length: number
  readonly sha256: string
  /** The first characters of the body, for messages. */
  readonly head: string
}

export type FakeElectronCommand =
  | { readonly op: 'state' }
  | { readonly op: 'protocol'; readonly url: string; readonly method?: string }
  | {
      readonly op: 'ipc'
      readonly channel: string
      readonly input: unknown
      readonly frameUrl: string
      readonly isMainFrame: boolean
    }
  | { readonly op: 'permission'; readonly permission: string }
  | { readonly op: 'request'; readonly url: string }
  | { readonly op: 'navigate'; readonly url: string }
  | { readonly op: 'redirect'; readonly url: string }
  | { readonly op: 'open'; readonly url: string }
  | { readonly op: 'secondInstance' }
  | { readonly op: 'quit' }

export interface FakeElectronAnswers {
  state: FakeElectronState
  protocol: ProtocolAnswer
  ipc: unknown
  permission: { readonly requestGranted: boolean; readonly checkGranted: boolean; readonly deviceGranted: boolean }
  request: { readonly cancel: boolean }
  navigate: { readonly prevented: boolean }
  redirect: { readonly prevented: boolean }
  open: { readonly action: string }
  secondInstance: { readonly focusCount: number }
  quit: { readonly closing: true }
}

export interface FakeElectronRequest {
  readonly id: number
  readonly command: FakeElectronCommand
}

export type FakeElectronReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string }
