// Runs in: main (plain Node). What each endpoint does, always through dispatch (the contract's
// schema check, then the same handler the window calls, failures as the same codes). Drafting
// calls run as the token's source, so the payout records where it came from and who made it.
import { createHash } from 'node:crypto'
import type { FileContent, MethodName, Outputs, PayoutDetail, TreasuryApi } from '../../../shared/api'
import { AppFailure } from '../../../shared/errors'
import { callContract } from '../contract'
import type { AutomatedSource } from '../origin'
import { findIdempotencyKey } from '../../store/automationRepo'
import type { OpenedDatabase } from '../../store/db'
import { canonicalRecipients, type AmountUnit } from '../amounts'
import { draftFromRegistry, type RegistryUpload } from '../registryDraft'
import type { StoredToken } from '../tokens'
import { parseJson, parseMultipart } from './body'
import { AmountUnitQuery, ImportJsonBody, ImportMultipartBody, type RouteId, type RouteSpec } from './routeSpecs'

export interface RouteContext {
  readonly spec: RouteSpec
  readonly token: StoredToken
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  readonly idempotencyKey: string | null
  /** The body, read within the route's size limit. */
  body(): Promise<{ readonly bytes: Buffer; readonly contentType: string }>
}

export type RouteReply =
  | {
      readonly kind: 'json'
      readonly status: number
      readonly body: unknown
      readonly headers?: Readonly<Record<string, string>>
      readonly payoutId?: string
    }
  | { readonly kind: 'file'; readonly file: FileContent; readonly payoutId: string }

export interface RouteDeps {
  readonly db: OpenedDatabase
  /** The contract as the desk sees it, for reading. */
  readonly app: () => TreasuryApi
  /** The contract acting as an automation source, for drafting. */
  readonly asSource: (source: AutomatedSource) => TreasuryApi
  readonly assetDecimals: (assetId: string) => number | undefined
  readonly log: (e: unknown) => void
}

type Handler = (ctx: RouteContext) => Promise<RouteReply>

export function routeHandlers(deps: RouteDeps): Readonly<Record<Exclude<RouteId, 'events'>, Handler>> {
  const call = <M extends MethodName>(api: TreasuryApi, method: M, input: unknown): Promise<Outputs[M]> =>
    callContract(api, method, input, deps.log)
  const read = <M extends MethodName>(method: M, input: unknown) => call(deps.app(), method, input)
  const json = (status: number, body: unknown, payoutId?: string): RouteReply =>
    payoutId === undefined ? { kind: 'json', status, body } : { kind: 'json', status, body, payoutId }

  /** Whether this creation was already answered under its key (the contract then returns that payout). */
  const answeredBefore = (ctx: RouteContext): boolean =>
    ctx.idempotencyKey !== null &&
    findIdempotencyKey(deps.db.write, callerOf(ctx.token), ctx.idempotencyKey) !== undefined

  const created = (detail: PayoutDetail, replayed: boolean): RouteReply => ({
    kind: 'json',
    status: replayed ? 200 : 201,
    body: detail,
    payoutId: detail.id,
    headers: replayed ? { 'idempotent-replayed': 'true' } : { location: `/v1/payouts/${detail.id}` }
  })

  function draftingSource(ctx: RouteContext, externalId: string | null, requestHash: string): AutomatedSource {
    return {
      kind: 'api',
      name: ctx.token.name,
      externalId,
      ...(ctx.idempotencyKey === null
        ? {}
        : { idempotency: { caller: callerOf(ctx.token), key: ctx.idempotencyKey, requestHash } })
    }
  }

  function withCanonicalAmounts(
    body: Record<string, unknown>,
    assetId: unknown,
    unit: AmountUnit
  ): Record<string, unknown> {
    const decimals = typeof assetId === 'string' ? deps.assetDecimals(assetId) : undefined
    if (decimals === undefined || body.recipients === undefined) return body
    return { ...body, recipients: canonicalRecipients(body.recipients, decimals, unit) }
  }

  return {
    listNetworks: async () => json(200, await read('listNetworks', {})),
    listAssets: async (ctx) => json(200, await read('listAssets', queryInput(ctx))),
    listPayouts: async (ctx) => json(200, await read('listPayouts', queryInput(ctx))),
    getPayout: async (ctx) =>
      json(200, await read('getPayout', { ...queryInput(ctx), id: ctx.params.id }), ctx.params.id),
    async createPayout(ctx) {
      const { bytes } = await ctx.body()
      const unit = amountUnitOf(ctx)
      const requestHash = hashRequest(ctx.spec.id, unit, bytes)
      const replayed = answeredBefore(ctx)
      const { externalId, rest } = takeExternalId(parseJson(bytes))
      const input = withCanonicalAmounts(rest, rest.assetId, unit)
      const detail = await call(deps.asSource(draftingSource(ctx, externalId, requestHash)), 'createPayout', input)
      return created(detail, replayed)
    },
    async updatePayout(ctx) {
      const id = ctx.params.id!
      const body = objectBody(parseJson((await ctx.body()).bytes))
      const assetId = body.assetId ?? (await read('getPayout', { id, limit: 0 })).assetId
      const input = { ...withCanonicalAmounts(body, assetId, amountUnitOf(ctx)), id }
      return json(200, await call(deps.asSource({ kind: 'api', name: ctx.token.name }), 'updatePayout', input), id)
    },
    async cancelPayout(ctx) {
      const id = ctx.params.id!
      const body = objectBody(parseJson((await ctx.body()).bytes))
      return json(
        200,
        await call(deps.asSource({ kind: 'api', name: ctx.token.name }), 'cancelPayout', { ...body, id }),
        id
      )
    },
    async importPayout(ctx) {
      const { bytes, contentType } = await ctx.body()
      const requestHash = hashRequest(ctx.spec.id, 'decimal', bytes)
      const replayed = answeredBefore(ctx)
      const upload = uploadOf(contentType, bytes)
      const api = deps.asSource(draftingSource(ctx, upload.externalId, requestHash))
      const detail = await draftFromRegistry(
        {
          preview: (input) => call(deps.app(), 'previewRegistry', input),
          readRows: (input) => call(deps.app(), 'readImportRows', input),
          create: (input) => call(api, 'createPayout', input)
        },
        upload
      )
      return created(detail, replayed)
    },
    async exportPayout(ctx) {
      const id = ctx.params.id!
      return { kind: 'file', file: await read('exportPayout', { ...queryInput(ctx), id }), payoutId: id }
    },
    async payoutReport(ctx) {
      const id = ctx.params.id!
      return { kind: 'file', file: await read('exportPayoutReport', { ...queryInput(ctx), id }), payoutId: id }
    },
    paidRows: async (ctx) => json(200, await read('checkPayoutPaidRows', { id: ctx.params.id! })),
    verifyAudit: async () => json(200, await read('verifyAuditLog', {}))
  }
}

/** Idempotency keys belong to the token that sent them. */
const callerOf = (token: StoredToken): string => `token:${token.id}`

function hashRequest(route: RouteId, unit: AmountUnit, bytes: Buffer): string {
  return createHash('sha256').update(`${route}\n${unit}\n`).update(bytes).digest('hex')
}

function amountUnitOf(ctx: RouteContext): AmountUnit {
  const parsed = AmountUnitQuery.safeParse(ctx.query.get('amountUnit') ?? undefined)
  if (!parsed.success)
    throw new AppFailure(
      'invalid_input',
      'amountUnit must be "decimal" (1234.5) or "base_units" (digits of the smallest unit).'
    )
  return parsed.data
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new AppFailure('invalid_input', 'The request body must be a JSON object.')
  return body as Record<string, unknown>
}

function takeExternalId(body: unknown): { externalId: string | null; rest: Record<string, unknown> } {
  const { externalId, ...rest } = objectBody(body)
  if (externalId === undefined) return { externalId: null, rest }
  const parsed = ImportJsonBody.shape.externalId.safeParse(externalId)
  if (!parsed.success || parsed.data === undefined)
    throw new AppFailure(
      'external_id_invalid',
      parsed.success ? 'externalId is empty.' : parsed.error.issues[0]!.message
    )
  return { externalId: parsed.data, rest }
}

/** Query parameters as the contract method's input: numbers where the route says so, text otherwise. */
function queryInput(ctx: RouteContext): Record<string, unknown> {
  const input: Record<string, unknown> = {}
  for (const [key, value] of ctx.query) {
    if (key === 'amountUnit') continue
    input[key] = ctx.spec.numericQuery?.includes(key) === true && /^[0-9]{1,15}$/.test(value) ? Number(value) : value
  }
  return input
}

/** A registry upload from JSON (base64) or multipart (the raw file), checked by the import schema. */
function uploadOf(contentType: string, bytes: Buffer): RegistryUpload {
  const media = contentType.split(';')[0]!.trim().toLowerCase()
  if (media === 'multipart/form-data') {
    const parts = parseMultipart(contentType, bytes)
    const fields: Record<string, string> = {}
    let file: { name: string; content: Buffer } | null = null
    for (const part of parts) {
      if (part.name === 'file' && part.fileName !== null) file = { name: part.fileName, content: part.content }
      else fields[part.name] = part.content.toString('utf8')
    }
    const checked = ImportMultipartBody.parse({ ...fields, file: file === null ? undefined : file.name })
    return {
      fileName: file!.name,
      content: file!.content,
      assetId: checked.assetId,
      description: checked.description ?? null,
      externalId: checked.externalId ?? null,
      options: {
        ...(checked.sheet === undefined ? {} : { sheet: checked.sheet }),
        ...(checked.decimalSeparator === undefined ? {} : { decimalSeparator: checked.decimalSeparator })
      }
    }
  }
  if (media !== 'application/json')
    throw new AppFailure(
      'api_unsupported_media_type',
      'Send the registry as multipart/form-data (a "file" part) or as JSON with the file in contentBase64.'
    )
  const checked = ImportJsonBody.parse(parseJson(bytes))
  return {
    fileName: checked.fileName,
    content: Buffer.from(checked.contentBase64, 'base64'),
    assetId: checked.assetId,
    description: checked.description ?? null,
    externalId: checked.externalId ?? null,
    options: checked.options ?? {}
  }
}
