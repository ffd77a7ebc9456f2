// Runs in: renderer. The Ledger's state in words a finance person can act on: what the device is
// doing, what to do next, and whether signing can start now. Pure, so the wording is tested.
import type { DeviceStatusView } from '../../../../shared/execution'
import { assertNever } from '../../../../shared/result'

export const DEVICE_TONE = { ok: 'ok', waiting: 'waiting', action: 'action' } as const
export type DeviceTone = (typeof DEVICE_TONE)[keyof typeof DEVICE_TONE]

export interface DeviceDescription {
  /** One short line: the state. */
  readonly headline: string
  /** What to do next, or what is happening; empty when nothing is needed. */
  readonly next: string
  readonly tone: DeviceTone
  /** True when the Ethereum app is open and idle, so signing can start. */
  readonly ready: boolean
}

export function describeDevice(status: DeviceStatusView): DeviceDescription {
  switch (status.kind) {
    case 'disconnected':
      return {
        headline: 'No Ledger found',
        next: 'Connect and unlock your Ledger.',
        tone: DEVICE_TONE.action,
        ready: false
      }
    case 'locked':
      return {
        headline: 'Ledger locked',
        next: 'Unlock your Ledger with its PIN.',
        tone: DEVICE_TONE.action,
        ready: false
      }
    case 'dashboard':
      return {
        headline: 'Ledger unlocked',
        next: 'Open the Ethereum app on your Ledger.',
        tone: DEVICE_TONE.action,
        ready: false
      }
    case 'wrongApp':
      return {
        headline: `${status.appName === '' ? 'Another app' : status.appName} is open`,
        next: 'Close it and open the Ethereum app on your Ledger.',
        tone: DEVICE_TONE.action,
        ready: false
      }
    case 'ready':
      return {
        headline: `Ready — Ethereum app ${status.appVersion}, blind signing ${status.blindSigningEnabled ? 'on' : 'off'}`,
        next: status.blindSigningEnabled
          ? ''
          : 'Batch payments and unknown tokens need blind signing: turn it on in the Ethereum app settings on your Ledger.',
        tone: DEVICE_TONE.ok,
        ready: true
      }
    case 'busy':
      return { headline: 'Ledger busy', next: `${status.action}…`, tone: DEVICE_TONE.waiting, ready: false }
    case 'awaitingConfirmation':
      return {
        headline: 'Check your Ledger',
        next: `${status.action}: review it on the device and confirm or reject.`,
        tone: DEVICE_TONE.waiting,
        ready: false
      }
    default:
      return assertNever(status, 'device status')
  }
}
