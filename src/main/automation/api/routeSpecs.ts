// Runs in: main (plain Node). Every endpoint of the REST API: method, path, scope, the contract
// methods it calls, and the contract's own schemas for what it takes. The server routes by this
// table and the OpenAPI document is generated from it, so the two cannot disagree. Nothing here
// reaches submitting, approving or signing: those stay with people and their Ledgers.
import { z } from 'zod'
import { ExternalIdSchema, schemas, type MethodName } from '../../../shared/api'
import type { ApiScope } from '../../../shared/automation'
import { AMOUNT_UNITS } from '../amounts'
import {
  AssetSchema,
  AuditVerificationSchema,
  PaidRowsCheckSchema,
  NetworkSchema,
  PayoutDetailSchema,
  PayoutPageSchema,
  StatusEventSchema
} from '../openapi/responses'
import { MAX_IMPORT_BODY_BYTES, MAX_PAYOUT_BODY_BYTES, MAX_SMALL_BODY_BYTES } from './body'

export type RouteId =
  | 'listNetworks'
  | 'listAssets'
  | 'listPayouts'
  | 'createPayout'
  | 'getPayout'
  | 'updatePayout'
  | 'cancelPayout'
  | 'importPayout'
  | 'exportPayout'
  | 'payoutReport'
  | 'paidRows'
  | 'verifyAudit'
  | 'events'

export type RouteResponse =
  | { readonly kind: 'json'; readonly status: 200 | 201; readonly schema: z.ZodType }
  | { readonly kind: 'file' }
  | { readonly kind: 'events'; readonly schema: z.ZodType }

export interface RouteSpec {
  readonly id: RouteId
  readonly method: 'GET' | 'POST' | 'PATCH'
  /** OpenAPI-style path: `{id}` is a payout id. */
  readonly path: string
  readonly scope: ApiScope
  readonly summary: string
  readonly contract: readonly MethodName[]
  /** Query parameters, as the contract method's input fields. */
  readonly query?: z.ZodObject
  /** Query parameters that are whole numbers. */
  readonly numericQuery?: readonly string[]
  readonly jsonBody?: z.ZodType
  readonly multipartBody?: z.ZodType
  readonly maxBodyBytes: number
  readonly response: RouteResponse
  /** Takes an Idempotency-Key header: a retried creation returns the payout the first one drafted. */
  readonly idempotent?: boolean
  /** Takes ?amountUnit=decimal|base_units for the recipients' amounts. */
  readonly amounts?: boolean
}

const PayoutIdParam = schemas.getPayout.shape.id
const description = schemas.createPayout.shape.description
const externalId = ExternalIdSchema.describe(
  "Your id for this payout; it names the payout's status file in the outbox folder and comes back in events."
).optional()

export const CreatePayoutBody = schemas.createPayout.extend({ externalId })
export const UpdatePayoutBody = schemas.updatePayout.omit({ id: true })
export const CancelPayoutBody = schemas.cancelPayout.omit({ id: true })
export const ImportJsonBody = schemas.previewRegistry.extend({
  description: description.optional().describe("The payout's purpose; the file name when left out."),
  externalId
})
/** The same fields as the JSON import, sent the way `curl -F` sends a form (options flattened). */
export const ImportMultipartBody = z.strictObject({
  file: z
    .string()
    .meta({ contentMediaType: 'application/octet-stream', description: 'The registry: CSV, TSV, XLSX, XLS or ODS.' }),
  assetId: schemas.previewRegistry.shape.assetId,
  description: description.optional(),
  externalId,
  sheet: z.string().max(255).optional(),
  decimalSeparator: z.enum(['.', ',']).optional()
})
export const AmountUnitQuery = z.enum(AMOUNT_UNITS).default('decimal')

export const ROUTE_SPECS: readonly RouteSpec[] = [
  {
    id: 'listNetworks',
    method: 'GET',
    path: '/v1/networks',
    scope: 'payouts:read',
    summary: 'Networks a payout can use',
    contract: ['listNetworks'],
    maxBodyBytes: 0,
    response: { kind: 'json', status: 200, schema: z.array(NetworkSchema) }
  },
  {
    id: 'listAssets',
    method: 'GET',
    path: '/v1/assets',
    scope: 'payouts:read',
    summary: 'Currencies a payout can pay in, on every network or on one',
    contract: ['listAssets'],
    query: schemas.listAssets,
    numericQuery: ['chainId'],
    maxBodyBytes: 0,
    response: { kind: 'json', status: 200, schema: z.array(AssetSchema) }
  },
  {
    id: 'listPayouts',
    method: 'GET',
    path: '/v1/payouts',
    scope: 'payouts:read',
    summary: 'Payouts, newest first, filtered by status, kind or text',
    contract: ['listPayouts'],
    query: schemas.listPayouts,
    numericQuery: ['offset', 'limit'],
    maxBodyBytes: 0,
    response: { kind: 'json', status: 200, schema: PayoutPageSchema }
  },
  {
    id: 'createPayout',
    method: 'POST',
    path: '/v1/payouts',
    scope: 'payouts:draft',
    summary: 'Draft a payout; a person submits, approves and signs it in Treasury',
    contract: ['createPayout'],
    jsonBody: CreatePayoutBody,
    maxBodyBytes: MAX_PAYOUT_BODY_BYTES,
    response: { kind: 'json', status: 201, schema: PayoutDetailSchema },
    idempotent: true,
    amounts: true
  },
  {
    id: 'importPayout',
    method: 'POST',
    path: '/v1/payouts/import',
    scope: 'payouts:draft',
    summary: 'Draft a mass payout from a registry file, read and checked as an upload in the app is',
    contract: ['previewRegistry', 'readImportRows', 'createPayout'],
    jsonBody: ImportJsonBody,
    multipartBody: ImportMultipartBody,
    maxBodyBytes: MAX_IMPORT_BODY_BYTES,
    response: { kind: 'json', status: 201, schema: PayoutDetailSchema },
    idempotent: true
  },
  {
    id: 'getPayout',
    method: 'GET',
    path: '/v1/payouts/{id}',
    scope: 'payouts:read',
    summary: 'One payout with a page of its rows and its history',
    contract: ['getPayout'],
    query: schemas.getPayout.omit({ id: true }),
    numericQuery: ['offset', 'limit'],
    maxBodyBytes: 0,
    response: { kind: 'json', status: 200, schema: PayoutDetailSchema }
  },
  {
    id: 'updatePayout',
    method: 'PATCH',
    path: '/v1/payouts/{id}',
    scope: 'payouts:draft',
    summary: 'Change a draft: currency, purpose or all of its recipients',
    contract: ['getPayout', 'updatePayout'],
    jsonBody: UpdatePayoutBody,
    maxBodyBytes: MAX_PAYOUT_BODY_BYTES,
    response: { kind: 'json', status: 200, schema: PayoutDetailSchema },
    amounts: true
  },
  {
    id: 'cancelPayout',
    method: 'POST',
    path: '/v1/payouts/{id}/cancel',
    scope: 'payouts:draft',
    summary: 'Cancel a payout that nothing has been sent for',
    contract: ['cancelPayout'],
    jsonBody: CancelPayoutBody,
    maxBodyBytes: MAX_SMALL_BODY_BYTES,
    response: { kind: 'json', status: 200, schema: PayoutDetailSchema }
  },
  {
    id: 'exportPayout',
    method: 'GET',
    path: '/v1/payouts/{id}/export',
    scope: 'payouts:read',
    summary: 'The payout as a registry file (CSV or XLSX)',
    contract: ['exportPayout'],
    query: schemas.exportPayout.omit({ id: true }),
    maxBodyBytes: 0,
    response: { kind: 'file' }
  },
  {
    id: 'payoutReport',
    method: 'GET',
    path: '/v1/payouts/{id}/report',
    scope: 'payouts:read',
    summary: "The payout's report: every row with its status and transaction (CSV or XLSX)",
    contract: ['exportPayoutReport'],
    query: schemas.exportPayoutReport.omit({ id: true }),
    maxBodyBytes: 0,
    response: { kind: 'file' }
  },
  {
    id: 'paidRows',
    method: 'GET',
    path: '/v1/payouts/{id}/paid-rows',
    scope: 'payouts:read',
    summary: "The payout's rows marked paid, read against the signed transactions that paid them",
    contract: ['checkPayoutPaidRows'],
    maxBodyBytes: 0,
    response: { kind: 'json', status: 200, schema: PaidRowsCheckSchema }
  },
  {
    id: 'verifyAudit',
    method: 'GET',
    path: '/v1/audit/verify',
    scope: 'payouts:read',
    summary: 'Check that no entry of the audit log was changed or removed',
    contract: ['verifyAuditLog'],
    maxBodyBytes: 0,
    response: { kind: 'json', status: 200, schema: AuditVerificationSchema }
  },
  {
    id: 'events',
    method: 'GET',
    path: '/v1/events',
    scope: 'payouts:read',
    summary: 'Payout status changes as server-sent events (resume with Last-Event-ID)',
    contract: [],
    maxBodyBytes: 0,
    response: { kind: 'events', schema: StatusEventSchema }
  }
]

export { PayoutIdParam }
