// Runs in: main (plain Node; Electron registers it in index.ts). The renderer is served from its
// own origin, app://treasury, instead of file://: the page then has an origin of its own (not every
// file on the disk), and this handler serves only files inside the renderer folder. A request whose
// path climbs out of it (.. or its percent-encoded forms), names an absolute path, or reaches a file
// through a link that leads outside is refused; everything else missing is "not found".
import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'

export const APP_SCHEME = 'app'
export const APP_HOST = 'treasury'
/** The page's origin as the IPC sender check and the request filter compare it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY = 'index.html'
/** The page's address. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/${APP_ENTRY}`

/**
 * How Chromium treats the scheme: standard (relative URLs, a real origin), secure (like https, so
 * nothing is "mixed content"), and allowed to load the page's module scripts, which are fetched in
 * CORS mode. It does not bypass the page's Content-Security-Policy.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true
} as const

export const HTTP_OK = 200
export const HTTP_FORBIDDEN = 403
export const HTTP_NOT_FOUND = 404
export const HTTP_METHOD_NOT_ALLOWED = 405

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm'
}
const UNKNOWN_TYPE = 'application/octet-stream'

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? UNKNOWN_TYPE
}

export type ResolvedPath =
  | { readonly ok: true; readonly file: string }
  | { readonly ok: false; readonly status: typeof HTTP_FORBIDDEN | typeof HTTP_NOT_FOUND }

/** A decoded path segment that could leave the folder or name something else than a file in it. */
const UNSAFE_SEGMENT = /[/\\\0:]/

/**
 * The file under `rootDir` that `url` names, decided from the URL as written: the path is split on
 * "/" before decoding, so %2F and %5C cannot smuggle in a separator, and any segment that is empty
 * (an absolute path after the host), "." or ".." (written or encoded) is refused.
 */
export function resolveAppPath(url: string, rootDir: string): ResolvedPath {
  const prefix = `${APP_ORIGIN}/`
  if (!url.toLowerCase().startsWith(prefix) && url.toLowerCase() !== APP_ORIGIN)
    return { ok: false, status: HTTP_NOT_FOUND }
  const rest = url.slice(prefix.length)
  const end = rest.search(/[?#]/)
  const rawPath = end < 0 ? rest : rest.slice(0, end)
  if (rawPath === '') return { ok: true, file: resolve(rootDir, APP_ENTRY) }
  const segments: string[] = []
  for (const raw of rawPath.split('/')) {
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return { ok: false, status: HTTP_FORBIDDEN }
    }
    if (segment === '' || segment === '.' || segment === '..' || UNSAFE_SEGMENT.test(segment))
      return { ok: false, status: HTTP_FORBIDDEN }
    segments.push(segment)
  }
  const file = resolve(rootDir, ...segments)
  return isInside(rootDir, file) ? { ok: true, file } : { ok: false, status: HTTP_FORBIDDEN }
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file)
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)
}

const refusal = (status: number): Response =>
  new Response(status === HTTP_FORBIDDEN ? 'Forbidden' : status === HTTP_NOT_FOUND ? 'Not found' : 'Not allowed', {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8' }
  })

/** The handler for protocol.handle(APP_SCHEME, ...): GET and HEAD of files under `rootDir` only. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  const root = resolve(rootDir)
  let realRoot: Promise<string> | null = null
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(HTTP_METHOD_NOT_ALLOWED)
    const resolved = resolveAppPath(request.url, root)
    if (!resolved.ok) return refusal(resolved.status)
    let real: string
    try {
      realRoot ??= realpath(root)
      real = await realpath(resolved.file)
      // A link inside the folder that leads out of it is refused like a path that does.
      if (!isInside(await realRoot, real)) return refusal(HTTP_FORBIDDEN)
      if (!(await stat(real)).isFile()) return refusal(HTTP_NOT_FOUND)
    } catch {
      return refusal(HTTP_NOT_FOUND)
    }
    const body = request.method === 'HEAD' ? null : await readFile(real)
    return new Response(body, {
      status: HTTP_OK,
      headers: {
        'content-type': mimeTypeOf(real),
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache'
      }
    })
  }
}
