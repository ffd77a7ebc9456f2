// Runs in: main (plain Node). Request bodies of the REST API, bounded: a declared length over the
// limit is refused before a byte is read, and a body that grows past it is cut off. JSON, or
// multipart/form-data for a registry file sent the way an HTML form or `curl -F` sends it.
import type { IncomingMessage } from 'node:http'
import { AppFailure } from '../../../shared/errors'

const MIB = 1024 * 1024

/** A registry file of the reader's 128 MiB limit, as base64 in JSON (4/3 larger) or a multipart part. */
export const MAX_IMPORT_BODY_BYTES = 176 * MIB
/** A payout of up to 1,000,000 recipients written as JSON. */
export const MAX_PAYOUT_BODY_BYTES = 128 * MIB
/** Everything else (a cancellation's reason). */
export const MAX_SMALL_BODY_BYTES = 64 * 1024
const MAX_PARTS = 16
const MAX_PART_HEADER_BYTES = 2048

function tooLarge(limit: number): AppFailure {
  return new AppFailure(
    'api_payload_too_large',
    `The request body is larger than this endpoint accepts (${Math.round(limit / 1024)} KiB). Send a smaller file or fewer rows per request.`
  )
}

/** Refuses a declared Content-Length over `limit` without reading anything. */
export function assertDeclaredLength(req: IncomingMessage, limit: number): void {
  const declared = Number(req.headers['content-length'] ?? '0')
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit)
}

export async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  assertDeclaredLength(req, limit)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) {
      req.destroy()
      throw tooLarge(limit)
    }
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
}

export function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) return {}
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown
  } catch {
    throw new AppFailure('invalid_input', 'The request body is not valid JSON.')
  }
}

export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = mediaType(req)
  if (type !== 'application/json' && !(type === '' && Number(req.headers['content-length'] ?? '0') === 0))
    throw new AppFailure(
      'api_unsupported_media_type',
      'Send the request body as JSON (Content-Type: application/json).'
    )
  return parseJson(await readBytes(req, limit))
}

export interface FormPart {
  readonly name: string
  readonly fileName: string | null
  readonly content: Buffer
}

/** The parts of a multipart/form-data body: fields and at most a few files. */
export function parseMultipart(contentType: string, body: Buffer): FormPart[] {
  const boundary = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType)
  const b = boundary?.[1] ?? boundary?.[2]
  const malformed = (why: string) =>
    new AppFailure('invalid_input', `The multipart body could not be read: ${why}. Send it as curl -F does.`)
  if (b === undefined) throw malformed('its Content-Type names no boundary')
  const delimiter = Buffer.from(`--${b}`)
  const parts: FormPart[] = []
  let at = body.indexOf(delimiter)
  if (at < 0) throw malformed('the boundary never appears')
  while (parts.length <= MAX_PARTS) {
    at += delimiter.length
    if (body.subarray(at, at + 2).toString() === '--') return parts
    at += 2 // CRLF after the delimiter
    const headerEnd = body.indexOf('\r\n\r\n', at)
    if (headerEnd < 0 || headerEnd - at > MAX_PART_HEADER_BYTES) throw malformed('a part has no readable headers')
    const headers = body.subarray(at, headerEnd).toString('utf8')
    const next = body.indexOf(delimiter, headerEnd + 4)
    if (next < 0) throw malformed('the last part is not closed')
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? ''
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1]
    if (name === undefined) throw malformed('a part has no name')
    const fileName = /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null
    parts.push({ name, fileName, content: body.subarray(headerEnd + 4, next - 2) })
    at = next
  }
  throw malformed(`it has more than ${MAX_PARTS} parts`)
}
