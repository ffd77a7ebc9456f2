// Runs in: main (plain Node). The REST API's OpenAPI 3.1 document, generated from the route table
// and the contract's zod schemas (z.toJSONSchema), so a backend can generate its client from the
// same rules the API enforces. Served at /openapi.json and written to docs/openapi.json.
import { z } from 'zod'
import { version } from '../../../../package.json'
import { boundedArrays } from '../../../shared/api'
import { API_SCOPES } from '../../../shared/automation'
import { AMOUNT_UNITS } from '../amounts'
import { ROUTE_SPECS, PayoutIdParam, type RouteSpec } from '../api/routeSpecs'
import { httpStatusOf } from '../api/replies'
import { ErrorSchema } from './responses'

type Json = Record<string, unknown>

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of a zod schema, with bounded arrays shown with their elements. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const out = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    override(ctx) {
      const bounded = boundedArrays.get(ctx.zodSchema)
      if (bounded === undefined) return
      for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Json)[key]
      Object.assign(ctx.jsonSchema, {
        type: 'array',
        maxItems: bounded.max,
        items: jsonSchemaOf(bounded.element, io)
      })
    }
  }) as Json
  delete out.$schema
  return out
}

const ERROR_RESPONSE = { $ref: '#/components/responses/Error' }

/** The failures every endpoint can answer with, by the status they are sent with. */
const COMMON_FAILURES = [
  'invalid_input',
  'api_unauthorized',
  'api_scope_missing',
  'api_rate_limited',
  'internal_error'
] as const

function parameters(spec: RouteSpec): Json[] {
  const list: Json[] = []
  if (spec.path.includes('{id}'))
    list.push({ name: 'id', in: 'path', required: true, schema: jsonSchemaOf(PayoutIdParam, 'input') })
  if (spec.query !== undefined) {
    const query = jsonSchemaOf(spec.query, 'input') as { properties?: Record<string, Json>; required?: string[] }
    for (const [name, schema] of Object.entries(query.properties ?? {}))
      list.push({ name, in: 'query', required: query.required?.includes(name) === true, schema })
  }
  if (spec.amounts === true)
    list.push({
      name: 'amountUnit',
      in: 'query',
      required: false,
      description:
        'How recipients\' amounts are written: "decimal" ("." as the decimal point, no grouping: "334.969" is 334.969) or "base_units" (digits of the smallest unit).',
      schema: { type: 'string', enum: [...AMOUNT_UNITS], default: 'decimal' }
    })
  if (spec.idempotent === true)
    list.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Any unique string per payout you mean to draft. Sending the same request again with the same key returns the payout the first one drafted (status 200, header Idempotent-Replayed: true) instead of drafting another.',
      schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' }
    })
  return list
}

function requestBody(spec: RouteSpec): Json | undefined {
  const content: Json = {}
  if (spec.jsonBody !== undefined) content['application/json'] = { schema: jsonSchemaOf(spec.jsonBody, 'input') }
  if (spec.multipartBody !== undefined)
    content['multipart/form-data'] = { schema: jsonSchemaOf(spec.multipartBody, 'input') }
  return Object.keys(content).length === 0 ? undefined : { required: true, content }
}

function success(spec: RouteSpec): Json {
  const r = spec.response
  switch (r.kind) {
    case 'json':
      return {
        [r.status]: {
          description: r.status === 201 ? 'Drafted' : 'OK',
          content: { 'application/json': { schema: jsonSchemaOf(r.schema, 'output') } }
        }
      }
    case 'file':
      return {
        200: {
          description: 'The file',
          content: {
            'text/csv': { schema: { type: 'string' } },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: { type: 'string', contentMediaType: 'application/octet-stream' }
            }
          }
        }
      }
    case 'events':
      return {
        200: {
          description: `A stream of server-sent events named "payout.status"; each event's id is its seq and its data is: ${JSON.stringify(jsonSchemaOf(r.schema, 'output'))}`,
          content: { 'text/event-stream': { schema: { type: 'string' } } }
        }
      }
  }
}

function operation(spec: RouteSpec): Json {
  const failures = new Set<number>(COMMON_FAILURES.map(httpStatusOf))
  if (spec.path.includes('{id}')) failures.add(httpStatusOf('not_found'))
  if (spec.method !== 'GET') failures.add(httpStatusOf('not_editable')).add(httpStatusOf('unknown_asset'))
  if (spec.maxBodyBytes > 0) failures.add(httpStatusOf('api_payload_too_large'))
  const body = requestBody(spec)
  return {
    operationId: spec.id,
    summary: spec.summary,
    description: `Needs a token with the scope ${spec.scope}. Calls the contract's ${spec.contract.join(' and ') || 'event feed'}.`,
    tags: [spec.path.startsWith('/v1/payouts') ? 'payouts' : spec.path.split('/')[2]],
    security: [{ bearer: [] }],
    'x-scope': spec.scope,
    parameters: parameters(spec),
    ...(body === undefined ? {} : { requestBody: body }),
    responses: {
      ...success(spec),
      ...Object.fromEntries([...failures].sort().map((status) => [String(status), ERROR_RESPONSE]))
    }
  }
}

export function openApiDocument(): Json {
  const paths: Record<string, Json> = {}
  for (const spec of ROUTE_SPECS) (paths[spec.path] ??= {})[spec.method.toLowerCase()] = operation(spec)
  return {
    openapi: '3.1.0',
    info: {
      title: 'Treasury local API',
      version,
      description:
        'Draft payouts in Treasury from another program on the same computer and follow their status. Off until switched on in Settings > Automation; listens on 127.0.0.1 only. Tokens are created there with the scopes payouts:read and payouts:draft. No token can submit, approve or sign a payout: people do that in Treasury with their Ledgers.'
    },
    servers: [{ url: 'http://127.0.0.1:{port}', variables: { port: { default: '47800' } } }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: `A token from Settings > Automation; scopes: ${API_SCOPES.join(', ')}.`
        }
      },
      schemas: { Error: jsonSchemaOf(ErrorSchema, 'output') },
      responses: {
        Error: {
          description: 'Refused or failed; the code is the one the desktop app gets.',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
        }
      }
    }
  }
}
