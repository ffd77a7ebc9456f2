// Runs in: Vitest (node). The device panel's wording: every state says what to do next.
import { describe, expect, it } from 'vitest'
import { describeDevice } from './deviceStatus'

describe('describeDevice', () => {
  it('asks to connect and unlock when no device is found', () => {
    const d = describeDevice({ kind: 'disconnected' })
    expect(d.next).toBe('Connect and unlock your Ledger.')
    expect(d.ready).toBe(false)
  })

  it('asks to open the Ethereum app from the dashboard and from another app', () => {
    expect(describeDevice({ kind: 'dashboard' }).next).toMatch(/Open the Ethereum app/)
    const wrong = describeDevice({ kind: 'wrongApp', appName: 'Bitcoin' })
    expect(wrong.headline).toBe('Bitcoin is open')
    expect(wrong.next).toMatch(/open the Ethereum app/)
  })

  it('reports the app version and the blind signing setting when ready', () => {
    const on = describeDevice({ kind: 'ready', appVersion: '1.12.0', blindSigningEnabled: true })
    expect(on.headline).toBe('Ready — Ethereum app 1.12.0, blind signing on')
    expect(on.ready).toBe(true)
    expect(on.next).toBe('')
    const off = describeDevice({ kind: 'ready', appVersion: '1.12.0', blindSigningEnabled: false })
    expect(off.headline).toMatch(/blind signing off$/)
    expect(off.next).toMatch(/turn it on/)
  })

  it('tells the user to look at the device while it waits for a confirmation', () => {
    const d = describeDevice({ kind: 'awaitingConfirmation', action: 'Signing a transaction' })
    expect(d.headline).toBe('Check your Ledger')
    expect(d.next).toMatch(/^Signing a transaction: review it on the device/)
    expect(d.ready).toBe(false)
  })

  it('is not ready while locked or busy', () => {
    expect(describeDevice({ kind: 'locked' }).ready).toBe(false)
    expect(describeDevice({ kind: 'busy', action: 'Reading accounts' }).next).toBe('Reading accounts…')
  })
})
