// Runs in: main (pure, no I/O). The two files that carry an approval between desks with no network:
// the approval request (a payout's registry, its signed submission, its digest, and the team's
// policy chain up to the version it was submitted under) and the approval (one signed statement
// over that digest). Both are JSON, versioned, parsed strictly; nothing in them is trusted until
// the digest is recomputed, the policy chain verified and each signature recovered against the
// payout the receiving desk holds.
import { z } from 'zod'
import { AppFailure } from '../../shared/errors'
import { WARNING_KINDS } from '../../shared/approvals'
import { payoutDigest, type DigestInput } from './digest'
import { AddressSchema, HashSchema } from '../domain/fileFields'
import { SignedVersionSchema, policyToJson } from './policyCodec'
import type { SignedVersion } from './policyChain'
import { normalizePolicy } from './policyDocument'
import { findForbiddenCharacter, TEXT_KIND } from '../../shared/text'

export const REQUEST_FORMAT = 'treasury.approval-request'
export const APPROVAL_FORMAT = 'treasury.approval'
export const FILE_VERSION = 2
/** Large enough for a 100,000-row payout, small enough that a hostile file cannot exhaust memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024

const BaseUnits = z.string().regex(/^[0-9]{1,78}$/)
/** One line of text a person reads: nothing that hides extra lines or reorders what is shown. */
const Line = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => findForbiddenCharacter(s, TEXT_KIND.label) === undefined, 'control or text-direction characters')
const Revision = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)
const Signature = z.string().regex(/^0x[0-9a-fA-F]{130}$/)
const Anchor = z.strictObject({ id: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/) })
const RequestSchema = z.strictObject({
  format: z.literal(REQUEST_FORMAT),
  version: z.literal(FILE_VERSION),
  payout: z.strictObject({
    id: Line(40).min(1),
    revision: Revision,
    kind: z.enum(['single', 'mass']),
    networkName: Line(100).min(1),
    chainId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    asset: z.strictObject({
      id: Line(100).min(1),
      symbol: Line(20).min(1),
      decimals: z.number().int().min(0).max(36),
      tokenAddress: AddressSchema.nullable()
    }),
    purpose: z.string().max(10_000),
    createdAt: Line(40),
    recipients: z
      .array(
        z.strictObject({
          row: z.number().int().min(1),
          address: AddressSchema,
          amount: BaseUnits,
          reference: Line(1_000),
          name: Line(1_000)
        })
      )
      .min(1)
  }),
  submission: z.strictObject({
    submitterName: Line(100),
    submitterAddress: AddressSchema.nullable(),
    payerAddress: AddressSchema.nullable(),
    policyHash: HashSchema.nullable(),
    acknowledgements: z.array(z.strictObject({ kind: z.enum(WARNING_KINDS), rows: z.array(z.number().int().min(1)) })),
    signature: Signature.nullable(),
    message: z.string().max(2_000).nullable()
  }),
  digest: HashSchema,
  policy: z.array(SignedVersionSchema),
  exportedAt: Line(40),
  exportedBy: Line(100),
  auditHead: Anchor
})
export type ApprovalRequestFile = z.infer<typeof RequestSchema>
export type ApprovalRequestJson = z.input<typeof RequestSchema>

const ApprovalSchema = z.strictObject({
  format: z.literal(APPROVAL_FORMAT),
  version: z.literal(FILE_VERSION),
  payoutId: Line(40).min(1),
  revision: Revision,
  digest: HashSchema,
  signer: AddressSchema,
  signature: Signature,
  message: z.string().max(2_000),
  signedAt: Line(40),
  auditHead: Anchor
})
export type ApprovalFile = z.infer<typeof ApprovalSchema>

export interface ParsedRequest {
  readonly file: ApprovalRequestFile
  readonly digestInput: DigestInput
  readonly policy: readonly SignedVersion[]
}

function parseJson(bytes: Uint8Array, what: string): unknown {
  if (bytes.byteLength > MAX_FILE_BYTES)
    throw new AppFailure('approval_file_malformed', `This ${what} is too large to be a Treasury file.`)
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown
  } catch {
    throw new AppFailure(
      'approval_file_malformed',
      `This is not a Treasury ${what}: it is not readable JSON. Ask for the file again.`
    )
  }
}

function formatOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null && 'format' in value
    ? (value as { format: unknown }).format
    : undefined
}

export function digestInputOf(file: Pick<ApprovalRequestFile, 'payout' | 'submission'>): DigestInput {
  const p = file.payout
  const s = file.submission
  return {
    payoutId: p.id,
    revision: p.revision,
    networkName: p.networkName,
    chainId: p.chainId,
    asset: p.asset,
    purpose: p.purpose,
    submitterName: s.submitterName,
    submitterAddress: s.submitterAddress,
    payerAddress: s.payerAddress,
    policyHash: s.policyHash,
    acknowledgements: s.acknowledgements,
    recipients: p.recipients.map((r) => ({ address: r.address, amount: BigInt(r.amount), reference: r.reference }))
  }
}

/** The policy chain as a request file carries it. */
export function policyJson(versions: readonly SignedVersion[]): ApprovalRequestJson['policy'] {
  return versions.map((v) => ({
    hash: v.hash,
    document: policyToJson(v.document),
    signatures: v.signatures.map((s) => ({ signer: s.signer, signature: s.signature, message: s.message }))
  }))
}

/** Parses an approval request and checks that its digest is the digest of the payout it carries. */
export function parseApprovalRequest(bytes: Uint8Array): ParsedRequest {
  const json = parseJson(bytes, 'approval request')
  if (formatOf(json) === APPROVAL_FORMAT)
    throw new AppFailure(
      'approval_file_wrong_kind',
      'This is an approval, not a payout to approve. Import it with "Import approval" on the desk that created the payout.'
    )
  const parsed = RequestSchema.safeParse(json)
  if (!parsed.success)
    throw new AppFailure(
      'approval_file_malformed',
      `This approval request is damaged or from an unknown version of Treasury (${firstProblem(parsed.error)}). Ask for the file again.`
    )
  const rows = parsed.data.payout.recipients.map((r) => r.row)
  if (rows.some((r, i) => r !== i + 1))
    throw new AppFailure(
      'approval_file_malformed',
      'The rows of this approval request are not numbered 1, 2, 3 ... in order. Ask for the file again.'
    )
  const digestInput = digestInputOf(parsed.data)
  if (payoutDigest(digestInput) !== parsed.data.digest) {
    throw new AppFailure(
      'approval_file_digest_mismatch',
      'The payout in this file does not match its digest: it was changed after it was exported. Do not approve it; ask for a fresh export.'
    )
  }
  const policy = parsed.data.policy.map((v) => ({ ...v, document: normalizePolicy(v.document) }))
  return { file: parsed.data, digestInput, policy }
}

/** Parses an approval file; nothing in it is believed until its signature is checked by the caller. */
export function parseApprovalFile(bytes: Uint8Array): ApprovalFile {
  const json = parseJson(bytes, 'approval file')
  if (formatOf(json) === REQUEST_FORMAT)
    throw new AppFailure(
      'approval_file_wrong_kind',
      'This is a payout waiting for approval, not an approval. Import it with "Review payout for approval" on the approver\'s desk.'
    )
  const parsed = ApprovalSchema.safeParse(json)
  if (!parsed.success)
    throw new AppFailure(
      'approval_file_malformed',
      `This approval file is damaged or from an unknown version of Treasury (${firstProblem(parsed.error)}). Ask the approver to export it again.`
    )
  return parsed.data
}

export function encodeFile(value: ApprovalRequestJson | ApprovalFile): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n')
}

function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0]
  if (issue === undefined) return 'unknown problem'
  return `${issue.path.join('.') || 'file'}: ${issue.message}`
}
