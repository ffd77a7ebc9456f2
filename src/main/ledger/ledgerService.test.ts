// The Ledger service against the emulator: status events, accounts, verification on the device,
// signing through the queue, approvals, and the failures a finance user meets.
import { verifyMessage } from 'ethers'
import { describe, expect, it } from 'vitest'
import { createLedgerEmulator } from './emulator'
import { createLedgerService, type DeviceStatus } from './ledgerService'

const RECIPIENT = '0x78296F1058dD49C5D6500855F59094F0a2876397'

function setup(options: Parameters<typeof createLedgerEmulator>[0] = {}, userTimeoutMs?: number) {
  const emu = createLedgerEmulator(options)
  const service = createLedgerService({
    openTransport: () => emu.openTransport(),
    ...(userTimeoutMs ? { userTimeoutMs } : {})
  })
  const statuses: DeviceStatus[] = []
  service.subscribe((s) => statuses.push(s))
  return { emu, service, statuses }
}

describe('Ledger service', () => {
  it('publishes the app version and blind signing setting once the Ethereum app is open', async () => {
    const { service, statuses } = setup({ blindSigning: true })
    expect(await service.refresh()).toEqual({ kind: 'ready', appVersion: '1.19.1', blindSigningEnabled: true })
    expect(statuses.map((s) => s.kind)).toEqual(['disconnected', 'ready'])
  })

  it('tells locked, dashboard, other app and unplugged apart', async () => {
    const { emu, service } = setup({ locked: true })
    expect(await service.refresh()).toEqual({ kind: 'locked' })
    emu.unlock()
    emu.openApp('dashboard')
    expect(await service.refresh()).toEqual({ kind: 'dashboard' })
    emu.openApp('other')
    expect(await service.refresh()).toEqual({ kind: 'wrongApp', appName: 'Bitcoin' })
    emu.unplug()
    expect(await service.refresh()).toEqual({ kind: 'disconnected' })
    emu.plugIn()
    emu.openApp('ethereum')
    expect((await service.refresh()).kind).toBe('ready')
  })

  it('lists Ledger Live and legacy accounts', async () => {
    const { emu, service } = setup()
    const live = await service.listAccounts({ scheme: 'ledgerLive', start: 0, count: 2 })
    expect(live.map((a) => a.path)).toEqual(["44'/60'/0'/0/0", "44'/60'/1'/0/0"])
    expect(live[1]!.address).toBe(emu.addressOf("44'/60'/1'/0/0"))
    const legacy = await service.listAccounts({ scheme: 'legacy', start: 3, count: 1 })
    expect(legacy[0]).toEqual({
      scheme: 'legacy',
      index: 3,
      path: "44'/60'/0'/3",
      address: emu.addressOf("44'/60'/0'/3")
    })
  })

  it('verifies an address on the device, and reports a rejection there', async () => {
    const { emu, service, statuses } = setup()
    expect(await service.verifyAddress("44'/60'/0'/0/0")).toBe('0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D')
    expect(statuses.some((s) => s.kind === 'awaitingConfirmation')).toBe(true)
    emu.rejectNext()
    await expect(service.verifyAddress("44'/60'/0'/0/0")).rejects.toMatchObject({ code: 'ledger_rejected_on_device' })
  })

  it('signs approvals with personal_sign and returns a 65-byte signature of the account', async () => {
    const { service } = setup()
    const signature = await service.signPersonalMessage("44'/60'/0'/0/0", 'payout 42 digest')
    expect(signature).toMatch(/^0x[0-9a-f]{130}$/)
    expect(verifyMessage('payout 42 digest', signature)).toBe('0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D')
  })

  it('runs concurrent requests one at a time on the device', async () => {
    const { emu, service } = setup()
    emu.setSlowUser(20)
    const signer = await service.signer("44'/60'/0'/0/0")
    const plans = [0, 1, 2].map((nonce) => ({
      type: 2 as const,
      chainId: 1n,
      nonce,
      to: RECIPIENT,
      value: 1n,
      data: '0x',
      gasLimit: 21000n,
      maxFeePerGas: 2n,
      maxPriorityFeePerGas: 1n
    }))
    const [a, b, c] = await Promise.all([
      ...plans.map((p) => signer.signTransaction(p)),
      service.listAccounts({ scheme: 'legacy', start: 0, count: 2 })
    ])
    expect([a, b, c].every(Boolean)).toBe(true)
    // The emulator throws on overlapping exchanges; reaching here means none overlapped.
    expect(emu.screens.filter((s) => s.kind === 'transaction').map((s) => s.outcome)).toEqual([
      'approved',
      'approved',
      'approved'
    ])
  })

  it('reports an unplug in the middle of signing, then signs again once plugged back in', async () => {
    const { emu, service, statuses } = setup()
    const signer = await service.signer("44'/60'/0'/0/0")
    const plan = {
      type: 2 as const,
      chainId: 1n,
      nonce: 0,
      to: RECIPIENT,
      value: 1n,
      data: '0x',
      gasLimit: 21000n,
      maxFeePerGas: 2n,
      maxPriorityFeePerGas: 1n
    }
    emu.unplugDuringNextConfirmation()
    await expect(signer.signTransaction(plan)).rejects.toMatchObject({ code: 'ledger_disconnected' })
    expect(statuses.at(-1)).toEqual({ kind: 'disconnected' })
    emu.plugIn()
    await expect(signer.signTransaction(plan)).resolves.toMatchObject({
      from: '0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D'
    })
  })

  it('gives up waiting for the user after the timeout, and the next request works', async () => {
    const { emu, service } = setup({ mode: 'manual' }, 200)
    await expect(service.verifyAddress("44'/60'/0'/0/0")).rejects.toMatchObject({ code: 'ledger_user_timeout' })
    expect(emu.pendingConfirmation).toBeNull()
    emu.setManual(false)
    await expect(service.verifyAddress("44'/60'/0'/0/0")).resolves.toBe('0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D')
  })

  it('reports a locked device and a closed Ethereum app as typed errors', async () => {
    const { emu, service } = setup({ locked: true })
    await expect(service.listAccounts({ scheme: 'ledgerLive', start: 0, count: 1 })).rejects.toMatchObject({
      code: 'ledger_locked'
    })
    emu.unlock()
    emu.openApp('dashboard')
    await expect(service.signPersonalMessage("44'/60'/0'/0/0", 'x')).rejects.toMatchObject({
      code: 'ledger_app_not_open'
    })
  })
})
