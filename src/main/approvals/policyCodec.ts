// Runs in: main (pure, no I/O). A policy document as JSON (in SQLite and in policy files): bigints
// as decimal strings, parsed strictly, so a damaged or hand-edited document is refused, never read
// as "no approvers".
import { z } from 'zod'
import { AppFailure } from '../../shared/errors'
import { AddressSchema, HashSchema } from '../domain/fileFields'
import { MAX_MEMBERS, MAX_NAME_LENGTH, normalizePolicy, type PolicyDocument } from './policyDocument'

export const PolicyDocumentSchema = z.strictObject({
  sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  previous: HashSchema.nullable(),
  members: z
    .array(
      z.strictObject({ name: z.string().min(1).max(MAX_NAME_LENGTH), address: AddressSchema, approver: z.boolean() })
    )
    .min(1)
    .max(MAX_MEMBERS),
  threshold: z.number().int().min(1).max(MAX_MEMBERS),
  requireApproval: z.boolean(),
  unsignedSubmissions: z.boolean(),
  amountRules: z
    .array(
      z.strictObject({
        assetId: z.string().min(1).max(100),
        maxWithoutApproval: z
          .string()
          .regex(/^[0-9]{1,78}$/)
          .transform((s) => BigInt(s))
      })
    )
    .max(200)
})

export type PolicyDocumentJson = z.input<typeof PolicyDocumentSchema>

export function policyToJson(doc: PolicyDocument): PolicyDocumentJson {
  const d = normalizePolicy(doc)
  return {
    sequence: d.sequence,
    previous: d.previous,
    members: d.members.map((m) => ({ name: m.name, address: m.address, approver: m.approver })),
    threshold: d.threshold,
    requireApproval: d.requireApproval,
    unsignedSubmissions: d.unsignedSubmissions,
    amountRules: d.amountRules.map((r) => ({ assetId: r.assetId, maxWithoutApproval: r.maxWithoutApproval.toString() }))
  }
}

/** Parses a document from stored or received JSON; `what` names it in the refusal. */
export function policyFromJson(value: unknown, what: string): PolicyDocument {
  const parsed = PolicyDocumentSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppFailure(
      'policy_invalid',
      `${what} is damaged or from an unknown version of Treasury (${issue === undefined ? 'unreadable' : `${issue.path.join('.') || 'document'}: ${issue.message}`}).`
    )
  }
  return normalizePolicy(parsed.data)
}

/** A version with the signatures it carries, as files carry it. */
export const SignedVersionSchema = z.strictObject({
  hash: HashSchema,
  document: PolicyDocumentSchema,
  signatures: z
    .array(
      z.strictObject({
        signer: AddressSchema,
        signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/),
        message: z.string().max(2_000)
      })
    )
    .max(MAX_MEMBERS * 2)
})
