// Runs in: Vitest (node). The app:// handler against a real folder: it serves the renderer's
// files with their types and refuses every way out of the folder, written or encoded.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../test/tempDir'
import { APP_ENTRY_URL, createAppProtocolHandler, mimeTypeOf, resolveAppPath } from './appProtocol'

let base: string
let root: string
let handle: (request: Request) => Promise<Response>
const INDEX = '<!doctype html><title>Treasury</title>'

beforeAll(() => {
  base = tempDir('treasury-app-protocol-')
  root = join(base, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), INDEX)
  writeFileSync(join(root, 'assets', 'index-1.js'), 'console.log(1)')
  writeFileSync(join(root, 'assets', 'index-1.css'), 'body{}')
  writeFileSync(join(root, 'assets', 'a file.svg'), '<svg/>')
  // Outside the renderer folder: must never be served.
  writeFileSync(join(base, 'secret.txt'), 'SECRET')
  mkdirSync(join(base, 'renderer-evil'))
  writeFileSync(join(base, 'renderer-evil', 'x.js'), 'SECRET')
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'leak.txt'))
  handle = createAppProtocolHandler(root)
})

const get = (url: string, method = 'GET'): Promise<Response> => handle(new Request(url, { method }))

describe('the app:// handler serves the renderer folder', () => {
  it('serves the page at its address, at the bare origin, and with a query', async () => {
    for (const url of [
      APP_ENTRY_URL,
      'app://treasury/',
      'app://treasury/index.html?demo=1',
      'app://treasury/index.html#/payouts'
    ]) {
      const r = await get(url)
      expect([r.status, r.headers.get('content-type')], url).toEqual([200, 'text/html; charset=utf-8'])
      expect(await r.text()).toBe(INDEX)
    }
  })

  it('serves assets with their types and no sniffing', async () => {
    const js = await get('app://treasury/assets/index-1.js')
    expect([js.status, js.headers.get('content-type'), js.headers.get('x-content-type-options')]).toEqual([
      200,
      'text/javascript; charset=utf-8',
      'nosniff'
    ])
    expect((await get('app://treasury/assets/index-1.css')).headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect((await get('app://treasury/assets/a%20file.svg')).headers.get('content-type')).toBe('image/svg+xml')
    expect(mimeTypeOf('x.woff2')).toBe('font/woff2')
    expect(mimeTypeOf('x.exe')).toBe('application/octet-stream')
  })

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(APP_ENTRY_URL, 'HEAD')
    expect([head.status, await head.text()]).toEqual([200, ''])
    expect((await get(APP_ENTRY_URL, 'POST')).status).toBe(405)
  })

  it('finds nothing that is not there, and serves no folder', async () => {
    expect((await get('app://treasury/missing.js')).status).toBe(404)
    expect((await get('app://treasury/assets')).status).toBe(404)
    expect((await get('app://other-host/index.html')).status).toBe(404)
  })
})

describe('the app:// handler refuses every way out of the folder', () => {
  // What the URL parser already folds away (/../, /%2e%2e/) lands inside the folder and is not found;
  // what it leaves (encoded separators, empty segments, backslashes) is refused outright.
  it.each([
    ['.. written out', 'app://treasury/../secret.txt', [403, 404]],
    ['.. percent-encoded', 'app://treasury/%2e%2e/secret.txt', [403, 404]],
    ['.. with an encoded slash', 'app://treasury/..%2fsecret.txt', [403]],
    ['.. fully encoded', 'app://treasury/%2e%2e%2f%2e%2e%2fsecret.txt', [403]],
    ['.. with an encoded backslash', 'app://treasury/assets/..%5c..%5csecret.txt', [403]],
    ['an absolute path after the host', 'app://treasury//etc/passwd', [403]],
    ['an encoded absolute path', 'app://treasury/%2Fetc%2Fpasswd', [403]],
    ['a drive path', 'app://treasury/C:%5CWindows%5Cwin.ini', [403]],
    ['a NUL byte', 'app://treasury/index.html%00.js', [403]],
    ['a malformed escape', 'app://treasury/%E0%A4%A', [403]],
    ['a sibling folder sharing the prefix', 'app://treasury/..%2frenderer-evil%2fx.js', [403]],
    ['a link inside that leads outside', 'app://treasury/assets/leak.txt', [403]]
  ])('%s: %s', async (_label, url, statuses) => {
    const r = await get(url)
    expect(statuses).toContain(r.status)
    expect(await r.text()).not.toContain('SECRET')
  })

  it('decides from the URL as written, before any decoding', () => {
    expect(resolveAppPath('app://treasury/a/%2e%2e/b', root)).toEqual({ ok: false, status: 403 })
    expect(resolveAppPath('app://treasury/assets/index-1.js', root)).toEqual({
      ok: true,
      file: join(root, 'assets', 'index-1.js')
    })
    expect(resolveAppPath('file:///etc/passwd', root)).toEqual({ ok: false, status: 404 })
  })
})
