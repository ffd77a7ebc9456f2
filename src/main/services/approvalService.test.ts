// Four-eyes approvals end to end on real SQLite files, with Ledger emulators as the creator's and
// the managers' devices: submit, approve with a signature made on the manager's own device, reach
// M of N, reject, void approvals by editing, and carry an approval between two desktops by file,
// refusing every hostile file along the way.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Settings } from '../../shared/api'
import { createCatalogue } from '../domain/catalogue'
import { createLedgerEmulator } from '../ledger/emulator'
import { createLedgerService, type LedgerService } from '../ledger/ledgerService'
import { verifyAuditLog } from '../store/auditLog'
import { openDatabase, type OpenedDatabase } from '../store/db'
import { getItems, getPayoutRow } from '../store/payoutRepo'
import { readSettings, writeSettings } from '../store/settingsRepo'
import { tempDir } from '../../test/tempDir'
import { createApprovalService, type ApprovalService, type SubmissionAccounts } from './approvalService'
import { createSubmission } from './submission'
import { createPayoutService, type PayoutService } from './payoutService'

const PATH = "44'/60'/0'/0/0"
const catalogue = createCatalogue()
const ETH = catalogue.asset('1:native')!
const RECIPIENTS = [
  { address: '0x78296F1058dD49C5D6500855F59094F0a2876397', amount: '1.5', reference: 'INV-1' },
  { address: '0x1111111111111111111111111111111111111111', amount: '2', reference: 'INV-2' }
]

function device(mnemonic?: string): {
  ledger: LedgerService
  address: string
  screens: () => readonly { fields: readonly { value: string }[] }[]
} {
  const emu = createLedgerEmulator(mnemonic === undefined ? {} : { mnemonic })
  return {
    ledger: createLedgerService({ openTransport: () => emu.openTransport() }),
    address: emu.addressOf(PATH),
    screens: () => emu.screens
  }
}

// Four people, four devices: Ana creates payouts; Boris and Chen approve; Eve is nobody's approver.
const ana = device('test test test test test test test test test test test junk')
const boris = device()
const chen = device('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about')
const eve = device('legal winner thank year wave sausage worth useful legal winner thank yellow')

interface Desk {
  db: OpenedDatabase
  payouts: PayoutService
  submitWith: (id: string, accounts: SubmissionAccounts) => void
  approvals: ApprovalService
  changes: string[]
}
const desks: Desk[] = []

function desk(operatorName: string, requireApproval = true): Desk {
  const db = openDatabase(join(tempDir('treasury-approvals-'), 'treasury.sqlite'))
  writeSettings(db.write, { operatorName, requireApproval })
  const settings = (): Settings => readSettings(db.write)
  const now = () => new Date()
  const changes: string[] = []
  const changed = (id: string, status: string): void => void changes.push(`${id}:${status}`)
  const payouts = createPayoutService({ db, catalogue, settings, now, changed })
  const approvals = createApprovalService({ db, catalogue, settings, now, changed })
  // Submitting and approving never reach the network or sign a transaction.
  const submitWith = (id: string, accounts: SubmissionAccounts): void =>
    void createSubmission({
      db,
      now,
      actor: () => operatorName,
      emit: () => {},
      assertAcknowledged: () => {},
      decideApproval: (payoutId) => approvals.prepareSubmission(payoutId, accounts)
    }).submit(id)
  const d = { db, payouts, submitWith, approvals, changes }
  desks.push(d)
  return d
}

function setUpPolicy(d: Desk, threshold = 2): void {
  d.approvals.addApprover({ name: 'Ana', address: ana.address })
  d.approvals.addApprover({ name: 'Boris', address: boris.address })
  d.approvals.addApprover({ name: 'Chen', address: chen.address })
  d.approvals.setThreshold(threshold)
}

function draft(d: Desk, recipients = RECIPIENTS): string {
  return d.payouts.create({ kind: 'mass', assetId: ETH.id, description: 'March contractors', recipients }).id
}

function submit(d: Desk, id: string): void {
  d.submitWith(id, { creatorAddress: ana.address })
}

const sign = (who: { ledger: LedgerService }, message: string): Promise<string> =>
  who.ledger.signPersonalMessage(PATH, message)
const status = (d: Desk, id: string) => getPayoutRow(d.db.read, id)!.status
const failure = (code: string) => expect.objectContaining({ code })

let a: Desk
beforeAll(() => {
  a = desk('Ana')
  setUpPolicy(a)
})

afterAll(async () => {
  for (const d of desks) {
    d.db.close()
  }
  for (const who of [ana, boris, chen, eve]) await who.ledger.close()
})

describe('approving a payout with Ledger signatures, 2 of 2', () => {
  it('stays pending after one approval and moves to in progress at the second', async () => {
    const id = draft(a)
    submit(a, id)
    expect(status(a, id)).toBe('pending')
    const first = a.approvals.review(id)
    expect(first).toMatchObject({ threshold: 2, remaining: 2, approvals: [] })
    expect(first.canStillApprove.map((x) => x.name)).toEqual(['Boris', 'Chen'])

    const afterBoris = a.approvals.recordApproval(id, await sign(boris, a.approvals.message(id)))
    expect(afterBoris).toMatchObject({
      status: 'pending',
      remaining: 1,
      approvals: [{ approverName: 'Boris', signer: boris.address, source: 'device' }]
    })
    // What Boris's device showed is the message, digest included.
    expect(boris.screens().at(-1)!.fields[0]!.value).toContain(first.digest)

    const afterChen = a.approvals.recordApproval(id, await sign(chen, a.approvals.message(id)))
    expect(afterChen).toMatchObject({ status: 'in_progress', remaining: 0 })
    expect(status(a, id)).toBe('in_progress')
    expect(getItems(a.db.read, id).map((it) => it.status)).toEqual(['queued', 'queued'])
    expect(a.changes).toContain(`${id}:in_progress`)
    expect(verifyAuditLog(a.db.read)).toMatchObject({ ok: true })
  })

  it('never counts the creator: not by her listed Ledger, nor twice the same approver', async () => {
    const id = draft(a)
    submit(a, id)
    await expect(sign(ana, a.approvals.message(id)).then((s) => a.approvals.recordApproval(id, s))).rejects.toThrow(
      failure('approval_by_creator')
    )
    a.approvals.recordApproval(id, await sign(boris, a.approvals.message(id)))
    await expect(sign(boris, a.approvals.message(id)).then((s) => a.approvals.recordApproval(id, s))).rejects.toThrow(
      failure('approval_duplicate')
    )
    await expect(sign(eve, a.approvals.message(id)).then((s) => a.approvals.recordApproval(id, s))).rejects.toThrow(
      failure('approval_not_an_approver')
    )
    expect(a.approvals.review(id)).toMatchObject({ status: 'pending', remaining: 1 })
  })

  it("refuses the creator's Ledger address named at submission even when it is not a listed approver", async () => {
    const d = desk('Dora')
    d.approvals.addApprover({ name: 'Boris', address: boris.address })
    d.approvals.addApprover({ name: 'Eve', address: eve.address })
    const id = draft(d)
    d.submitWith(id, { creatorAddress: eve.address })
    await expect(sign(eve, d.approvals.message(id)).then((s) => d.approvals.recordApproval(id, s))).rejects.toThrow(
      failure('approval_by_creator')
    )
  })

  it('refuses a damaged signature and a signature by someone other than the approver expected', async () => {
    const id = draft(a)
    submit(a, id)
    expect(() => a.approvals.recordApproval(id, '0x1234')).toThrow(failure('approval_signature_invalid'))
    const bySomeoneElse = await sign(chen, a.approvals.message(id))
    expect(() => a.approvals.recordApproval(id, bySomeoneElse, { expectedSigner: boris.address })).toThrow(
      failure('approval_signature_mismatch')
    )
  })

  it('a rejected payout ends cancelled, with its rows, and the reason in the timeline', () => {
    const id = draft(a)
    submit(a, id)
    expect(() => a.approvals.reject(id, { approver: 'Boris', reason: '  ' })).toThrow(failure('reject_reason_required'))
    expect(a.approvals.reject(id, { approver: 'Boris', reason: 'Wrong month' }).status).toBe('cancelled')
    expect(getItems(a.db.read, id).map((it) => it.status)).toEqual(['cancelled', 'cancelled'])
    const entry = a.payouts.get({ id, offset: 0, limit: 10 }).timeline.at(-1)!
    expect(entry).toMatchObject({
      action: 'rejected',
      actor: 'Boris',
      fromStatus: 'pending',
      toStatus: 'cancelled',
      detail: 'Wrong month'
    })
    expect(() => a.approvals.reject(id, { approver: 'Boris', reason: 'again' })).toThrow(failure('illegal_transition'))
  })
})

describe('an edit after submission voids approvals', () => {
  it('returns the payout to draft, ignores the earlier signature, and needs fresh ones', async () => {
    const id = draft(a)
    submit(a, id)
    const oldSignature = await sign(boris, a.approvals.message(id))
    const before = a.approvals.recordApproval(id, oldSignature)
    a.payouts.update({ id, description: 'March contractors (corrected)' })
    expect(status(a, id)).toBe('draft')
    expect(() => a.approvals.recordApproval(id, oldSignature)).toThrow(failure('approval_not_pending'))

    submit(a, id)
    const after = a.approvals.review(id)
    expect(after.digest).not.toBe(before.digest)
    expect(after).toMatchObject({ approvals: [], voidedApprovals: 1, remaining: 2 })
    // The old signature recovers to nobody on the current message.
    expect(() => a.approvals.recordApproval(id, oldSignature, { expectedSigner: boris.address })).toThrow(
      failure('approval_signature_mismatch')
    )
    a.approvals.recordApproval(id, await sign(boris, a.approvals.message(id)))
    expect(a.approvals.recordApproval(id, await sign(chen, a.approvals.message(id))).status).toBe('in_progress')
  })
})

describe('policy at submission', () => {
  it('covers the payer named at submission, and holds execution to it', async () => {
    const id = draft(a)
    a.submitWith(id, { creatorAddress: ana.address, payerAddress: eve.address })
    expect(a.approvals.review(id).payerAddress).toBe(eve.address)
    expect(a.approvals.message(id)).toContain(a.approvals.review(id).digest)
    expect(() => a.approvals.assertPayer(id, boris.address)).toThrow(failure('payer_not_approved'))
    expect(() => a.approvals.assertPayer(id, eve.address.toLowerCase())).not.toThrow()
    expect(() => a.approvals.prepareSubmission(id, { payerAddress: boris.address })).toThrow(failure('not_submittable'))
  })

  it("skips approval for a total up to the asset's amount rule", () => {
    const d = desk('Ana')
    setUpPolicy(d)
    d.approvals.setAmountRule(ETH.id, 5n * 10n ** 18n)
    const small = draft(d)
    submit(d, small)
    expect(status(d, small)).toBe('in_progress')
    const large = draft(d, [{ address: RECIPIENTS[0]!.address, amount: '5.000000000000000001', reference: '' }])
    submit(d, large)
    expect(status(d, large)).toBe('pending')
  })

  it('refuses to submit when approval is on but too few approvers besides the creator exist', () => {
    const d = desk('Ana')
    d.approvals.addApprover({ name: 'Ana', address: ana.address })
    const id = draft(d)
    expect(() => d.approvals.prepareSubmission(id)).toThrow(failure('approval_policy_unreachable'))
    expect(status(d, id)).toBe('draft')
  })

  it('keeps the policy through a restart and refuses an unreachable threshold', () => {
    const d = desk('Ana')
    setUpPolicy(d, 3)
    expect(() => d.approvals.setThreshold(4)).toThrow(failure('approval_threshold_invalid'))
    expect(() => d.approvals.addApprover({ name: 'Boris again', address: boris.address.toLowerCase() })).toThrow(
      failure('approver_duplicate')
    )
    const again = createApprovalService({
      db: d.db,
      catalogue,
      settings: () => readSettings(d.db.write),
      now: () => new Date(),
      changed: () => {}
    })
    expect(again.policy()).toMatchObject({
      requireApproval: true,
      threshold: 3,
      approvers: [{ name: 'Ana' }, { name: 'Boris' }, { name: 'Chen' }]
    })
    expect(again.removeApprover(chen.address).threshold).toBe(2)
  })
})

describe('approving on another desktop, by file', () => {
  const enc = (value: unknown): Uint8Array =>
    new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value))
  const dec = (bytes: Uint8Array): Record<string, unknown> =>
    JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>

  async function approvedElsewhere(b: Desk, request: Uint8Array, who: { ledger: LedgerService }): Promise<Uint8Array> {
    const review = b.approvals.importForApproval(request)
    b.approvals.recordImportedApproval(review.payoutId, await sign(who, review.message))
    return b.approvals.exportApproval(review.payoutId)
  }

  it('round-trips: export, review and sign on a second data dir, import the approval back', async () => {
    const id = draft(a)
    submit(a, id)
    const request = a.approvals.exportForApproval(id)
    const b = desk('Boris', false)
    const review = b.approvals.importForApproval(request)
    expect(review).toMatchObject({
      payoutId: id,
      digest: a.approvals.review(id).digest,
      message: a.approvals.message(id),
      creatorName: 'Ana',
      totalBaseUnits: '3500000000000000000',
      catalogueWarnings: []
    })
    expect(review.recipients.map((r) => r.address)).toEqual(RECIPIENTS.map((r) => r.address))
    // The copy on the approver's desktop is for review only: it is not a payout there.
    expect(getPayoutRow(b.db.read, id)).toBeUndefined()
    expect(() => b.approvals.exportApproval(id)).toThrow(failure('approval_not_signed'))
    b.approvals.recordImportedApproval(id, await sign(boris, review.message))
    expect(a.approvals.importApproval(b.approvals.exportApproval(id))).toMatchObject({
      status: 'pending',
      approvals: [{ approverName: 'Boris', source: 'file' }]
    })

    const c = desk('Chen', false)
    const back = a.approvals.importApproval(await approvedElsewhere(c, request, chen))
    expect(back.status).toBe('in_progress')
    expect(verifyAuditLog(a.db.read)).toMatchObject({ ok: true })
  })

  it("refuses malformed and tampered requests on the approver's desktop", () => {
    const id = draft(a)
    submit(a, id)
    const request = dec(a.approvals.exportForApproval(id))
    const b = desk('Boris', false)
    expect(() => b.approvals.importForApproval(enc('{"format": "treasury.approval-request",'))).toThrow(
      failure('approval_file_malformed')
    )
    expect(() => b.approvals.importForApproval(enc({ ...request, version: 2 }))).toThrow(
      failure('approval_file_malformed')
    )
    const payout = request.payout as { recipients: Array<{ amount: string }> }
    const inflated = {
      ...request,
      payout: {
        ...payout,
        recipients: [{ ...payout.recipients[0]!, amount: '9500000000000000000' }, payout.recipients[1]]
      }
    }
    expect(() => b.approvals.importForApproval(enc(inflated))).toThrow(failure('approval_file_digest_mismatch'))
    // On the creator's own desktop the payout is approved from its page, never through a copy.
    expect(() => a.approvals.importForApproval(enc(request))).toThrow(failure('approval_request_is_local'))
  })

  it('trusts only the signature: refuses wrong digests, non-approvers, the creator, replays and swapped signers', async () => {
    const id = draft(a)
    submit(a, id)
    const request = a.approvals.exportForApproval(id)
    const b = desk('Boris', false)
    const good = dec(await approvedElsewhere(b, request, boris))

    expect(() => a.approvals.importApproval(enc('not json'))).toThrow(failure('approval_file_malformed'))
    expect(() => a.approvals.importApproval(request)).toThrow(failure('approval_file_wrong_kind'))
    expect(() => a.approvals.importApproval(enc({ ...good, digest: `0x${'ab'.repeat(32)}` }))).toThrow(
      failure('approval_digest_mismatch')
    )
    expect(() => a.approvals.importApproval(enc({ ...good, signer: chen.address }))).toThrow(
      failure('approval_signature_mismatch')
    )

    // Eve signs the right message on her own desktop: the approver's desktop refuses, and so does the creator's.
    const e = desk('Eve', false)
    const eveReview = e.approvals.importForApproval(request)
    const eveSig = await sign(eve, eveReview.message)
    expect(() => e.approvals.recordImportedApproval(id, eveSig)).toThrow(failure('approval_not_an_approver'))
    expect(() => a.approvals.importApproval(enc({ ...good, signer: eve.address, signature: eveSig }))).toThrow(
      failure('approval_not_an_approver')
    )

    const anaSig = await sign(ana, eveReview.message)
    expect(() => a.approvals.importApproval(enc({ ...good, signer: ana.address, signature: anaSig }))).toThrow(
      failure('approval_by_creator')
    )

    expect(a.approvals.importApproval(enc(good)).approvals).toHaveLength(1)
    expect(() => a.approvals.importApproval(enc(good))).toThrow(failure('approval_duplicate'))

    // An approval of revision N is worthless once the payout is edited.
    a.payouts.update({ id, description: 'March contractors, edited' })
    submit(a, id)
    expect(() => a.approvals.importApproval(enc(good))).toThrow(failure('approval_outdated'))
    expect(a.approvals.review(id)).toMatchObject({ approvals: [], voidedApprovals: 1 })
  })
})
