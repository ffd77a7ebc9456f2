// Runs in: main (plain Node). Approvals in SQLite: the accounts named when a payout was submitted,
// the signatures managers made (per payout revision; an edit bumps the revision, so older
// signatures stay on record but no longer count), and payouts imported from another desktop for
// review there.
import type { ReadDb, WriteDb } from './db'

export interface StoredSubmission {
  readonly payoutId: string
  readonly revision: number
  readonly creatorAddress: string | null
  readonly payerAddress: string | null
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
  readonly approvedAt: string
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
  readonly signedAt: string | null
}

interface SubmissionRow {
  payout_id: string
  revision: number
  creator_address: string | null
  payer_address: string | null
  submitted_at: string
}
interface ApprovalRow {
  payout_id: string
  revision: number
  digest: string
  signer: string
  approver_name: string
  signature: string
  source: ApprovalSource
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
  signed_at: string | null
}

export function upsertSubmission(db: WriteDb, s: StoredSubmission): void {
  db.prepare(
    `INSERT INTO approval_submissions (payout_id, revision, creator_address, payer_address, submitted_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (payout_id) DO UPDATE SET revision = excluded.revision, creator_address = excluded.creator_address, payer_address = excluded.payer_address, submitted_at = excluded.submitted_at`
  ).run(s.payoutId, s.revision, s.creatorAddress, s.payerAddress, s.submittedAt)
}

export function getSubmission(db: ReadDb | WriteDb, payoutId: string): StoredSubmission | undefined {
  const r = db.prepare('SELECT * FROM approval_submissions WHERE payout_id = ?').get(payoutId) as
    SubmissionRow | undefined
  return r === undefined
    ? undefined
    : {
        payoutId: r.payout_id,
        revision: r.revision,
        creatorAddress: r.creator_address,
        payerAddress: r.payer_address,
        submittedAt: r.submitted_at
      }
}

export function insertApproval(db: WriteDb, a: StoredApproval): void {
  db.prepare(
    `INSERT INTO payout_approvals (payout_id, revision, digest, signer, approver_name, signature, source, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
  ).run(a.payoutId, a.revision, a.digest, a.signer, a.approverName, a.signature, a.source, a.approvedAt)
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
    approvedAt: r.approved_at
  }
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
  signer: string,
  signature: string,
  signedAt: string
): void {
  db.prepare(
    'UPDATE approval_requests SET signer = ?, signature = ?, signed_at = ? WHERE payout_id = ? AND revision = ?'
  ).run(signer, signature, signedAt, payoutId, revision)
}
