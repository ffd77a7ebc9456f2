// Runs in: Vitest (Node). The device's review screen as the signing dialog shows it before the Ledger asks.
import { describe, expect, it } from 'vitest'
import type { DeviceScreenView } from '../../../../shared/execution'
import { deviceShows } from './devicePrompt'
import { screenFields, whatToCheck } from './deviceScreen'

const TO = '0x463e4e114AA57F54f2Fd2C3ec03572C6f75d84C2'
const TOKEN = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const HASH = '0x' + '0123456789abcdef'.repeat(4)

const native: DeviceScreenView = {
  title: 'Review transaction',
  blind: false,
  fields: [
    { label: 'Amount', value: '1.5 ETH' },
    { label: 'To', value: TO },
    { label: 'Network', value: '31337' },
    { label: 'Max fees', value: '0.000042 ETH' }
  ]
}
const token: DeviceScreenView = {
  title: 'Review transaction',
  blind: false,
  fields: [
    { label: 'Amount', value: '250.0 USDC' },
    { label: 'To', value: TO },
    { label: 'Token contract', value: TOKEN },
    { label: 'Max fees', value: '0.0001 ETH' }
  ]
}
const approve: DeviceScreenView = {
  ...token,
  fields: [{ label: 'Approve', value: '215.0 TUSD' }, { label: 'Spender', value: TO }, ...token.fields.slice(2)]
}
const blind: DeviceScreenView = {
  title: 'Review transaction (blind signing)',
  blind: true,
  fields: [
    { label: 'Amount', value: '0.0 ETH' },
    { label: 'To', value: TO },
    { label: 'Transaction hash', value: HASH },
    { label: 'Max fees', value: '0.001 ETH' }
  ]
}

describe('device screen', () => {
  it('lays a hash out in groups of four and keeps addresses and amounts exactly as the device shows them', () => {
    const fields = screenFields(blind)
    expect(fields.map((f) => f.kind)).toEqual(['text', 'address', 'hash', 'text'])
    expect(fields[2]?.groups.slice(0, 4)).toEqual(['0123', '4567', '89ab', 'cdef'])
    expect(fields[2]?.groups).toHaveLength(16)
    expect(fields[1]?.value).toBe(TO)
    expect(fields[0]?.value).toBe('0.0 ETH')
  })

  it('asks to compare the hash when signing blind, and calls a batch a batch only when it is one', () => {
    expect(whatToCheck(blind, 'batch')).toContain('This is the batch payment')
    expect(whatToCheck(blind, 'batch')).toContain('compare the hash')
    const single = whatToCheck(blind, 'per_recipient')
    expect(single).not.toContain('batch')
    expect(single).toContain('compare the hash')
  })

  it('fits a single token transfer, a coin transfer and a token approval', () => {
    expect(whatToCheck(token, 'per_recipient')).toMatch(
      /^One token transfer: check the amount, the recipient address and the token contract/
    )
    expect(whatToCheck(native, 'per_recipient')).toMatch(/^One transfer: check the amount and the recipient address/)
    expect(whatToCheck(approve, 'batch')).toContain('take exactly 215.0 TUSD')
    for (const s of [token, native, approve]) expect(whatToCheck(s, 'batch')).not.toContain('hash')
  })
})

describe('what the Ledger shows, before the first screen is known', () => {
  it('does not call one blind-signed token transfer a batch', () => {
    const one = deviceShows('hash', { plan: 'per_recipient', transactions: 1 })
    expect(one.blind).toBe(true)
    expect(one.text).not.toContain('batch')
    expect(one.text).toContain('The transaction is shown here')
    expect(deviceShows('hash', { plan: 'batch', transactions: 2 }).text).toContain('batch payment')
  })

  it('speaks of one transaction or of each, by how many there are', () => {
    expect(deviceShows('clear', { plan: 'per_recipient', transactions: 1 }).text).toMatch(/^Your Ledger shows/)
    expect(deviceShows('clear', { plan: 'per_recipient', transactions: 3 }).text).toMatch(/^For each transaction/)
  })
})
