// Runs in: main (plain Node). Approvals in SQLite: the accounts named when a payout was submitted,
// the signatures managers made (per payout revision; an edit bumps the revision, so older
// signatures stay on record but no longer count), and payouts imported from another desktop for
// review there.
import type { WarningKind } from '../../shared/approvals'
import type { ReadDb, WriteDb } from './db'

export interface StoredAcknowledgement {
  readonly kind: WarningKind
  readonly rows: readonly number[]
}

export interface StoredSubmission {
  readonly payoutId: string
  readonly revision: number
  /** The Ledger address that signed the submission; null when it was unsigned. */
  readonly creatorAddress: string | null
  readonly payerAddress: string | null
  /** The policy version it was submitted under; null when the desk had no signed policy. */
  readonly policyHash: string | null
  readonly signature: string | null
  readonly message: string | null
  readonly acknowledgements: readonly StoredAcknowledgement[]
  /** How many approvals the payout needed when it was submitted; 0 when it needed none. */
  readonly approvalsRequired: number
  readonly submittedAt: string
}

export type ApprovalSource = 'device' | 'file'

export interface StoredApproval {
  readonly payoutId: string
  readonly revision: number
  readonly digest: string
  readonly signer: string
  readonly approverName: string
  readonly signature: string
  readonly source: ApprovalSource
  /** The exact statement signed (it names the audit anchor at the signing desk). */
  readonly message: string | null
  readonly approvedAt: string
}

export interface StoredRejection {
  readonly payoutId: string
  readonly revision: number
  readonly digest: string
  readonly signer: string
  readonly reason: string
  readonly signature: string
  readonly message: string
  readonly rejectedAt: string
}

export interface StoredRequest {
  readonly payoutId: string
  readonly revision: number
  readonly digest: string
  /** The request file's JSON text, as received. */
  readonly request: string
  readonly importedAt: string
  readonly signer: string | null
  readonly signature: string | null
  readonly message: string | null
  readonly signedAt: string | null
}

interface SubmissionRow {
  payout_id: string
  revision: number
  creator_address: string | null
  payer_address: string | null
  policy_hash: string | null
  signature: string | null
  message: string | null
  acknowledgements: string
  approvals_required: number
  submitted_at: string
}
interface RejectionRow {
  payout_id: string
  revision: number
  digest: string
  signer: string
  reason: string
  signature: string
  message: string
  rejected_at: string
}
interface ApprovalRow {
  payout_id: string
  revision: number
  digest: string
  signer: string
  approver_name: string
  signature: string
  source: ApprovalSource
  message: string | null
  approved_at: string
}
interface RequestRow {
  payout_id: string
  revision: number
  digest: string
  request: string
  imported_at: string
  signer: string | null
  signature: string | null
  message: string | null
  signed_at: string | null
}

export function upsertSubmission(db: WriteDb, s: StoredSubmission): void {
  db.prepare(
    `INSERT INTO approval_submissions (payout_id, revision, creator_address, payer_address, policy_hash, signature, message, acknowledgements, approvals_required, submitted_at)
     VALUES (@payout_id, @revision, @creator_address, @payer_address, @policy_hash, @signature, @message, @acknowledgements, @approvals_required, @submitted_at)
     ON CONFLICT (payout_id) DO UPDATE SET revision = excluded.revision, creator_address = excluded.creator_address,
       payer_address = excluded.payer_address, policy_hash = excluded.policy_hash, signature = excluded.signature,
       message = excluded.message, acknowledgements = excluded.acknowledgements,
       approvals_required = excluded.approvals_required, submitted_at = excluded.submitted_at`
  ).run({
    payout_id: s.payoutId,
    revision: s.revision,
    creator_address: s.creatorAddress,
    payer_address: s.payerAddress,
    policy_hash: s.policyHash,
    signature: s.signature,
    message: s.message,
    acknowledgements: JSON.stringify(s.acknowledgements),
    approvals_required: s.approvalsRequired,
    submitted_at: s.submittedAt
  })
}

function toSubmission(r: SubmissionRow): StoredSubmission {
  return {
    payoutId: r.payout_id,
    revision: r.revision,
    creatorAddress: r.creator_address,
    payerAddress: r.payer_address,
    policyHash: r.policy_hash,
    signature: r.signature,
    message: r.message,
    acknowledgements: JSON.parse(r.acknowledgements) as StoredAcknowledgement[],
    approvalsRequired: r.approvals_required,
    submittedAt: r.submitted_at
  }
}

export function getSubmission(db: ReadDb | WriteDb, payoutId: string): StoredSubmission | undefined {
  const r = db.prepare('SELECT * FROM approval_submissions WHERE payout_id = ?').get(payoutId) as
    SubmissionRow | undefined
  return r === undefined ? undefined : toSubmission(r)
}

/** Signed submissions (for checking the audit log's anchors against them). */
export function signedSubmissions(db: ReadDb | WriteDb): StoredSubmission[] {
  return (db.prepare('SELECT * FROM approval_submissions WHERE signature IS NOT NULL').all() as SubmissionRow[]).map(
    toSubmission
  )
}

/** Payouts waiting for approval that were submitted under a policy version other than `hash`. */
export function pendingUnderOtherPolicy(db: WriteDb, hash: string): string[] {
  return (
    db
      .prepare(
        `SELECT p.id FROM payouts p JOIN approval_submissions s ON s.payout_id = p.id
         WHERE p.status = 'pending' AND (s.policy_hash IS NULL OR s.policy_hash <> ?)`
      )
      .all(hash.toLowerCase()) as Array<{ id: string }>
  ).map((r) => r.id)
}

export function insertRejection(db: WriteDb, r: StoredRejection): void {
  db.prepare(
    `INSERT INTO payout_rejections (payout_id, revision, digest, signer, reason, signature, message, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
  ).run(r.payoutId, r.revision, r.digest, r.signer, r.reason, r.signature, r.message, r.rejectedAt)
}

function toRejection(r: RejectionRow): StoredRejection {
  return {
    payoutId: r.payout_id,
    revision: r.revision,
    digest: r.digest,
    signer: r.signer,
    reason: r.reason,
    signature: r.signature,
    message: r.message,
    rejectedAt: r.rejected_at
  }
}

export function rejectionOf(db: ReadDb | WriteDb, payoutId: string): StoredRejection | undefined {
  const r = db
    .prepare('SELECT * FROM payout_rejections WHERE payout_id = ? ORDER BY revision DESC LIMIT 1')
    .get(payoutId) as RejectionRow | undefined
  return r === undefined ? undefined : toRejection(r)
}

export function allRejections(db: ReadDb | WriteDb): StoredRejection[] {
  return (db.prepare('SELECT * FROM payout_rejections').all() as RejectionRow[]).map(toRejection)
}

export function insertApproval(db: WriteDb, a: StoredApproval): void {
  db.prepare(
    `INSERT INTO payout_approvals (payout_id, revision, digest, signer, approver_name, signature, source, message, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
  ).run(a.payoutId, a.revision, a.digest, a.signer, a.approverName, a.signature, a.source, a.message, a.approvedAt)
}

function toApproval(r: ApprovalRow): StoredApproval {
  return {
    payoutId: r.payout_id,
    revision: r.revision,
    digest: r.digest,
    signer: r.signer,
    approverName: r.approver_name,
    signature: r.signature,
    source: r.source,
    message: r.message,
    approvedAt: r.approved_at
  }
}

/** Approvals signed at this desk (for checking the audit log's anchors against them). */
export function localApprovals(db: ReadDb | WriteDb): StoredApproval[] {
  return (db.prepare("SELECT * FROM payout_approvals WHERE source = 'device'").all() as ApprovalRow[]).map(toApproval)
}

/** Approvals of one revision with one digest: the only ones that count for that payout content. */
export function approvalsFor(
  db: ReadDb | WriteDb,
  payoutId: string,
  revision: number,
  digest: string
): StoredApproval[] {
  return (
    db
      .prepare(
        'SELECT * FROM payout_approvals WHERE payout_id = ? AND revision = ? AND digest = ? ORDER BY approved_at, signer'
      )
      .all(payoutId, revision, digest) as ApprovalRow[]
  ).map(toApproval)
}

/** Every approval ever made for a payout, voided ones included (for reports and the timeline). */
export function allApprovals(db: ReadDb | WriteDb, payoutId: string): StoredApproval[] {
  return (
    db
      .prepare('SELECT * FROM payout_approvals WHERE payout_id = ? ORDER BY revision, approved_at, signer')
      .all(payoutId) as ApprovalRow[]
  ).map(toApproval)
}

export function upsertRequest(
  db: WriteDb,
  r: Pick<StoredRequest, 'payoutId' | 'revision' | 'digest' | 'request' | 'importedAt'>
): void {
  // Re-importing the same revision keeps a signature already made for the same digest.
  db.prepare(
    `INSERT INTO approval_requests (payout_id, revision, digest, request, imported_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (payout_id, revision) DO UPDATE SET digest = excluded.digest, request = excluded.request, imported_at = excluded.imported_at,
       signer = CASE WHEN approval_requests.digest = excluded.digest THEN approval_requests.signer END,
       signature = CASE WHEN approval_requests.digest = excluded.digest THEN approval_requests.signature END,
       message = CASE WHEN approval_requests.digest = excluded.digest THEN approval_requests.message END,
       signed_at = CASE WHEN approval_requests.digest = excluded.digest THEN approval_requests.signed_at END`
  ).run(r.payoutId, r.revision, r.digest, r.request, r.importedAt)
}

function toRequest(r: RequestRow): StoredRequest {
  return {
    payoutId: r.payout_id,
    revision: r.revision,
    digest: r.digest,
    request: r.request,
    importedAt: r.imported_at,
    signer: r.signer,
    signature: r.signature,
    message: r.message,
    signedAt: r.signed_at
  }
}

/** The newest imported revision of a payout. */
export function latestRequest(db: ReadDb | WriteDb, payoutId: string): StoredRequest | undefined {
  const r = db
    .prepare('SELECT * FROM approval_requests WHERE payout_id = ? ORDER BY revision DESC LIMIT 1')
    .get(payoutId) as RequestRow | undefined
  return r === undefined ? undefined : toRequest(r)
}

export function listRequests(db: ReadDb | WriteDb): StoredRequest[] {
  return (db.prepare('SELECT * FROM approval_requests ORDER BY imported_at DESC, payout_id').all() as RequestRow[]).map(
    toRequest
  )
}

export function signRequest(
  db: WriteDb,
  payoutId: string,
  revision: number,
  signed: { readonly signer: string; readonly signature: string; readonly message: string; readonly signedAt: string }
): void {
  db.prepare(
    'UPDATE approval_requests SET signer = ?, signature = ?, message = ?, signed_at = ? WHERE payout_id = ? AND revision = ?'
  ).run(signed.signer, signed.signature, signed.message, signed.signedAt, payoutId, revision)
}
