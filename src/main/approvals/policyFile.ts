// Runs in: main (pure, no I/O). The file that carries a team's signed policy between desks: every
// version from the first with its signatures, and the open proposal with the signatures collected
// so far. Nothing in it is trusted: the receiving desk recomputes each hash and recovers each
// signature before it adopts anything.
import { z } from 'zod'
import { AppFailure } from '../../shared/errors'
import { SignedVersionSchema, policyToJson } from './policyCodec'
import type { SignedVersion } from './policyChain'
import { normalizePolicy } from './policyDocument'

export const POLICY_FILE_FORMAT = 'treasury.policy'
export const POLICY_FILE_VERSION = 1
/** Far above any real team's history, small enough that a hostile file cannot exhaust memory. */
export const MAX_POLICY_FILE_BYTES = 4 * 1024 * 1024
const MAX_VERSIONS = 10_000

const PolicyFileSchema = z.strictObject({
  format: z.literal(POLICY_FILE_FORMAT),
  version: z.literal(POLICY_FILE_VERSION),
  versions: z.array(SignedVersionSchema).max(MAX_VERSIONS),
  proposal: SignedVersionSchema.nullable(),
  exportedAt: z.string().max(40),
  auditHead: z.strictObject({ id: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/) })
})

export interface PolicyFile {
  readonly versions: readonly SignedVersion[]
  readonly proposal: SignedVersion | null
  readonly exportedAt: string
  readonly auditHead: { readonly id: number; readonly hash: string }
}

export function encodePolicyFile(file: PolicyFile): Uint8Array {
  const signed = (v: SignedVersion) => ({
    hash: v.hash,
    document: policyToJson(v.document),
    signatures: v.signatures.map((s) => ({ signer: s.signer, signature: s.signature, message: s.message }))
  })
  const json = {
    format: POLICY_FILE_FORMAT,
    version: POLICY_FILE_VERSION,
    versions: file.versions.map(signed),
    proposal: file.proposal === null ? null : signed(file.proposal),
    exportedAt: file.exportedAt,
    auditHead: file.auditHead
  }
  return new TextEncoder().encode(JSON.stringify(json, null, 2) + '\n')
}

export function parsePolicyFile(bytes: Uint8Array): PolicyFile {
  if (bytes.byteLength > MAX_POLICY_FILE_BYTES)
    throw new AppFailure('policy_file_malformed', 'This file is too large to be a Treasury policy file.')
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new AppFailure('policy_file_malformed', 'This is not a Treasury policy file: it is not readable JSON.')
  }
  const parsed = PolicyFileSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppFailure(
      'policy_file_malformed',
      `This policy file is damaged or from an unknown version of Treasury (${issue === undefined ? 'unreadable' : `${issue.path.join('.') || 'file'}: ${issue.message}`}). Ask for it again.`
    )
  }
  const signed = (v: z.output<typeof SignedVersionSchema>): SignedVersion => ({
    hash: v.hash,
    document: normalizePolicy(v.document),
    signatures: v.signatures
  })
  return {
    versions: parsed.data.versions.map(signed),
    proposal: parsed.data.proposal === null ? null : signed(parsed.data.proposal),
    exportedAt: parsed.data.exportedAt,
    auditHead: parsed.data.auditHead
  }
}
