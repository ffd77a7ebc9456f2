// Runs in: main (plain Node). How the REST API answers: JSON bodies, files, and every failure in one
// shape, { "error": { "code", "message", "details"? } }, with the codes the window gets and an HTTP
// status a client can branch on before reading the body.
import type { ServerResponse } from 'node:http'
import type { AppError } from '../../../shared/result'
import type { ErrorCode } from '../../../shared/errors'

/** Never sent: no Access-Control-* header either, so no browser page may read an answer. */
const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff'
} as const

export function httpStatusOf(code: ErrorCode): number {
  if (code === 'invalid_input' || code.startsWith('amount_') || code.startsWith('text_')) return 400
  switch (code) {
    case 'external_id_invalid':
      return 400
    case 'api_unauthorized':
    case 'api_token_revoked':
      return 401
    case 'api_scope_missing':
    case 'api_origin_refused':
      return 403
    case 'not_found':
    case 'api_route_not_found':
      return 404
    case 'api_method_not_allowed':
      return 405
    case 'not_editable':
    case 'illegal_transition':
    case 'external_id_taken':
    case 'idempotency_key_in_use':
      return 409
    case 'api_payload_too_large':
      return 413
    case 'api_unsupported_media_type':
      return 415
    case 'api_host_refused':
      return 421
    case 'api_rate_limited':
      return 429
    case 'internal_error':
      return 500
    default:
      return 422
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {}
): void {
  const text = JSON.stringify(body)
  res
    .writeHead(status, {
      ...COMMON_HEADERS,
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text))
    })
    .end(text)
}

export function sendError(
  res: ServerResponse,
  error: AppError,
  headers: Readonly<Record<string, string>> = {}
): number {
  const status = httpStatusOf(error.code)
  const body = error.details === undefined ? { code: error.code, message: error.message } : error
  if (res.headersSent) res.destroy()
  else sendJson(res, status, { error: body }, headers)
  return status
}

export function sendFile(res: ServerResponse, fileName: string, contentBase64: string): void {
  const bytes = Buffer.from(contentBase64, 'base64')
  res
    .writeHead(200, {
      ...COMMON_HEADERS,
      'content-type': fileName.endsWith('.xlsx')
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'content-length': String(bytes.length)
    })
    .end(bytes)
}

export const EVENT_STREAM_HEADERS = {
  ...COMMON_HEADERS,
  'content-type': 'text/event-stream; charset=utf-8',
  connection: 'keep-alive'
} as const
