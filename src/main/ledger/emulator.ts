// Runs in: main (plain Node). A software Ledger running the Ethereum app, behind a real
// @ledgerhq/hw-transport Transport: APDU bytes in, bytes out. It stands in for the device in
// tests, in the e2e harness (a device the tests can click "approve" on) and in the demo mode.
// The scripted user and device (approve, reject, locked, blind signing off, wrong app, unplug,
// slow user) are the controls returned next to the transport.

import Transport, { TransportError } from '@ledgerhq/hw-transport'
import { createEthereumApp, sw, type Confirmation, type EthereumAppSettings } from './emulatorApp'
import * as SW from './statusWords'

export type { Confirmation, ScreenField } from './emulatorApp'

/** The Speculos default seed: public recordings made with Speculos can be replayed byte for byte. */
export const SPECULOS_MNEMONIC =
  'glory promote mansion idle axis finger extra february uncover one trip resource lawn turtle enact monster seven myth punch hobby comfort wild raise skin'

export type EmulatedApp = 'ethereum' | 'dashboard' | 'other'

export interface LedgerEmulatorOptions {
  readonly mnemonic?: string
  readonly blindSigning?: boolean
  readonly locked?: boolean
  readonly app?: EmulatedApp
  readonly appVersion?: readonly [number, number, number]
  /** Whether the app takes full EIP-712 messages (default true); false emulates a Nano S, which signs only the hashes. */
  readonly eip712Full?: boolean
  /** 'auto' answers every confirmation itself (approve unless told to reject); 'manual' waits for confirm()/reject(). */
  readonly mode?: 'auto' | 'manual'
  /** How long the automatic user takes to answer, in ms. */
  readonly userDelayMs?: number
}

export interface ScreenRecord extends Confirmation {
  outcome: 'pending' | 'approved' | 'rejected' | 'unplugged'
}

export interface ExchangeRecord {
  readonly command: string
  readonly response: string
}

export interface PendingConfirmation {
  readonly id: number
  readonly confirmation: Confirmation
}

const DEFAULT_VERSION: readonly [number, number, number] = [1, 19, 1]
const OS_VERSION = '1.1.2'
const OTHER_APP_NAME = 'Bitcoin'

/** Thrown by the transport when the device is gone; names follow @ledgerhq/errors. */
export class EmulatedDisconnect extends Error {
  constructor(duringOperation: boolean) {
    super(duringOperation ? 'Ledger device disconnected during the operation' : 'Ledger device disconnected')
    this.name = duringOperation ? 'DisconnectedDeviceDuringOperation' : 'DisconnectedDevice'
  }
}

class EmulatorTransport extends Transport {
  closed = false
  constructor(
    private readonly onExchange: (t: EmulatorTransport, apdu: Buffer) => Promise<Buffer>,
    private readonly onClose: (t: EmulatorTransport) => void
  ) {
    super()
  }
  override exchange(apdu: Buffer): Promise<Buffer> {
    return this.onExchange(this, apdu)
  }
  override async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.onClose(this)
  }
}

export function createLedgerEmulator(options: LedgerEmulatorOptions = {}) {
  let blindSigning = options.blindSigning ?? false
  let locked = options.locked ?? false
  let app: EmulatedApp = options.app ?? 'ethereum'
  let mode = options.mode ?? 'auto'
  let userDelayMs = options.userDelayMs ?? 0
  let rejectNextCount = 0
  let rejectAll = false
  let unplugAtNextConfirmation = false
  let plugged = true
  let busy = false
  let nextId = 1
  const version = options.appVersion ?? DEFAULT_VERSION
  const screens: ScreenRecord[] = []
  const exchanges: ExchangeRecord[] = []
  const pendingListeners = new Set<(p: PendingConfirmation | null) => void>()
  let pending:
    | (PendingConfirmation & { record: ScreenRecord; settle: (approved: boolean) => void; abort: (e: Error) => void })
    | null = null

  const eip712Full = options.eip712Full ?? true
  const settings = (): EthereumAppSettings => ({ blindSigning, version, eip712Full })
  const ethApp = createEthereumApp(options.mnemonic ?? SPECULOS_MNEMONIC, settings, confirm)
  let transport = new EmulatorTransport(exchange, closed)

  function setPending(p: typeof pending): void {
    pending = p
    const visible = p ? { id: p.id, confirmation: p.confirmation } : null
    for (const l of pendingListeners) l(visible)
  }

  function confirm(confirmation: Confirmation): Promise<boolean> {
    const record: ScreenRecord = { ...confirmation, outcome: 'pending' }
    screens.push(record)
    if (unplugAtNextConfirmation) {
      unplugAtNextConfirmation = false
      record.outcome = 'unplugged'
      unplug()
      return Promise.reject(new EmulatedDisconnect(true))
    }
    return new Promise<boolean>((resolve, reject) => {
      const id = nextId++
      let timer: NodeJS.Timeout | null = null
      const done = (): void => {
        if (timer) clearTimeout(timer)
        if (pending?.id === id) setPending(null)
      }
      setPending({
        id,
        confirmation,
        record,
        settle: (approved) => {
          record.outcome = approved ? 'approved' : 'rejected'
          done()
          resolve(approved)
        },
        abort: (e) => {
          record.outcome = 'unplugged'
          done()
          reject(e)
        }
      })
      if (mode === 'auto') {
        const decide = (): void => {
          const reject = rejectAll || rejectNextCount > 0
          if (rejectNextCount > 0) rejectNextCount--
          pending?.settle(!reject)
        }
        if (userDelayMs > 0) timer = setTimeout(decide, userDelayMs)
        else decide()
      }
    })
  }

  async function exchange(from: EmulatorTransport, apdu: Buffer): Promise<Buffer> {
    if (!plugged || from.closed || from !== transport) throw new EmulatedDisconnect(false)
    // A real device answers one APDU at a time; overlapping writes are a host bug worth surfacing.
    if (busy) throw new TransportError('An action was already pending on the Ledger device.', 'TransportRaceCondition')
    busy = true
    try {
      const response = await answer(apdu)
      exchanges.push({ command: apdu.toString('hex'), response: response.toString('hex') })
      return response
    } finally {
      busy = false
    }
  }

  async function answer(apdu: Buffer): Promise<Buffer> {
    if (locked) return sw(SW.SW_LOCKED)
    if (apdu[0] === SW.CLA_OS && apdu[1] === SW.INS_GET_APP_AND_VERSION) return appAndVersion()
    if (app === 'dashboard') return sw(SW.SW_APP_NOT_OPEN)
    if (app === 'other') return sw(SW.SW_CLA_NOT_SUPPORTED)
    return ethApp.handle(apdu)
  }

  /** OS command answer: format byte 1, name, version, flags (as Ledger Live's getAppAndVersion reads it). */
  function appAndVersion(): Buffer {
    const name = app === 'ethereum' ? 'Ethereum' : app === 'dashboard' ? 'BOLOS' : OTHER_APP_NAME
    const ver = app === 'dashboard' ? OS_VERSION : version.join('.')
    const n = Buffer.from(name, 'ascii')
    const v = Buffer.from(ver, 'ascii')
    return Buffer.concat([Buffer.from([1, n.length]), n, Buffer.from([v.length]), v, Buffer.from([1, 0]), sw(SW.SW_OK)])
  }

  /** The host closed its handle: like a real HID close, the request in flight is abandoned. */
  function closed(t: EmulatorTransport): void {
    if (t !== transport) return
    ethApp.reset()
    pending?.abort(new EmulatedDisconnect(true))
  }

  function unplug(): void {
    if (!plugged) return
    plugged = false
    ethApp.reset()
    pending?.abort(new EmulatedDisconnect(true))
    transport.closed = true
    transport.emit('disconnect')
  }

  return {
    /** The current transport; after an unplug, `openTransport()` gives a fresh one once plugged in again. */
    get transport(): Transport {
      return transport
    },
    /** What a transport factory does: the connected device, or an error when none is plugged in. */
    async openTransport(): Promise<Transport> {
      if (!plugged) throw new TransportError('No Ledger device found', 'NoDeviceFound')
      if (transport.closed) {
        ethApp.reset()
        transport = new EmulatorTransport(exchange, closed)
      }
      return transport
    },
    addressOf: (path: string): string => ethApp.addressOf(path),
    /** Every screen the device asked the user to approve, with what happened. */
    screens: screens as readonly ScreenRecord[],
    /** Every APDU exchanged, hex, for tests and for debugging the demo. */
    exchanges: exchanges as readonly ExchangeRecord[],

    approveAll(): void {
      rejectAll = false
      rejectNextCount = 0
      mode = 'auto'
    },
    rejectNext(count = 1): void {
      rejectNextCount += count
    },
    rejectEverything(): void {
      rejectAll = true
    },
    setSlowUser(delayMs: number): void {
      userDelayMs = delayMs
    },
    setManual(manual: boolean): void {
      mode = manual ? 'manual' : 'auto'
    },
    get pendingConfirmation(): PendingConfirmation | null {
      return pending ? { id: pending.id, confirmation: pending.confirmation } : null
    },
    /** Press "approve" (manual mode); false when nothing is waiting. */
    confirm(): boolean {
      if (!pending) return false
      pending.settle(true)
      return true
    },
    reject(): boolean {
      if (!pending) return false
      pending.settle(false)
      return true
    },
    onPendingConfirmation(listener: (p: PendingConfirmation | null) => void): () => void {
      pendingListeners.add(listener)
      return () => pendingListeners.delete(listener)
    },

    lock(): void {
      locked = true
      ethApp.reset()
    },
    unlock(): void {
      locked = false
    },
    setBlindSigning(enabled: boolean): void {
      blindSigning = enabled
    },
    openApp(next: EmulatedApp): void {
      app = next
      ethApp.reset()
    },
    get isPlugged(): boolean {
      return plugged
    },
    unplug,
    plugIn(): void {
      plugged = true
    },
    /** The device is pulled out while the next request is waiting on its screen. */
    unplugDuringNextConfirmation(): void {
      unplugAtNextConfirmation = true
    }
  }
}

export type LedgerEmulator = ReturnType<typeof createLedgerEmulator>
