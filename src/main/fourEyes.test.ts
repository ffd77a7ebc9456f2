// Runs in: tests (plain Node, Vitest). Four-eyes control played by an insider at one desk, through
// the app's own contract (dispatch, as the IPC calls it), with real SQLite files and each person's
// own emulated Ledger: every attack is refused or detected with a specific error.
import { afterAll, describe, expect, it } from 'vitest'
import type { TreasuryApi } from '../shared/api'
import { dispatch } from './dispatch'
import { ACCOUNT, SECOND_ACCOUNT, adopt, desk, member, person, policyOf, type Desk } from '../test/team'

const RECIPIENT = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const PAYER = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'
const ana = person('Ana')
const boris = person('Boris')
const chen = person('Chen')
const dora = person('Dora')
const eve = person('Eve')
const desks: Desk[] = []

afterAll(async () => {
  for (const d of desks) await d.t.close()
})

/** A desk of a team where Ana prepares and Boris, Chen and Dora approve, two of them per payout. */
async function teamDesk(threshold = 2, overrides: Parameters<typeof policyOf>[2] = {}): Promise<Desk> {
  const d = desk(ana)
  desks.push(d)
  await adopt(
    d,
    policyOf([member(ana, false), member(boris, true), member(chen, true), member(dora, true)], threshold, overrides),
    [ana, boris, chen, dora]
  )
  await d.plug(ana)
  return d
}

/** The contract as the renderer reaches it: input validated, failures as values. */
async function call<M extends keyof TreasuryApi>(d: Desk, method: M, input: unknown) {
  return dispatch(d.t, method, input, () => {})
}

async function draft(d: Desk, amount = '1'): Promise<string> {
  const p = await d.t.createPayout({
    kind: 'single',
    assetId: '1:native',
    description: 'rent',
    recipients: [{ address: RECIPIENT, amount }]
  })
  return p.id
}

/** Submits on the device plugged in now, acknowledging whatever the confirmation lists. */
async function submit(d: Desk, id: string, accountPath: string | null = ACCOUNT, payerAddress = PAYER) {
  const review = await d.t.reviewSubmission({ id })
  return d.t.submitPayout({ id, acknowledged: review.warnings.map((w) => w.kind), accountPath, payerAddress })
}

describe('the signed policy', () => {
  it('takes effect only once every initial member signed it on their own Ledger', async () => {
    const d = desk(ana)
    desks.push(d)
    await d.t.proposePolicy(policyOf([member(ana, false), member(boris, true)], 1))
    await d.t.signPolicyProposal({ accountPath: ACCOUNT })
    const half = await d.t.getApprovalPolicy({})
    expect(half.inForce).toBeNull()
    expect(half.proposal?.missingMembers.map((m) => m.name)).toEqual(['Boris'])
    // Ana cannot sign for Boris with another account of her own Ledger.
    expect(await call(d, 'signPolicyProposal', { accountPath: SECOND_ACCOUNT })).toMatchObject({
      ok: false,
      error: { code: 'policy_signer_not_required' }
    })
    await d.plug(boris)
    const done = await d.t.signPolicyProposal({ accountPath: ACCOUNT })
    expect(done.inForce).toMatchObject({ sequence: 1, threshold: 1 })
    expect(done.inForce?.signatures.map((s) => s.name).sort()).toEqual(['Ana', 'Boris'])
    expect(done.proposal).toBeNull()
  })

  it('refuses an amount rule beyond the cap (10^50 base units switches approval off in all but name)', async () => {
    const d = await teamDesk()
    const result = await call(d, 'proposePolicy', {
      ...policyOf([member(ana, false), member(boris, true), member(chen, true), member(dora, true)], 2),
      amountRules: [{ assetId: '1:native', maxWithoutApproval: '1' + '0'.repeat(32) }]
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'approval_rule_invalid' } })
  })

  it('cannot be changed from one desk: approval off, a lower threshold or two accounts of one Ledger stay proposals', async () => {
    const d = await teamDesk()
    // The insider at the desk is Boris. He proposes approval off, signs it, and resubmits.
    await d.plug(boris)
    const off = await adopt(
      d,
      policyOf([member(ana, false), member(boris, true), member(chen, true), member(dora, true)], 2, {
        requireApproval: false
      }),
      [boris]
    )
    expect(off.inForce?.requireApproval).toBe(true)
    expect(off.proposal?.missingApprovals).toBe(1)
    const id = await draft(d)
    expect((await submit(d, id)).status).toBe('pending')
    // He adds his own second account as an approver and signs with both: still one approver's signature.
    const second = { name: 'Boris 2', address: boris.addressAt(SECOND_ACCOUNT), approver: true }
    await d.t.proposePolicy(
      policyOf([member(ana, false), member(boris, true), second, member(chen, true), member(dora, true)], 2)
    )
    await d.t.signPolicyProposal({ accountPath: ACCOUNT })
    const both = await d.t.signPolicyProposal({ accountPath: SECOND_ACCOUNT })
    expect(both.inForce?.members).toHaveLength(4)
    expect(both.proposal?.missingApprovals).toBe(1)
    // Eve, who is nobody on the team, cannot sign a change at all.
    await d.plug(eve)
    expect(await call(d, 'signPolicyProposal', { accountPath: ACCOUNT })).toMatchObject({
      ok: false,
      error: { code: 'policy_signer_not_required' }
    })
  })

  it('refuses a chain edited outside the app, loudly', async () => {
    const d = await teamDesk()
    const { openDatabase } = await import('./store/db')
    const { join } = await import('node:path')
    const db = openDatabase(join(d.dataDir, 'treasury.sqlite'))
    db.write.exec('DELETE FROM policy_signatures WHERE signer = (SELECT signer FROM policy_signatures LIMIT 1)')
    db.close()
    expect(await call(d, 'getApprovalPolicy', {})).toMatchObject({ ok: false, error: { code: 'policy_chain_broken' } })
  })
})

describe('identity is a key, never a name', () => {
  it('an approver who renames the desk and submits cannot approve her own payout, with any account', async () => {
    const d = await teamDesk()
    await d.t.updateSettings({ operatorName: 'Ana' })
    await d.plug(boris)
    const id = await draft(d)
    expect((await submit(d, id)).status).toBe('pending')
    expect(await call(d, 'approvePayout', { id, accountPath: ACCOUNT })).toMatchObject({
      ok: false,
      error: { code: 'approval_by_creator' }
    })
    expect(await call(d, 'approvePayout', { id, accountPath: SECOND_ACCOUNT })).toMatchObject({
      ok: false,
      error: { code: 'approval_not_an_approver' }
    })
    const review = await d.t.getApprovalReview({ id })
    expect(review.creator).toEqual({ name: 'Boris', address: boris.address })
    // The timeline names the submitter from the roster, not the desk's label.
    const submitted = (await d.t.getPayout({ id })).timeline.find((e) => e.action === 'submitted')
    expect(submitted).toMatchObject({ actor: 'Boris', actorAddress: boris.address })
    // What was acknowledged reads in plain words, as the confirmation showed it.
    expect(submitted?.detail).toContain('acknowledged: First payment to these addresses (row 1)')
  })

  it('an address not on the roster cannot submit, and an unsigned submission is refused unless the policy allows it', async () => {
    const d = await teamDesk()
    await d.plug(eve)
    const id = await draft(d)
    expect(
      await call(d, 'submitPayout', { id, acknowledged: ['first_payment'], accountPath: ACCOUNT, payerAddress: PAYER })
    ).toMatchObject({
      ok: false,
      error: { code: 'submitter_not_member' }
    })
    expect(
      await call(d, 'submitPayout', { id, acknowledged: ['first_payment'], accountPath: null, payerAddress: PAYER })
    ).toMatchObject({
      ok: false,
      error: { code: 'submission_signature_required' }
    })
  })

  it('an unsigned submission, where allowed, needs two distinct approvers', async () => {
    const d = await teamDesk(1, { unsignedSubmissions: true })
    const id = await draft(d)
    const submitted = await submit(d, id, null)
    expect(submitted.status).toBe('pending')
    expect((await d.t.getApprovalReview({ id })).threshold).toBe(2)
    await d.plug(boris)
    expect((await d.t.approvePayout({ id, accountPath: ACCOUNT })).status).toBe('pending')
    await d.plug(chen)
    expect((await d.t.approvePayout({ id, accountPath: ACCOUNT })).status).toBe('in_progress')
  })

  it('rejecting is signed by an approver: nobody rejects "as Boris"', async () => {
    const d = await teamDesk()
    const id = await draft(d)
    await submit(d, id)
    expect(await call(d, 'rejectPayout', { id, approver: 'Boris', reason: 'no' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' }
    })
    await d.plug(eve)
    expect(await call(d, 'rejectPayout', { id, accountPath: ACCOUNT, reason: 'no' })).toMatchObject({
      ok: false,
      error: { code: 'approval_not_an_approver' }
    })
    await d.plug(boris)
    const rejected = await d.t.rejectPayout({ id, accountPath: ACCOUNT, reason: 'Wrong month' })
    expect(rejected).toMatchObject({ status: 'cancelled', rejection: { name: 'Boris', reason: 'Wrong month' } })
    expect(JSON.stringify(d.device(boris).screens.at(-1)?.fields)).toContain('Reason: Wrong month')
    const entry = (await d.t.getPayout({ id })).timeline.find((e) => e.action === 'rejected')
    expect(entry).toMatchObject({ actor: 'Boris', actorAddress: boris.address, detail: 'Wrong month' })
  })
})

describe('approvals under the policy in force', () => {
  it("a removed approver's signature stops counting: the payout goes back to Draft when the policy changes", async () => {
    const d = await teamDesk()
    const id = await draft(d)
    await submit(d, id)
    await d.plug(chen)
    await d.t.approvePayout({ id, accountPath: ACCOUNT })
    // Boris and Dora remove Chen.
    await adopt(d, policyOf([member(ana, false), member(boris, true), member(dora, true)], 2), [boris, dora])
    const reopened = await d.t.getPayout({ id })
    expect(reopened.status).toBe('draft')
    expect(reopened.timeline.at(-1)).toMatchObject({
      action: 'reopened',
      detail: expect.stringContaining('policy changed')
    })
    await d.plug(ana)
    await submit(d, id)
    await d.plug(chen)
    expect(await call(d, 'approvePayout', { id, accountPath: ACCOUNT })).toMatchObject({
      ok: false,
      error: { code: 'approval_not_an_approver' }
    })
    expect((await d.t.getApprovalReview({ id })).approvals).toEqual([])
  })

  it('a payer swapped after approval is refused before anything is signed', async () => {
    const d = await teamDesk()
    const id = await draft(d)
    await submit(d, id)
    for (const who of [boris, chen]) {
      await d.plug(who)
      await d.t.approvePayout({ id, accountPath: ACCOUNT })
    }
    expect((await d.t.getPayout({ id })).status).toBe('in_progress')
    await d.plug(eve)
    expect(await call(d, 'executePayout', { id, accountPath: ACCOUNT, plan: 'per_recipient' })).toMatchObject({
      ok: false,
      error: { code: 'payer_not_approved' }
    })
  })

  it('editing a pending payout asks first, then voids its approvals', async () => {
    const d = await teamDesk()
    const id = await draft(d)
    await submit(d, id)
    await d.plug(boris)
    await d.t.approvePayout({ id, accountPath: ACCOUNT })
    const edit = { id, recipients: [{ address: RECIPIENT, amount: '2' }] }
    expect(await call(d, 'updatePayout', edit)).toMatchObject({
      ok: false,
      error: { code: 'reopen_confirmation_required', details: { approvals: 1 } }
    })
    expect((await d.t.getPayout({ id })).status).toBe('pending')
    expect((await d.t.updatePayout({ ...edit, reopen: true })).status).toBe('draft')
    expect((await d.t.getApprovalReview({ id })).voidedApprovals).toBe(1)
  })
})

describe('nothing flagged is paid without someone saying so', () => {
  it('lists each warning kind with its rows, refuses a submission that leaves one unacknowledged, and shows the acknowledgements to approvers', async () => {
    const d = await teamDesk()
    const lower = RECIPIENT.toLowerCase()
    const p = await d.t.createPayout({
      kind: 'mass',
      assetId: '1:native',
      description: 'players',
      recipients: [
        { address: RECIPIENT, amount: '1500', name: 'John Smith' },
        { address: RECIPIENT, amount: '75', name: 'John Smith' },
        { address: lower.replace('5aae', '1111'), amount: '3' },
        { address: lower.replace('5aae', '2222'), amount: '4' }
      ]
    })
    const review = await d.t.reviewSubmission({ id: p.id })
    expect(review.warnings.map((w) => [w.kind, w.rows])).toEqual([
      ['duplicate_address', [1, 2]],
      ['no_checksum', [3, 4]],
      ['first_payment', [1, 2, 3, 4]]
    ])
    expect(review.approval).toMatchObject({ required: true, threshold: 2 })
    expect(
      await call(d, 'submitPayout', {
        id: p.id,
        acknowledged: ['first_payment'],
        accountPath: ACCOUNT,
        payerAddress: PAYER
      })
    ).toMatchObject({
      ok: false,
      error: { code: 'warnings_unacknowledged', details: { kinds: ['duplicate_address', 'no_checksum'] } }
    })
    expect((await d.t.getPayout({ id: p.id })).status).toBe('draft')
    await submit(d, p.id)
    const approver = await d.t.getApprovalReview({ id: p.id })
    expect(approver.acknowledgements).toEqual(review.warnings.map((w) => ({ kind: w.kind, rows: w.rows })))
  })
})

describe('the audit log cannot be rewritten quietly', () => {
  async function signedHistory(): Promise<Desk> {
    const d = await teamDesk()
    const id = await draft(d)
    await submit(d, id)
    await d.plug(boris)
    await d.t.approvePayout({ id, accountPath: ACCOUNT })
    const verified = await d.t.verifyAuditLog({})
    expect(verified).toMatchObject({ ok: true, chain: { ok: true }, anchors: { mismatches: [] } })
    expect(verified.anchors.checked).toBeGreaterThanOrEqual(6)
    return d
  }

  async function rawDb(d: Desk) {
    const { openDatabase } = await import('./store/db')
    const { join } = await import('node:path')
    return openDatabase(join(d.dataDir, 'treasury.sqlite'))
  }

  it('detects a log rewritten with its hash chain recomputed', async () => {
    const d = await signedHistory()
    const db = await rawDb(d)
    const { createHash } = await import('node:crypto')
    db.write.exec('DROP TRIGGER audit_log_is_append_only_update')
    const rows = db.write.prepare('SELECT * FROM audit_log ORDER BY id').all() as Array<
      Record<string, string | number | null>
    >
    let prev = '0'.repeat(64)
    for (const r of rows) {
      const detail = r.id === 2 ? 'nothing to see' : r.detail
      const hash = createHash('sha256')
        .update(JSON.stringify([prev, r.at, r.actor, r.action, r.payout_id, r.from_status, r.to_status, detail]))
        .digest('hex')
      db.write
        .prepare('UPDATE audit_log SET detail = ?, prev_hash = ?, hash = ? WHERE id = ?')
        .run(detail, prev, hash, r.id)
      prev = hash
    }
    db.close()
    const verified = await d.t.verifyAuditLog({})
    expect(verified.chain).toEqual({ ok: true })
    expect(verified.ok).toBe(false)
    expect(verified.anchors.mismatches[0]).toMatchObject({ reason: expect.stringContaining('was rewritten') })
  })

  it('detects a log whose tail was cut', async () => {
    const d = await signedHistory()
    const db = await rawDb(d)
    db.write.exec('DROP TRIGGER audit_log_is_append_only_delete')
    const last = (db.write.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id
    db.write.prepare('DELETE FROM audit_log WHERE id > ?').run(last - 3)
    db.close()
    const verified = await d.t.verifyAuditLog({})
    expect(verified.chain).toEqual({ ok: true })
    expect(verified.ok).toBe(false)
    expect(verified.anchors.mismatches.some((m) => m.reason.includes('no longer in the log'))).toBe(true)
  })
})

describe('the database is never taken on its word', () => {
  /** Closes the app, edits its SQLite file as the desk user could, and opens the app on it again. */
  async function editClosed(d: Desk, sql: string, ...params: string[]): Promise<Desk> {
    await d.t.close()
    desks.splice(desks.indexOf(d), 1)
    const { openDatabase } = await import('./store/db')
    const { join } = await import('node:path')
    const db = openDatabase(join(d.dataDir, 'treasury.sqlite'))
    if (params.length === 0) db.write.exec(sql)
    else db.write.prepare(sql).run(...params)
    db.close()
    const again = desk(ana, d.dataDir)
    desks.push(again)
    return again
  }

  // Ana pays from her own account: the payer the approvers saw is the device plugged in.
  const pay = (d: Desk, id: string) => call(d, 'executePayout', { id, accountPath: ACCOUNT, plan: 'per_recipient' })

  it('a payout marked approved in SQLite is refused before anything is signed, and the attempt is on record', async () => {
    let d = await teamDesk()
    const id = await draft(d)
    await submit(d, id, ACCOUNT, ana.address)
    d = await editClosed(d, "UPDATE payouts SET status = 'in_progress' WHERE id = ?", id)
    expect(await pay(d, id)).toMatchObject({
      ok: false,
      error: { code: 'approval_not_verified', message: expect.stringContaining('needs 2 approvals') }
    })
    expect(d.device(ana).screens).toEqual([])
    const refused = (await d.t.getPayout({ id })).timeline.find((e) => e.action === 'payment_refused')
    expect(refused?.detail).toContain('and none is on record')
  })

  it('rows edited in SQLite after approval are refused: the approvals cover the rows as approved', async () => {
    let d = await teamDesk()
    const id = await draft(d)
    await submit(d, id, ACCOUNT, ana.address)
    for (const who of [boris, chen]) {
      await d.plug(who)
      await d.t.approvePayout({ id, accountPath: ACCOUNT })
    }
    d = await editClosed(d, "UPDATE payout_items SET amount = '900000000000000000000' WHERE payout_id = ?", id)
    expect(await pay(d, id)).toMatchObject({ ok: false, error: { code: 'approval_not_verified' } })
  })

  it('an approver who submitted cannot rewrite the submitter in SQLite and approve his own payout', async () => {
    let d = await teamDesk(1)
    await d.plug(boris)
    const id = await draft(d)
    await submit(d, id, ACCOUNT, ana.address)
    d = await editClosed(d, 'UPDATE approval_submissions SET creator_address = ? WHERE payout_id = ?', ana.address, id)
    await d.plug(boris)
    expect(await call(d, 'approvePayout', { id, accountPath: ACCOUNT })).toMatchObject({
      ok: false,
      error: {
        code: 'approval_not_verified',
        message: expect.stringContaining(`not signed by Ana (${ana.address}) as it is now`)
      }
    })
    expect((await d.t.getPayout({ id })).status).toBe('pending')
  })

  it('a policy cut back in SQLite, to an older version or to none, is refused until the team file is imported', async () => {
    let d = await teamDesk(1)
    const firstFile = await d.t.exportPolicy({})
    const members = [member(ana, false), member(boris, true), member(chen, true), member(dora, true)]
    expect((await adopt(d, policyOf(members, 2), [boris])).inForce?.threshold).toBe(2)
    const teamFile = await d.t.exportPolicy({})
    const dropTriggers =
      'DROP TRIGGER policy_versions_are_append_only_update; DROP TRIGGER policy_versions_are_append_only_delete;'
    // Version 2 (two approvals) removed: version 1 (one approval) would be in force again.
    d = await editClosed(
      d,
      `${dropTriggers} DELETE FROM policy_signatures WHERE hash = (SELECT hash FROM policy_versions WHERE sequence = 2); DELETE FROM policy_versions WHERE sequence = 2;`
    )
    await d.plug(ana)
    const id = await draft(d)
    const refusal = {
      ok: false,
      error: { code: 'policy_chain_broken', message: expect.stringContaining('version 1 would be in force') }
    }
    expect(
      await call(d, 'submitPayout', { id, acknowledged: [], accountPath: ACCOUNT, payerAddress: PAYER })
    ).toMatchObject(refusal)
    // Nor can the cut-back chain be built on: a different version 2 would fork the team's history.
    expect(await call(d, 'proposePolicy', policyOf(members, 1, { requireApproval: false }))).toMatchObject(refusal)
    // The policy screen still opens, so the team's file can be imported; that restores version 2.
    expect((await d.t.getApprovalPolicy({})).inForce?.sequence).toBe(1)
    expect(
      (await d.t.importPolicy({ contentBase64: teamFile.contentBase64, adoptTeam: false })).inForce?.threshold
    ).toBe(2)
    expect((await submit(d, id)).status).toBe('pending')

    // Every version removed: no policy at all would be in force, and nothing would need approval.
    d = await editClosed(
      d,
      `DELETE FROM policy_signatures; DELETE FROM policy_versions; UPDATE payouts SET status = 'in_progress' WHERE id = '${id}';`
    )
    await d.plug(ana)
    const second = await draft(d)
    expect(
      await call(d, 'submitPayout', { id: second, acknowledged: [], accountPath: null, payerAddress: PAYER })
    ).toMatchObject({
      ok: false,
      error: { code: 'policy_chain_broken', message: expect.stringContaining('so no policy would be in force') }
    })
    // The file of version 1 alone, imported again, adopts version 1 anew: version 2 is still missing.
    expect(
      (await d.t.importPolicy({ contentBase64: firstFile.contentBase64, adoptTeam: true })).inForce?.sequence
    ).toBe(1)
    expect(
      await call(d, 'submitPayout', { id: second, acknowledged: [], accountPath: ACCOUNT, payerAddress: PAYER })
    ).toMatchObject({
      ok: false,
      error: { code: 'policy_chain_broken', message: expect.stringContaining('version 2 (') }
    })
    // The pending payout, marked approved by hand, cannot be paid on the strength of no policy either.
    expect(await pay(d, id)).toMatchObject({ ok: false, error: { code: 'policy_chain_broken' } })
    // With the history's adoptions cut out as well, the submission still names the policy it was made under.
    d = await editClosed(
      d,
      "DROP TRIGGER audit_log_is_append_only_delete; DELETE FROM audit_log WHERE action = 'policy_adopted';"
    )
    await d.plug(ana)
    expect(await pay(d, id)).toMatchObject({
      ok: false,
      error: { code: 'approval_not_verified', message: expect.stringContaining('which this desk no longer holds') }
    })
    expect(d.device(ana).screens).toEqual([])
  })

  it('a total lowered in SQLite under an amount rule does not skip approval: the rows are summed', async () => {
    let d = await teamDesk(2, { amountRules: [{ assetId: '1:native', maxWithoutApproval: '1' }] })
    const id = await draft(d, '100')
    d = await editClosed(d, "UPDATE payouts SET total = '1' WHERE id = ?", id)
    await d.plug(ana)
    expect((await submit(d, id)).status).toBe('pending')
  })
})

describe('between desks, by file', () => {
  it('a policy change proposed on one desk is co-signed on another and takes effect on both', async () => {
    const first = await teamDesk()
    const exported = await first.t.exportPolicy({})
    const second = desk(chen)
    desks.push(second)
    expect(
      await call(second, 'importPolicy', { contentBase64: exported.contentBase64, adoptTeam: false })
    ).toMatchObject({
      ok: false,
      error: { code: 'policy_adopt_confirm' }
    })
    expect(
      (await second.t.importPolicy({ contentBase64: exported.contentBase64, adoptTeam: true })).inForce?.sequence
    ).toBe(1)

    await first.plug(boris)
    await adopt(first, policyOf([member(ana, false), member(boris, true), member(chen, true), member(dora, true)], 3), [
      boris
    ])
    const proposal = await first.t.exportPolicy({})
    const onSecond = await second.t.importPolicy({ contentBase64: proposal.contentBase64, adoptTeam: false })
    expect(onSecond.proposal?.missingApprovals).toBe(1)
    const signed = await second.t.signPolicyProposal({ accountPath: ACCOUNT })
    expect(signed.inForce?.sequence).toBe(2)
    const back = await second.t.exportPolicy({})
    const onFirst = await first.t.importPolicy({ contentBase64: back.contentBase64, adoptTeam: false })
    expect(onFirst.inForce).toMatchObject({ sequence: 2, threshold: 3 })
  })

  it('an approval travels by file; a tampered statement or one by a non-approver is refused', async () => {
    const creator = await teamDesk(1)
    const id = await draft(creator)
    await submit(creator, id)
    const request = await creator.t.exportForApproval({ id })
    const approverDesk = desk(boris)
    desks.push(approverDesk)
    await approverDesk.t.importPolicy({
      contentBase64: (await creator.t.exportPolicy({})).contentBase64,
      adoptTeam: true
    })
    const imported = await approverDesk.t.importForApproval({ contentBase64: request.contentBase64 })
    expect(imported).toMatchObject({ payoutId: id, creatorName: 'Ana', creatorAddress: ana.address })
    expect(imported.acknowledgements.map((a) => a.kind)).toEqual(['first_payment'])
    await approverDesk.plug(eve)
    expect(await call(approverDesk, 'approveImported', { id, accountPath: ACCOUNT })).toMatchObject({
      ok: false,
      error: { code: 'approval_not_an_approver' }
    })
    await approverDesk.plug(boris)
    await approverDesk.t.approveImported({ id, accountPath: ACCOUNT })
    const approval = await approverDesk.t.exportApproval({ id })
    const file = JSON.parse(Buffer.from(approval.contentBase64, 'base64').toString('utf8')) as Record<string, string>
    const tampered = { ...file, message: file.message!.replace('revision 1', 'revision 2') }
    expect(
      await call(creator, 'importApproval', { contentBase64: Buffer.from(JSON.stringify(tampered)).toString('base64') })
    ).toMatchObject({ ok: false, error: { code: 'approval_digest_mismatch' } })
    expect((await creator.t.importApproval({ contentBase64: approval.contentBase64 })).status).toBe('in_progress')
  })
})
