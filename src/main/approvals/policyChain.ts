// Runs in: main (pure, no I/O). Checking signed policy versions: a signature counts only when its
// message is exactly the statement for that version (with whatever audit anchor it names) and it
// recovers to the address it claims; a version takes effect only when the signers its predecessor
// requires have all signed; a chain is valid only when every link holds from the first version.
import { getAddress } from 'ethers'
import { AppFailure } from '../../shared/errors'
import { checkPolicyDocument, missingSigners, policyHash, type PolicyDocument } from './policyDocument'
import { anchorOf, policyStatement, recoverSigner } from './statements'

export interface PolicySignature {
  readonly signer: string
  readonly signature: string
  readonly message: string
}

export interface SignedVersion {
  readonly hash: string
  readonly document: PolicyDocument
  readonly signatures: readonly PolicySignature[]
}

/** Checks one signature over `doc`; returns the signer's checksummed address. */
export function verifyPolicySignature(doc: PolicyDocument, hash: string, s: PolicySignature): string {
  const anchor = anchorOf(s.message)
  if (anchor === null || s.message !== policyStatement(doc, hash, anchor))
    throw new AppFailure(
      'policy_signature_invalid',
      `The signature by ${s.signer} is not over policy version ${doc.sequence}.`
    )
  const signer = recoverSigner(s.message, s.signature)
  if (signer !== getAddress(s.signer))
    throw new AppFailure('policy_signature_invalid', `A signature claimed to be by ${s.signer} was made by ${signer}.`)
  return signer
}

/** Addresses whose valid signatures `version` holds (invalid ones are refused, not skipped). */
export function validSigners(version: SignedVersion): string[] {
  return version.signatures.map((s) => verifyPolicySignature(version.document, version.hash, s))
}

/**
 * Checks that `version` follows `inForce` (or is a first version when null) and holds every
 * signature required for it to take effect.
 */
export function verifyVersion(
  version: SignedVersion,
  inForce: SignedVersion | null,
  decimalsOf: (assetId: string) => number | undefined
): void {
  const doc = version.document
  if (policyHash(doc) !== version.hash.toLowerCase())
    throw new AppFailure('policy_chain_broken', `Policy version ${doc.sequence} does not match its hash.`)
  const expectedSequence = inForce === null ? 1 : inForce.document.sequence + 1
  if (doc.sequence !== expectedSequence || doc.previous !== (inForce?.hash.toLowerCase() ?? null))
    throw new AppFailure(
      'policy_chain_broken',
      `Policy version ${doc.sequence} does not follow version ${inForce?.document.sequence ?? 'none'}.`
    )
  checkPolicyDocument(doc, decimalsOf)
  const missing = missingSigners(doc, inForce?.document ?? null, validSigners(version))
  if (missing.members.length > 0 || missing.approvals > 0)
    throw new AppFailure(
      'policy_not_signed',
      `Policy version ${doc.sequence} lacks signatures: ${describeMissing(missing)}.`,
      { missingMembers: missing.members, missingApprovals: missing.approvals }
    )
}

/** Checks a whole chain from its first version; returns the last, the version in force. */
export function verifyChain(
  versions: readonly SignedVersion[],
  decimalsOf: (assetId: string) => number | undefined
): SignedVersion | null {
  let previous: SignedVersion | null = null
  for (const v of versions) {
    verifyVersion(v, previous, decimalsOf)
    previous = v
  }
  return previous
}

export function describeMissing(missing: { readonly members: readonly string[]; readonly approvals: number }): string {
  const parts: string[] = []
  if (missing.members.length > 0)
    parts.push(`members ${missing.members.join(', ')} must each sign with their own Ledger`)
  if (missing.approvals > 0)
    parts.push(`${missing.approvals} more approver${missing.approvals === 1 ? '' : 's'} of the version in force`)
  return parts.join('; ')
}
