// Runs in: main (pure, no I/O). The two files that carry an approval between desktops with no
// network: the approval request (a payout's registry, digest, creator and the policy it was
// submitted under) and the approval (one signature over that digest). Both are JSON, versioned,
// parsed strictly; nothing in them is trusted until the digest is recomputed and the signature
// recovered against the payout the receiving desktop holds.
import { getAddress } from 'ethers'
import { z } from 'zod'
import { AppFailure } from '../../shared/errors'
import { payoutDigest, type DigestInput } from './digest'

export const REQUEST_FORMAT = 'treasury.approval-request'
export const APPROVAL_FORMAT = 'treasury.approval'
export const FILE_VERSION = 1
/** Large enough for a 100,000-row payout, small enough that a hostile file cannot exhaust memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024

const Address = z
  .string()
  .max(42)
  .refine((a) => {
    try {
      getAddress(a)
      return true
    } catch {
      return false
    }
  }, 'not an address')
  .transform((a) => getAddress(a))
const Digest = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/)
  .transform((d) => d.toLowerCase())
const BaseUnits = z.string().regex(/^[0-9]{1,78}$/)
/** One line of text: what a Ledger or a person reads must not hide extra lines. */
const Line = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'control characters')
const Revision = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)

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
      tokenAddress: Address.nullable()
    }),
    purpose: z.string().max(10_000),
    creatorName: Line(100).min(1),
    creatorAddress: Address.nullable(),
    payerAddress: Address.nullable(),
    createdAt: Line(40),
    recipients: z
      .array(
        z.strictObject({
          row: z.number().int().min(1),
          address: Address,
          amount: BaseUnits,
          reference: z.string().max(1_000),
          name: z.string().max(1_000)
        })
      )
      .min(1)
  }),
  digest: Digest,
  policy: z.strictObject({
    threshold: z.number().int().min(1),
    approvers: z.array(z.strictObject({ name: Line(100).min(1), address: Address }))
  }),
  exportedAt: Line(40),
  exportedBy: Line(100)
})
export type ApprovalRequestFile = z.infer<typeof RequestSchema>

const ApprovalSchema = z.strictObject({
  format: z.literal(APPROVAL_FORMAT),
  version: z.literal(FILE_VERSION),
  payoutId: Line(40).min(1),
  revision: Revision,
  digest: Digest,
  signer: Address,
  approverName: Line(100),
  signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/),
  signedAt: Line(40)
})
export type ApprovalFile = z.infer<typeof ApprovalSchema>

export interface ParsedRequest {
  readonly file: ApprovalRequestFile
  readonly digestInput: DigestInput
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

export function digestInputOf(p: ApprovalRequestFile['payout']): DigestInput {
  return {
    payoutId: p.id,
    revision: p.revision,
    networkName: p.networkName,
    chainId: p.chainId,
    asset: p.asset,
    purpose: p.purpose,
    creatorName: p.creatorName,
    creatorAddress: p.creatorAddress,
    payerAddress: p.payerAddress,
    recipients: p.recipients.map((r) => ({ address: r.address, amount: BigInt(r.amount), reference: r.reference }))
  }
}

/** Parses an approval request and checks that its digest is the digest of the payout it carries. */
export function parseApprovalRequest(bytes: Uint8Array): ParsedRequest {
  const json = parseJson(bytes, 'approval request')
  if (formatOf(json) === APPROVAL_FORMAT)
    throw new AppFailure(
      'approval_file_wrong_kind',
      'This is an approval, not a payout to approve. Import it with "Import approval" on the desktop that created the payout.'
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
  const digestInput = digestInputOf(parsed.data.payout)
  if (payoutDigest(digestInput) !== parsed.data.digest) {
    throw new AppFailure(
      'approval_file_digest_mismatch',
      'The payout in this file does not match its digest: it was changed after it was exported. Do not approve it; ask for a fresh export.'
    )
  }
  return { file: parsed.data, digestInput }
}

/** Parses an approval file; nothing in it is believed until its signature is checked by the caller. */
export function parseApprovalFile(bytes: Uint8Array): ApprovalFile {
  const json = parseJson(bytes, 'approval file')
  if (formatOf(json) === REQUEST_FORMAT)
    throw new AppFailure(
      'approval_file_wrong_kind',
      'This is a payout waiting for approval, not an approval. Import it with "Review payout for approval" on the approver\'s desktop.'
    )
  const parsed = ApprovalSchema.safeParse(json)
  if (!parsed.success)
    throw new AppFailure(
      'approval_file_malformed',
      `This approval file is damaged or from an unknown version of Treasury (${firstProblem(parsed.error)}). Ask the approver to export it again.`
    )
  return parsed.data
}

export function encodeFile(value: ApprovalRequestFile | ApprovalFile): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n')
}

function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0]
  if (issue === undefined) return 'unknown problem'
  return `${issue.path.join('.') || 'file'}: ${issue.message}`
}
