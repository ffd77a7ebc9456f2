// Runs in: main (plain Node). Typed Ledger errors: a `code` the app branches on and a `message` a
// finance person can act on. Everything thrown by hw-app-eth, the transport or the device (status
// words, disconnects, our own timeouts) is turned into one of these before it leaves src/main/ledger.

import { AppFailure, type LedgerErrorCode } from '../../shared/errors'
import * as SW from './statusWords'

export type { LedgerErrorCode }

const MESSAGES: Record<LedgerErrorCode, string> = {
  ledger_rejected_on_device:
    'The request was rejected on the Ledger. Nothing was signed; you can try again when ready.',
  ledger_blind_signing_disabled:
    'The Ledger refused to sign a contract call it cannot display. On the Ledger, open the Ethereum app, go to Settings, turn on "Blind signing", then try again.',
  ledger_invalid_data:
    'The Ledger refused the data it was sent. Nothing was signed. Update the Ethereum app with Ledger Live and try again.',
  ledger_locked: 'The Ledger is locked. Enter your PIN on the device, then try again.',
  ledger_app_not_open:
    'The Ethereum app is not open on the Ledger. Unlock the device, open the Ethereum app, then try again.',
  ledger_unsupported_transaction_type:
    "The Ledger's Ethereum app does not support this type of transaction. Update the Ethereum app with Ledger Live, then try again.",
  ledger_disconnected:
    'The Ledger was disconnected. Nothing was signed on this attempt. Reconnect it, unlock it, open the Ethereum app, then try again.',
  ledger_user_timeout: 'The Ledger was not confirmed in time. Nothing was signed. Check the device, then try again.',
  ledger_busy: 'The Ledger is busy with another request. Finish or cancel it on the device, then try again.',
  ledger_signature_mismatch:
    'The signed transaction does not match what was planned, so it was discarded and not sent. Do not retry with this device until this is investigated.',
  ledger_device_error:
    'The Ledger reported an unexpected error. Reconnect the device, open the Ethereum app and try again.'
}

const NOT_SET_UP =
  'This Ledger is not set up yet (no PIN or recovery phrase). Set it up with Ledger Live, install the Ethereum app, then try again.'
const RECOVERY_MODE =
  'The Ledger started in recovery mode. Unplug it, plug it in again without holding its buttons, unlock it, open the Ethereum app, then try again.'

/** A device failure is an AppFailure like any other; its details name the status word and field. */
export class LedgerError extends AppFailure<LedgerErrorCode> {
  /** The device status word when the error came from one. */
  readonly statusWord: number | undefined
  /** For signature mismatches: which field differs from the plan. */
  readonly field: string | undefined

  constructor(
    code: LedgerErrorCode,
    options: { statusWord?: number; field?: string; message?: string; cause?: unknown } = {}
  ) {
    super(code, options.message ?? MESSAGES[code], detailsOf(options), { cause: options.cause })
    this.name = 'LedgerError'
    this.statusWord = options.statusWord
    this.field = options.field
  }
}

/** What crosses IPC besides code and message: the status word (hex) and the mismatching field, when known. */
function detailsOf(options: { statusWord?: number; field?: string }): Record<string, string> | undefined {
  const details: Record<string, string> = {}
  if (options.statusWord !== undefined) details.statusWord = SW.statusWordHex(options.statusWord)
  if (options.field !== undefined) details.field = options.field
  return Object.keys(details).length > 0 ? details : undefined
}

export function signatureMismatch(field: string, expected: string, actual: string): LedgerError {
  return new LedgerError('ledger_signature_mismatch', {
    field,
    message: `The signed transaction's ${field} (${actual}) differs from the planned ${field} (${expected}), so it was discarded and not sent. Do not retry with this device until this is investigated.`
  })
}

/** What the caller knew when the error happened: a 0x6A80 while signing a contract call means blind signing. */
export interface ErrorContext {
  readonly needsBlindSigning?: boolean
}

const DISCONNECT_NAMES = new Set(['DisconnectedDevice', 'DisconnectedDeviceDuringOperation', 'CantOpenDevice'])
const NO_DEVICE_IDS = new Set(['NoDeviceFound', 'ListenTimeout'])

/** Maps anything thrown by hw-app-eth, a transport or the device to a LedgerError. */
export function toLedgerError(error: unknown, context: ErrorContext = {}): LedgerError {
  if (error instanceof LedgerError) return error
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown
    statusCode?: unknown
    id?: unknown
    message?: unknown
  }
  const name = typeof e.name === 'string' ? e.name : ''
  if (typeof e.statusCode === 'number') return fromStatusWord(e.statusCode, context, error)
  if (name === 'EthAppPleaseEnableContractData') {
    return new LedgerError(
      context.needsBlindSigning === false ? 'ledger_invalid_data' : 'ledger_blind_signing_disabled',
      { statusWord: SW.SW_INVALID_DATA, cause: error }
    )
  }
  if (name === 'LockedDeviceError') return new LedgerError('ledger_locked', { statusWord: SW.SW_LOCKED, cause: error })
  if (DISCONNECT_NAMES.has(name) || (typeof e.id === 'string' && NO_DEVICE_IDS.has(e.id)))
    return new LedgerError('ledger_disconnected', { cause: error })
  if (name === 'TransportRaceCondition' || e.id === 'TransportRaceCondition')
    return new LedgerError('ledger_busy', { cause: error })
  const message = typeof e.message === 'string' ? e.message : ''
  // node-hid reports a vanished device with plain errors ("could not read from HID device", "cannot open device").
  if (/HID device|cannot open device|device not found/i.test(message))
    return new LedgerError('ledger_disconnected', { cause: error })
  return new LedgerError('ledger_device_error', { cause: error })
}

export function fromStatusWord(statusWord: number, context: ErrorContext = {}, cause?: unknown): LedgerError {
  const opts = cause === undefined ? { statusWord } : { statusWord, cause }
  switch (statusWord) {
    case SW.SW_USER_REJECTED:
    case SW.SW_USER_REFUSED_LEGACY:
      return new LedgerError('ledger_rejected_on_device', opts)
    case SW.SW_INVALID_DATA:
      return new LedgerError(
        context.needsBlindSigning === true ? 'ledger_blind_signing_disabled' : 'ledger_invalid_data',
        opts
      )
    case SW.SW_LOCKED:
    case SW.SW_LOCKED_LEGACY:
      return new LedgerError('ledger_locked', opts)
    case SW.SW_UNKNOWN_APDU:
    case SW.SW_APP_NOT_OPEN:
    case SW.SW_APP_NOT_OPEN_ALT:
    case SW.SW_CLA_NOT_SUPPORTED:
    case SW.SW_INS_NOT_SUPPORTED:
      return new LedgerError('ledger_app_not_open', opts)
    case SW.SW_TX_TYPE_NOT_SUPPORTED:
      return new LedgerError('ledger_unsupported_transaction_type', opts)
    case SW.SW_NOT_ONBOARDED:
    case SW.SW_NOT_ONBOARDED_ALT:
    case SW.SW_PIN_NOT_SET:
      return new LedgerError('ledger_device_error', { ...opts, message: NOT_SET_UP })
    case SW.SW_RECOVERY_MODE:
      return new LedgerError('ledger_device_error', { ...opts, message: RECOVERY_MODE })
    default:
      if (statusWord >= SW.SW_INTERNAL_FIRST && statusWord <= SW.SW_INTERNAL_LAST)
        return new LedgerError('ledger_device_error', {
          ...opts,
          message: `The Ethereum app on the Ledger stopped on an internal error (${SW.statusWordHex(statusWord)}). Nothing was signed. Unplug the Ledger, plug it in again, open the Ethereum app and try again; if it happens again, update the app with Ledger Live.`
        })
      return new LedgerError('ledger_device_error', opts)
  }
}
