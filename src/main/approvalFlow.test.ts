import { describe, expect, it } from 'vitest'
import { tempDir } from '../test/tempDir'
import { createLedgerEmulator } from './ledger/emulator'
import { createSessionSecretStore } from './secrets'
import { createTreasury } from './treasury'

const ACCOUNT = "44'/60'/0'/0/0"
const RECIPIENT = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const MANAGER_SEED = 'legal winner thank year wave sausage worth useful legal winner thank yellow'

/** One desktop whose USB port holds whichever emulated Ledger the test plugs in. */
function desk(operatorName: string) {
  const creatorDevice = createLedgerEmulator()
  const managerDevice = createLedgerEmulator({ mnemonic: MANAGER_SEED })
  let plugged = creatorDevice
  const t = createTreasury({
    dataDir: tempDir(),
    secrets: createSessionSecretStore(),
    ledger: { openTransport: () => plugged.openTransport() }
  })
  return {
    t,
    creatorDevice,
    managerDevice,
    /** Unplugs the device in use and plugs in `device`, as a person swapping Ledgers would. */
    plug: async (device: typeof creatorDevice) => {
      if (plugged === device) return
      plugged.unplug()
      await t.getDeviceStatus({}) // the service sees the device go
      plugged.plugIn()
      plugged = device
    },
    ready: t.updateSettings({ operatorName, requireApproval: true })
  }
}

describe('four-eyes approval through the app', () => {
  it('needs a listed manager, never the creator, and moves to in progress once approved', async () => {
    const d = desk('Ana')
    await d.ready
    await d.plug(d.managerDevice)
    await d.t.addApprover({ name: 'Boris', path: ACCOUNT })
    await d.plug(d.creatorDevice)
    await d.t.addApprover({ name: 'Ana', path: ACCOUNT })
    const draft = await d.t.createPayout({
      kind: 'single',
      assetId: '1:native',
      description: 'rent',
      recipients: [{ address: RECIPIENT, amount: '1' }]
    })
    expect((await d.t.submitPayout({ id: draft.id })).status).toBe('pending')
    await expect(d.t.approvePayout({ id: draft.id, accountPath: ACCOUNT })).rejects.toMatchObject({
      code: 'approval_by_creator'
    })
    await d.plug(d.managerDevice)
    const review = await d.t.approvePayout({ id: draft.id, accountPath: ACCOUNT })
    expect(review).toMatchObject({ status: 'in_progress', remaining: 0 })
    expect(review.approvals[0]).toMatchObject({ approverName: 'Boris', signer: d.managerDevice.addressOf(ACCOUNT) })
    expect(JSON.stringify(d.managerDevice.screens.at(-1)?.fields)).toContain(review.digest.slice(2, 10))
    expect((await d.t.verifyAuditLog({})).ok).toBe(true)
    await d.t.close()
  })

  it('cancels a rejected payout and voids approvals when the payout is edited', async () => {
    const d = desk('Ana')
    await d.ready
    await d.plug(d.managerDevice)
    await d.t.addApprover({ name: 'Boris', path: ACCOUNT })
    const first = await d.t.createPayout({
      kind: 'single',
      assetId: '1:native',
      description: 'a',
      recipients: [{ address: RECIPIENT, amount: '1' }]
    })
    await d.t.submitPayout({ id: first.id })
    await expect(d.t.rejectPayout({ id: first.id, approver: 'Mallory', reason: 'because' })).rejects.toMatchObject({
      code: 'approval_not_an_approver'
    })
    expect((await d.t.rejectPayout({ id: first.id, approver: 'boris', reason: 'wrong invoice' })).status).toBe(
      'cancelled'
    )
    const second = await d.t.createPayout({
      kind: 'single',
      assetId: '1:native',
      description: 'b',
      recipients: [{ address: RECIPIENT, amount: '1' }]
    })
    await d.t.submitPayout({ id: second.id })
    await d.t.updatePayout({ id: second.id, recipients: [{ address: RECIPIENT, amount: '2' }] })
    expect((await d.t.getPayout({ id: second.id })).status).toBe('draft')
    await d.t.close()
  })

  it('carries a request to another desktop and the signed approval back; only the signature is trusted', async () => {
    const creator = desk('Ana')
    await creator.ready
    await creator.plug(creator.managerDevice)
    await creator.t.addApprover({ name: 'Boris', path: ACCOUNT })
    const draft = await creator.t.createPayout({
      kind: 'single',
      assetId: '1:native',
      description: 'bonus',
      recipients: [{ address: RECIPIENT, amount: '3' }]
    })
    await creator.t.submitPayout({ id: draft.id })
    const request = await creator.t.exportForApproval({ id: draft.id })

    const manager = desk('Boris')
    await manager.ready
    await manager.plug(manager.managerDevice)
    const imported = await manager.t.importForApproval({ contentBase64: request.contentBase64 })
    expect(imported).toMatchObject({ payoutId: draft.id, totalBaseUnits: '3000000000000000000', creatorName: 'Ana' })
    await manager.t.approveImported({ id: draft.id, accountPath: ACCOUNT })
    const approval = await manager.t.exportApproval({ id: draft.id })

    const tampered = JSON.parse(Buffer.from(approval.contentBase64, 'base64').toString('utf8')) as Record<
      string,
      unknown
    >
    tampered.signature = `0x${'11'.repeat(65)}`
    await expect(
      creator.t.importApproval({ contentBase64: Buffer.from(JSON.stringify(tampered)).toString('base64') })
    ).rejects.toMatchObject({ code: expect.stringMatching(/^approval_/) })
    expect((await creator.t.importApproval({ contentBase64: approval.contentBase64 })).status).toBe('in_progress')
    await creator.t.close()
    await manager.t.close()
  })
})
