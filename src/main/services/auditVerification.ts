// Runs in: main (plain Node). "Verify audit log": the hash chain holds from the first entry, every
// statement signed at this desk (submissions, approvals, rejections, policy signatures) still
// finds the entry it anchored to, unchanged, and every row marked paid pays what the transaction it
// names paid (execution/paidRows.ts). Whoever holds the SQLite file can recompute the chain after
// rewriting or cutting it, but cannot re-sign what people signed nor the transactions the network
// holds: the anchors and the signed bytes give it away.
import type { AnchorMismatchView, AuditVerificationView } from '../../shared/approvals'
import { AppFailure } from '../../shared/errors'
import { anchorOf, recoverSigner } from '../approvals/statements'
import type { AssetUnits } from '../domain/auditText'
import { checkPaidRows } from './execution/paidRows'
import { allRejections, localApprovals, signedSubmissions } from '../store/approvalRepo'
import { auditEntryHash, verifyAuditLog } from '../store/auditLog'
import type { OpenedDatabase } from '../store/db'
import { localPolicySignatures } from '../store/policyRepo'

interface SignedStatement {
  readonly statement: string
  readonly signer: string
  readonly signature: string
  readonly message: string
}

function localStatements(db: OpenedDatabase): SignedStatement[] {
  const out: SignedStatement[] = []
  for (const s of signedSubmissions(db.read))
    if (s.creatorAddress !== null && s.signature !== null && s.message !== null)
      out.push({
        statement: `Submission of ${s.payoutId} revision ${s.revision}`,
        signer: s.creatorAddress,
        signature: s.signature,
        message: s.message
      })
  for (const a of localApprovals(db.read))
    if (a.message !== null)
      out.push({
        statement: `Approval of ${a.payoutId} revision ${a.revision}`,
        signer: a.signer,
        signature: a.signature,
        message: a.message
      })
  for (const r of allRejections(db.read))
    out.push({
      statement: `Rejection of ${r.payoutId} revision ${r.revision}`,
      signer: r.signer,
      signature: r.signature,
      message: r.message
    })
  for (const p of localPolicySignatures(db.read))
    out.push({ statement: `Policy ${p.hash}`, signer: p.signer, signature: p.signature, message: p.message })
  return out
}

function mismatchOf(db: OpenedDatabase, s: SignedStatement): { anchorId: number; reason: string } | null {
  const anchor = anchorOf(s.message)
  if (anchor === null) return { anchorId: 0, reason: 'the signed statement names no audit entry' }
  let signer: string
  try {
    signer = recoverSigner(s.message, s.signature)
  } catch (e) {
    return { anchorId: anchor.id, reason: e instanceof AppFailure ? e.message : 'the signature cannot be checked' }
  }
  if (signer.toLowerCase() !== s.signer.toLowerCase())
    return { anchorId: anchor.id, reason: 'the stored statement is not the one that was signed' }
  const hash = auditEntryHash(db.read, anchor.id)
  if (hash === undefined)
    return { anchorId: anchor.id, reason: `entry ${anchor.id} is no longer in the log: it was cut` }
  if (hash !== anchor.hash)
    return { anchorId: anchor.id, reason: `entry ${anchor.id} was rewritten after this was signed` }
  return null
}

export async function verifyAudit(
  db: OpenedDatabase,
  nameOf: (address: string) => string | null,
  assetOf: (assetId: string) => AssetUnits
): Promise<AuditVerificationView> {
  const chain = verifyAuditLog(db.read)
  const statements = localStatements(db)
  const mismatches: AnchorMismatchView[] = []
  for (const s of statements) {
    const m = mismatchOf(db, s)
    if (m !== null) mismatches.push({ statement: s.statement, signer: s.signer, signerName: nameOf(s.signer), ...m })
  }
  const payments = await checkPaidRows(db.read, assetOf)
  return {
    ok: chain.ok && mismatches.length === 0 && payments.differing === 0,
    entries: chain.entries,
    chain: chain.ok ? { ok: true } : { ok: false, firstBrokenId: chain.firstBrokenId, reason: chain.reason },
    anchors: { checked: statements.length, mismatches },
    payments
  }
}
