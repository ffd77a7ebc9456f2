// Runs in: main (plain Node). The REST API's answers as zod schemas, for its OpenAPI document. The
// contract declares results as TypeScript types; each schema here must produce exactly that type
// (the compiler checks both ways), so the document cannot drift from what the API returns.
import { z } from 'zod'
import type {
  AuditEntry,
  Asset,
  Issue,
  Network,
  PayoutDetail,
  PayoutItem,
  PayoutPage,
  PayoutSummary
} from '../../../shared/api'
import type {
  AnchorMismatchView,
  AuditVerificationView,
  PaidRowMismatchView,
  PaidRowsCheckView
} from '../../../shared/approvals'
import { PAYOUT_SOURCE_KINDS, type PayoutSource } from '../../../shared/automation'
import { ITEM_STATUSES, PAYOUT_KINDS, PAYOUT_STATUSES } from '../../../shared/statuses'
import type { StatusEventPayload } from '../eventPayload'

/** Every value of the schema is a T, and the schema names exactly T's fields. */
type Exactly<S extends z.ZodType, T> = [z.output<S>] extends [T]
  ? [keyof T] extends [keyof z.output<S>]
    ? [keyof z.output<S>] extends [keyof T]
      ? S
      : never
    : never
  : never
const exactly =
  <T>() =>
  <S extends z.ZodType>(schema: Exactly<S, T>): S =>
    schema

const BaseUnits = z
  .string()
  .regex(/^[0-9]+$/)
  .describe("An amount in the asset's smallest unit, as decimal digits.")

export const NetworkSchema = exactly<Network>()(
  z.object({
    chainId: z.number().int(),
    name: z.string(),
    nativeSymbol: z.string(),
    explorerUrl: z.string().nullable(),
    testnet: z.boolean(),
    development: z.boolean(),
    minConfirmations: z
      .number()
      .int()
      .describe("Blocks (the transaction's own included) before a payment on this network counts as final.")
  })
)

export const AssetSchema = exactly<Asset>()(
  z.object({
    id: z.string().describe('`<chainId>:native` or `<chainId>:<token address>`'),
    chainId: z.number().int(),
    kind: z.enum(['native', 'erc20']),
    symbol: z.string(),
    name: z.string(),
    decimals: z.number().int(),
    tokenAddress: z.string().nullable()
  })
)

const IssueSchema = exactly<Issue>()(
  z.object({ field: z.string(), severity: z.enum(['error', 'warning']), code: z.string(), message: z.string() })
)

const SourceSchema = exactly<PayoutSource>()(
  z.object({ kind: z.enum(PAYOUT_SOURCE_KINDS), name: z.string(), externalId: z.string().nullable() })
)

const summaryShape = {
  id: z.string(),
  kind: z.enum(PAYOUT_KINDS),
  status: z.enum(PAYOUT_STATUSES),
  chainId: z.number().int(),
  networkName: z.string(),
  assetId: z.string(),
  assetSymbol: z.string(),
  decimals: z.number().int(),
  totalBaseUnits: BaseUnits,
  recipientCount: z.number().int(),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
  source: SourceSchema
}

export const PayoutSummarySchema = exactly<PayoutSummary>()(z.object(summaryShape))

const ItemSchema = exactly<PayoutItem>()(
  z.object({
    row: z.number().int(),
    address: z.string(),
    amount: z.string(),
    amountBaseUnits: BaseUnits.nullable(),
    name: z.string(),
    reference: z.string(),
    note: z.string(),
    category: z.string().describe('Account code or category for the books; empty when none.'),
    costCenter: z.string().describe('Cost center for the books; empty when none.'),
    status: z.enum(ITEM_STATUSES),
    issues: z.array(IssueSchema),
    txHash: z.string().nullable(),
    failure: z.string().nullable()
  })
)

const AuditEntrySchema = exactly<AuditEntry>()(
  z.object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string().describe("The team roster's name for a signed act, or the desk's label for an unsigned one."),
    actorAddress: z
      .string()
      .nullable()
      .describe('The Ledger address that signed the act; null for what no signature covers.'),
    action: z.string(),
    fromStatus: z.enum(PAYOUT_STATUSES).nullable(),
    toStatus: z.enum(PAYOUT_STATUSES).nullable(),
    detail: z.string().describe("What happened, in the asset's units."),
    exact: z.string().describe('The same figures exactly, in base units; empty when there are none.')
  })
)

export const PayoutDetailSchema = exactly<PayoutDetail>()(
  z.object({
    ...summaryShape,
    itemCounts: z.object(
      Object.fromEntries(ITEM_STATUSES.map((s) => [s, z.number().int()])) as Record<
        (typeof ITEM_STATUSES)[number],
        z.ZodNumber
      >
    ),
    items: z.array(ItemSchema),
    itemsOffset: z.number().int(),
    timeline: z.array(AuditEntrySchema),
    allowed: z.object({ edit: z.boolean(), cancel: z.boolean(), submit: z.boolean() })
  })
)

export const PayoutPageSchema = exactly<PayoutPage>()(
  z.object({ total: z.number().int(), items: z.array(PayoutSummarySchema) })
)

const AnchorMismatchSchema = exactly<AnchorMismatchView>()(
  z.object({
    statement: z.string(),
    signer: z.string(),
    signerName: z.string().nullable(),
    anchorId: z.number().int(),
    reason: z.string()
  })
)

const PaidRowMismatchSchema = exactly<PaidRowMismatchView>()(
  z.object({
    payoutId: z.string(),
    row: z.number().int(),
    txHash: z.string().nullable(),
    reason: z.string()
  })
)

export const PaidRowsCheckSchema = exactly<PaidRowsCheckView>()(
  z.object({
    checked: z.number().int(),
    differing: z.number().int(),
    mismatches: z.array(PaidRowMismatchSchema).describe('The first of the differing rows')
  })
)

export const AuditVerificationSchema = exactly<AuditVerificationView>()(
  z.object({
    ok: z.boolean(),
    entries: z.number().int(),
    chain: z.union([
      z.object({ ok: z.literal(true) }),
      z.object({ ok: z.literal(false), firstBrokenId: z.number().int(), reason: z.string() })
    ]),
    anchors: z.object({
      checked: z.number().int(),
      mismatches: z.array(AnchorMismatchSchema)
    }),
    payments: PaidRowsCheckSchema.describe(
      'Every row marked paid, read against the signed bytes of the transaction it names'
    )
  })
)

export const StatusEventSchema = exactly<StatusEventPayload>()(
  z.object({
    seq: z.number().int().describe('Increases with every status change; resume an event stream with Last-Event-ID.'),
    payoutId: z.string(),
    status: z.enum(PAYOUT_STATUSES),
    previousStatus: z.enum(PAYOUT_STATUSES).nullable().describe('null when the payout was created'),
    at: z.string(),
    source: SourceSchema
  })
)

export const ErrorSchema = z.object({
  error: z.object({
    code: z.string().describe('The same codes the desktop app gets, e.g. invalid_input, not_found, api_scope_missing.'),
    message: z.string().describe('What is wrong and what to do, for a person to read.'),
    details: z.unknown().optional()
  })
})
