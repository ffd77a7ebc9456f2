// Runs in: main (plain Node). The signed approval policy in SQLite: the versions that took effect
// (append-only), the open proposal, and every signature made over a version or proposal, each with
// the exact message signed. Documents are parsed here, once, with the policy codec.
import { createHash } from 'node:crypto'
import { policyFromJson, policyToJson } from '../approvals/policyCodec'
import type { PolicyDocument } from '../approvals/policyDocument'
import type { ReadDb, WriteDb } from './db'

export interface StoredPolicyVersion {
  readonly sequence: number
  readonly hash: string
  readonly document: PolicyDocument
  readonly adoptedAt: string
}

export interface StoredProposal {
  readonly hash: string
  readonly document: PolicyDocument
  readonly proposedAt: string
}

export type SignatureSource = 'device' | 'file'

export interface StoredPolicySignature {
  readonly hash: string
  readonly signer: string
  readonly signature: string
  readonly message: string
  readonly source: SignatureSource
  readonly signedAt: string
}

interface VersionRow {
  sequence: number
  hash: string
  document: string
  adopted_at: string
}
interface ProposalRow {
  hash: string
  document: string
  proposed_at: string
}
interface SignatureRow {
  hash: string
  signer: string
  signature: string
  message: string
  source: SignatureSource
  signed_at: string
}

/** The `document` column's JSON, checked as a policy; `what` names it in the error a damaged one raises. */
const documentOf = (stored: string, what: string): PolicyDocument => policyFromJson(JSON.parse(stored), what)

const versionOf = (r: VersionRow): StoredPolicyVersion => ({
  sequence: r.sequence,
  hash: r.hash,
  document: documentOf(r.document, `Stored policy version ${r.sequence}`),
  adoptedAt: r.adopted_at
})

const signatureOf = (r: SignatureRow): StoredPolicySignature => ({
  hash: r.hash,
  signer: r.signer,
  signature: r.signature,
  message: r.message,
  source: r.source,
  signedAt: r.signed_at
})

/**
 * A hash over every stored version and signature: it changes with any write to them, by the app or
 * by hand, so a verified chain is never trusted after the rows it was verified from changed.
 */
export function policyFingerprint(db: ReadDb | WriteDb): string {
  const hash = createHash('sha256')
  for (const r of db
    .prepare('SELECT sequence, hash, document FROM policy_versions ORDER BY sequence')
    .iterate() as Iterable<VersionRow>)
    hash.update(JSON.stringify([r.sequence, r.hash, r.document]))
  for (const r of db
    .prepare('SELECT hash, signer, signature, message FROM policy_signatures ORDER BY hash, signer')
    .iterate() as Iterable<SignatureRow>)
    hash.update(JSON.stringify([r.hash, r.signer, r.signature, r.message]))
  return hash.digest('hex')
}

/** Every version that took effect, oldest first. */
export function listPolicyVersions(db: ReadDb | WriteDb): StoredPolicyVersion[] {
  return (db.prepare('SELECT * FROM policy_versions ORDER BY sequence').all() as VersionRow[]).map(versionOf)
}

export function latestPolicyVersion(db: ReadDb | WriteDb): StoredPolicyVersion | undefined {
  const r = db.prepare('SELECT * FROM policy_versions ORDER BY sequence DESC LIMIT 1').get() as VersionRow | undefined
  return r === undefined ? undefined : versionOf(r)
}

export function policyVersionByHash(db: ReadDb | WriteDb, hash: string): StoredPolicyVersion | undefined {
  const r = db.prepare('SELECT * FROM policy_versions WHERE hash = ?').get(hash.toLowerCase()) as VersionRow | undefined
  return r === undefined ? undefined : versionOf(r)
}

export function insertPolicyVersion(db: WriteDb, v: StoredPolicyVersion): void {
  db.prepare('INSERT INTO policy_versions (sequence, hash, document, adopted_at) VALUES (?, ?, ?, ?)').run(
    v.sequence,
    v.hash.toLowerCase(),
    JSON.stringify(policyToJson(v.document)),
    v.adoptedAt
  )
}

export function getPolicyProposal(db: ReadDb | WriteDb): StoredProposal | undefined {
  const r = db.prepare('SELECT * FROM policy_proposals ORDER BY proposed_at DESC LIMIT 1').get() as
    ProposalRow | undefined
  return r === undefined
    ? undefined
    : {
        hash: r.hash,
        document: documentOf(r.document, 'The open policy proposal'),
        proposedAt: r.proposed_at
      }
}

/** One proposal is open at a time: a new one replaces it. */
export function replacePolicyProposal(db: WriteDb, p: StoredProposal): void {
  db.prepare('DELETE FROM policy_proposals').run()
  db.prepare('INSERT INTO policy_proposals (hash, document, proposed_at) VALUES (?, ?, ?)').run(
    p.hash.toLowerCase(),
    JSON.stringify(policyToJson(p.document)),
    p.proposedAt
  )
}

export function deletePolicyProposal(db: WriteDb): void {
  db.prepare('DELETE FROM policy_proposals').run()
}

export function policySignatures(db: ReadDb | WriteDb, hash: string): StoredPolicySignature[] {
  return (
    db
      .prepare('SELECT * FROM policy_signatures WHERE hash = ? ORDER BY signed_at, signer')
      .all(hash.toLowerCase()) as SignatureRow[]
  ).map(signatureOf)
}

/** Every signature made at this desk (not received by file), for checking the audit log's anchors. */
export function localPolicySignatures(db: ReadDb | WriteDb): StoredPolicySignature[] {
  return (db.prepare("SELECT * FROM policy_signatures WHERE source = 'device'").all() as SignatureRow[]).map(
    signatureOf
  )
}

/** A signature already held for the same version and signer is kept (the first one counts). */
export function insertPolicySignature(db: WriteDb, s: StoredPolicySignature): void {
  db.prepare(
    'INSERT OR IGNORE INTO policy_signatures (hash, signer, signature, message, source, signed_at) VALUES (?, ?, ?, ?, ?, ?)'
  ).run(s.hash.toLowerCase(), s.signer, s.signature, s.message, s.source, s.signedAt)
}

/** Every "policy version took effect" entry of the history, oldest first, to check the stored chain against. */
export function adoptionEntries(db: ReadDb | WriteDb): Array<{ readonly at: string; readonly detail: string }> {
  return db
    .prepare("SELECT at, detail FROM audit_log WHERE payout_id IS NULL AND action = 'policy_adopted' ORDER BY id")
    .all() as Array<{ at: string; detail: string }>
}
