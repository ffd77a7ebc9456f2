// Errors from hw-app-eth, the transport and the device map to typed errors with actionable messages.
import { AppFailure } from '../../shared/errors'
import { TransportStatusError } from '@ledgerhq/hw-transport'
import { describe, expect, it } from 'vitest'
import { LedgerError, fromStatusWord, toLedgerError } from './errors'
import * as SW from './statusWords'

describe('Ledger error mapping', () => {
  it.each([
    [SW.SW_USER_REJECTED, 'ledger_rejected_on_device'],
    [SW.SW_LOCKED, 'ledger_locked'],
    [SW.SW_APP_NOT_OPEN, 'ledger_app_not_open'],
    [SW.SW_APP_NOT_OPEN_ALT, 'ledger_app_not_open'],
    [SW.SW_CLA_NOT_SUPPORTED, 'ledger_app_not_open'],
    [SW.SW_TX_TYPE_NOT_SUPPORTED, 'ledger_unsupported_transaction_type'],
    [SW.SW_INVALID_DATA, 'ledger_invalid_data'],
    [SW.SW_LOCKED_LEGACY, 'ledger_locked'],
    [SW.SW_UNKNOWN_APDU, 'ledger_app_not_open']
  ])('status word %s maps to %s', (sw, code) => {
    expect(toLedgerError(new TransportStatusError(sw)).code).toBe(code)
  })

  it.each([
    [0x6faa, 'stopped on an internal error (0x6faa)'],
    [0x6f00, 'stopped on an internal error (0x6f00)'],
    [SW.SW_NOT_ONBOARDED, 'is not set up yet'],
    [SW.SW_NOT_ONBOARDED_ALT, 'is not set up yet'],
    [SW.SW_PIN_NOT_SET, 'is not set up yet'],
    [SW.SW_RECOVERY_MODE, 'recovery mode']
  ])('status word %s says what the person must do: %s', (sw, says) => {
    const e = toLedgerError(new TransportStatusError(sw))
    expect(e).toMatchObject({ code: 'ledger_device_error', statusWord: sw })
    expect(e.message).toContain(says)
  })

  it('a word it does not know keeps the general message and names the word', () => {
    const e = toLedgerError(new TransportStatusError(0x6a84))
    expect(e.code).toBe('ledger_device_error')
    expect(e.message).toContain('unexpected error')
    expect(e.details).toEqual({ statusWord: '0x6a84' })
  })

  it('0x6a80 while signing a call that needs blind signing means blind signing is off', () => {
    expect(fromStatusWord(SW.SW_INVALID_DATA, { needsBlindSigning: true }).code).toBe('ledger_blind_signing_disabled')
    const fromHwAppEth = Object.assign(new Error('Please enable Blind signing'), {
      name: 'EthAppPleaseEnableContractData'
    })
    expect(toLedgerError(fromHwAppEth, { needsBlindSigning: true }).code).toBe('ledger_blind_signing_disabled')
    expect(toLedgerError(fromHwAppEth, { needsBlindSigning: false }).code).toBe('ledger_invalid_data')
  })

  it('disconnects, missing devices and overlapping requests have their own codes', () => {
    expect(toLedgerError(Object.assign(new Error('gone'), { name: 'DisconnectedDeviceDuringOperation' })).code).toBe(
      'ledger_disconnected'
    )
    expect(toLedgerError(Object.assign(new Error('none'), { name: 'TransportError', id: 'NoDeviceFound' })).code).toBe(
      'ledger_disconnected'
    )
    expect(toLedgerError(new Error('could not read from HID device')).code).toBe('ledger_disconnected')
    expect(toLedgerError(Object.assign(new Error('busy'), { name: 'TransportRaceCondition' })).code).toBe('ledger_busy')
    expect(toLedgerError('???').code).toBe('ledger_device_error')
  })

  it('crosses IPC as a plain error value with the status word in hex', () => {
    const e = toLedgerError(new TransportStatusError(SW.SW_USER_REJECTED))
    expect(e).toBeInstanceOf(LedgerError)
    expect(e).toBeInstanceOf(AppFailure)
    expect({ code: e.code, message: e.message, details: e.details }).toEqual({
      code: 'ledger_rejected_on_device',
      message: e.message,
      details: { statusWord: '0x6985' }
    })
    expect(e.message).toMatch(/rejected on the Ledger/)
  })
})
